// Every route of both Cronofy hosts, plus the simulator's own /_sim endpoints.
import { createRouter, type Router } from '../router';
import { authorizePageRoutes } from './authorize-pages';
import { availabilityRoutes } from './availability';
import { batchRoutes } from './batch';
import { channelRoutes } from './channels';
import { conferencingAuthorizationRoutes } from './conferencing-authorization';
import { eventReadRoutes } from './event-reads';
import { eventWriteRoutes } from './event-writes';
import { identityRoutes } from './identity';
import { oauthTokenRoutes } from './oauth-token';
import { profilePageRoutes } from './profile-pages';
import { serviceAccountAuthorizationRoutes } from './service-account-authorizations';
import { simStateRoutes } from './sim-state';

export function createCronofyRouter(): Router {
  const router: Router = createRouter([
    ...authorizePageRoutes,
    ...profilePageRoutes,
    ...conferencingAuthorizationRoutes,
    ...oauthTokenRoutes,
    ...identityRoutes,
    ...serviceAccountAuthorizationRoutes,
    ...availabilityRoutes,
    ...eventReadRoutes,
    ...eventWriteRoutes,
    ...channelRoutes,
    ...batchRoutes(() => router),
    ...simStateRoutes,
  ]);
  return router;
}
