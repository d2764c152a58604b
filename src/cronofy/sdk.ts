// The only place that loads the official `cronofy` SDK (plain JS, no types): a typed view of what we call.
import type { CronofyConfig } from '../config/env';

type Options = Record<string, unknown>;

export interface CronofySdkClient {
  urls: { api: string };
  requestAccessToken(options: Options): Promise<unknown>;
  refreshAccessToken(options: Options): Promise<unknown>;
  revokeAuthorization(options: Options): Promise<unknown>;
  userInfo(options: Options): Promise<unknown>;
  conferencingServiceAuthorizations(options: Options): Promise<unknown>;
  authorizeWithServiceAccount(options: Options): Promise<unknown>;
  availability(options: Options): Promise<unknown>;
  createEvent(options: Options): Promise<unknown>;
  deleteEvent(options: Options): Promise<unknown>;
  readEvents(options: Options): Promise<unknown>;
  createNotificationChannel(options: Options): Promise<unknown>;
  deleteNotificationChannel(options: Options): Promise<unknown>;
}

type CronofyConstructor = new (options: Options) => CronofySdkClient;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Cronofy = require('cronofy') as CronofyConstructor;

/**
 * A fresh SDK client per call: the SDK mutates its config (access_token/refresh_token) on token
 * calls, so a shared instance would leak one person's tokens into another's request.
 */
export function newSdkClient(config: CronofyConfig): CronofySdkClient {
  const client = new Cronofy({ client_id: config.clientId, client_secret: config.clientSecret, data_center: config.dataCenter });
  client.urls.api = config.apiUrl;
  return client;
}

/** The error shape the SDK rejects with for HTTP errors (`statusCode`, `error.entity`). */
export interface SdkHttpError extends Error {
  statusCode?: number;
  error?: { url?: string; entity?: unknown };
  response?: { headers?: Record<string, string> };
}
