// Token buckets: pure functions of (bucket, policy, now) plus a small keyed limiter. No timers, no wall clock.

export interface RatePolicy {
  /** Sustained rate. */
  perMinute: number;
  /** How many calls may be made at once from a full bucket. */
  burst: number;
}

export interface Bucket {
  tokens: number;
  refilledAt: number;
}

export type TakeResult = { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterMs: number };

export interface RateLimitCheck {
  key: string;
  policy: RatePolicy;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; key: string; retryAfterSec: number };

export function scalePolicy(policy: RatePolicy, scale: number): RatePolicy {
  return { perMinute: policy.perMinute * scale, burst: Math.max(1, Math.round(policy.burst * scale)) };
}

export function refillBucket(bucket: Bucket | undefined, policy: RatePolicy, now: number): Bucket {
  if (!bucket) return { tokens: policy.burst, refilledAt: now };
  const elapsedMs = Math.max(0, now - bucket.refilledAt);
  const tokens = Math.min(policy.burst, bucket.tokens + (elapsedMs * policy.perMinute) / 60_000);
  return { tokens, refilledAt: now };
}

export function takeToken(bucket: Bucket | undefined, policy: RatePolicy, now: number): TakeResult {
  const refilled = refillBucket(bucket, policy, now);
  if (refilled.tokens >= 1) return { allowed: true, bucket: { ...refilled, tokens: refilled.tokens - 1 } };
  const retryAfterMs = Math.ceil(((1 - refilled.tokens) * 60_000) / policy.perMinute);
  return { allowed: false, bucket: refilled, retryAfterMs };
}

export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** A call passes only if every bucket it touches has a token; a refused call consumes nothing. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly scale: number) {}

  attempt(checks: readonly RateLimitCheck[], now: number): RateLimitDecision {
    const taken: Array<{ key: string; bucket: Bucket }> = [];
    for (const check of checks) {
      const result = takeToken(this.buckets.get(check.key), scalePolicy(check.policy, this.scale), now);
      if (!result.allowed) return { allowed: false, key: check.key, retryAfterSec: retryAfterSeconds(result.retryAfterMs) };
      taken.push({ key: check.key, bucket: result.bucket });
    }
    for (const { key, bucket } of taken) this.buckets.set(key, bucket);
    return { allowed: true };
  }
}
