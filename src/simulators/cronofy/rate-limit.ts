// Cronofy's per-application rate limit: requests per second and per minute over sliding windows.
import type { RateLimit } from './config';

export interface RateLimiter {
  /** Records the request; returns the seconds to wait when it is over the limit (and not recorded). */
  admit(): number | undefined;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

export function createRateLimiter(limit: RateLimit | false, clock: () => number): RateLimiter {
  let accepted: number[] = [];

  function admit(): number | undefined {
    if (!limit) return undefined;
    const now = clock();
    accepted = accepted.filter((at) => at > now - MINUTE_MS);
    const lastSecond = accepted.filter((at) => at > now - SECOND_MS);
    const waits = [
      lastSecond.length >= limit.perSecond ? lastSecond[lastSecond.length - limit.perSecond] + SECOND_MS - now : 0,
      accepted.length >= limit.perMinute ? accepted[accepted.length - limit.perMinute] + MINUTE_MS - now : 0,
    ];
    const waitMs = Math.max(...waits);
    if (waitMs > 0) return Math.ceil(waitMs / SECOND_MS);
    accepted.push(now);
    return undefined;
  }

  return { admit };
}
