// Simulator options, their defaults, and the context every route handler receives.
import type { Outbound } from './outbound';
import type { Store } from './store';
import type { TaskRunner } from './tasks';

export interface RateLimit {
  perSecond: number;
  perMinute: number;
}

export interface CronofySimulatorOptions {
  clientId: string;
  clientSecret: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Milliseconds since the epoch; drives token expiry, "now" checks, rate-limit windows and timestamps. */
  clock?: () => number;
  /** Per application; Cronofy's default is 50/s and 500/min. `false` disables it. */
  rateLimit?: RateLimit | false;
  /** Delay before an event's conferencing join URL appears. */
  conferencingDelayMs?: number;
  /** Delay before service-account results and push notifications are POSTed. */
  callbackDelayMs?: number;
  accessTokenTtlSec?: number;
  /** Items per page for /v1/events and /v1/free_busy. */
  pageSize?: number;
}

export interface SimConfig {
  clientId: string;
  clientSecret: string;
  clock: () => number;
  rateLimit: RateLimit | false;
  conferencingDelayMs: number;
  callbackDelayMs: number;
  accessTokenTtlSec: number;
  pageSize: number;
}

export function resolveConfig(options: CronofySimulatorOptions): SimConfig {
  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clock: options.clock ?? Date.now,
    rateLimit: options.rateLimit ?? { perSecond: 50, perMinute: 500 },
    conferencingDelayMs: options.conferencingDelayMs ?? 50,
    callbackDelayMs: options.callbackDelayMs ?? 20,
    accessTokenTtlSec: options.accessTokenTtlSec ?? 3600,
    pageSize: options.pageSize ?? 250,
  };
}

export interface SimContext {
  config: SimConfig;
  store: Store;
  tasks: TaskRunner;
  outbound: Outbound;
  /** Set once the server listens; serves as both the API and the app (browser) host. */
  baseUrl: string;
}
