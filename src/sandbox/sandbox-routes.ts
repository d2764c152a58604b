// Every route sandbox mode adds to Slotline: the page at /sandbox, its assets and its API.
import type { HttpRoute } from '../http/route';
import type { Logger } from '../platform/logger';
import { sandboxApiRoutes } from './sandbox-api';
import type { Sandbox } from './start-sandbox';
import { sandboxPageRoutes } from './web-page';

export function sandboxRoutes(sandbox: Sandbox, logger: Logger): HttpRoute[] {
  return [
    ...sandboxPageRoutes(),
    ...sandboxApiRoutes({ slackSimulator: sandbox.slackSimulator, cronofySimulator: sandbox.cronofySimulator, liveUpdates: sandbox.liveUpdates, logger }),
  ];
}
