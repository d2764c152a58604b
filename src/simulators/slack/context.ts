// The simulator's parts, wired once in simulator.ts and handed to the HTTP routes and the driver.
import type { AnswerDelays } from './answer-delays';
import type { AppIdentity, Directory } from './directory';
import type { FileUploads } from './file-uploads';
import type { IdFactory } from './ids';
import type { Messaging } from './messaging';
import type { OAuthGrants } from './oauth-grants';
import type { RateLimiter } from './rate-limits';
import type { ResponseUrls } from './response-urls';
import type { SocketModeHub } from './socket-mode';
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
  /** Web API methods whose answers are held back on purpose (the call itself is carried out at once). */
  readonly answerDelays: AnswerDelays;
  /** The app's Socket Mode connections; while one is open, requests go over it instead of to appUrl. */
  readonly socketMode: SocketModeHub;
  readonly baseUrl: () => string;
  readonly appUrl: () => string | undefined;
}
