// The simulator's parts, wired once in simulator.ts and handed to the HTTP routes and the driver.
import type { AppIdentity, Directory } from './directory';
import type { FileUploads } from './file-uploads';
import type { IdFactory } from './ids';
import type { Messaging } from './messaging';
import type { OAuthGrants } from './oauth-grants';
import type { RateLimiter } from './rate-limits';
import type { ResponseUrls } from './response-urls';
import type { SimStore } from './store';
import type { TriggerRegistry } from './triggers';
import type { ViewStacks } from './view-stacks';

export interface SimulatorContext {
  readonly app: AppIdentity;
  readonly clock: () => number;
  readonly ids: IdFactory;
  readonly directory: Directory;
  readonly store: SimStore;
  readonly triggers: TriggerRegistry;
  readonly views: ViewStacks;
  readonly messaging: Messaging;
  readonly responseUrls: ResponseUrls;
  readonly uploads: FileUploads;
  readonly oauthGrants: OAuthGrants;
  /** Null when rate limits are not enforced. */
  readonly rateLimiter: RateLimiter | null;
  readonly baseUrl: () => string;
  readonly appUrl: () => string | undefined;
}
