import { RateLimiter, refillBucket, retryAfterSeconds, scalePolicy, takeToken } from '../../../src/simulators/slack/rate-limits';
import { POST_MESSAGE_PER_CHANNEL, rateLimitChecksFor, TIER_POLICIES } from '../../../src/simulators/slack/web-api/method-tiers';

const tier2 = TIER_POLICIES[2];

describe('token bucket', () => {
  it('starts full, so a whole burst passes at once', () => {
    let bucket;
    for (let i = 0; i < tier2.burst; i++) {
      const result = takeToken(bucket, tier2, 0);
      expect(result.allowed).toBe(true);
      bucket = result.bucket;
    }
    expect(takeToken(bucket, tier2, 0).allowed).toBe(false);
  });

  it('says how long until the next token: 3 s at 20 per minute', () => {
    const empty = { tokens: 0, refilledAt: 0 };
    const result = takeToken(empty, tier2, 0);
    expect(result).toMatchObject({ allowed: false, retryAfterMs: 3000 });
  });

  it('refills continuously and never above the burst size', () => {
    expect(refillBucket({ tokens: 0, refilledAt: 0 }, tier2, 1500).tokens).toBeCloseTo(0.5);
    expect(refillBucket({ tokens: 0, refilledAt: 0 }, tier2, 3_600_000).tokens).toBe(tier2.burst);
  });

  it('ignores a clock that goes backwards', () => {
    expect(refillBucket({ tokens: 2, refilledAt: 1000 }, tier2, 0).tokens).toBe(2);
  });

  it('rounds Retry-After up to whole seconds, at least 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(2001)).toBe(3);
  });

  it('scales rate and burst together', () => {
    expect(scalePolicy(tier2, 10)).toEqual({ perMinute: 200, burst: 200 });
    expect(scalePolicy(TIER_POLICIES[1], 0.1).burst).toBe(1);
  });
});

describe('RateLimiter', () => {
  it('limits each key separately', () => {
    const limiter = new RateLimiter(1);
    const tier1 = { key: 'T1:views.open', policy: TIER_POLICIES[1] };
    expect(limiter.attempt([tier1], 0)).toEqual({ allowed: true });
    expect(limiter.attempt([tier1], 0)).toEqual({ allowed: false, key: 'T1:views.open', retryAfterSec: 60 });
    expect(limiter.attempt([{ ...tier1, key: 'T2:views.open' }], 0)).toEqual({ allowed: true });
  });

  it('lets a call through again once the bucket has refilled', () => {
    const limiter = new RateLimiter(1);
    const check = { key: 'k', policy: TIER_POLICIES[1] };
    limiter.attempt([check], 0);
    expect(limiter.attempt([check], 59_999).allowed).toBe(false);
    expect(limiter.attempt([check], 60_000).allowed).toBe(true);
  });

  it('consumes nothing when any bucket of a call refuses it', () => {
    const limiter = new RateLimiter(1);
    const narrow = { key: 'narrow', policy: { perMinute: 1, burst: 1 } };
    const wide = { key: 'wide', policy: { perMinute: 60, burst: 2 } };
    limiter.attempt([narrow], 0);
    expect(limiter.attempt([wide, narrow], 0).allowed).toBe(false);
    expect(limiter.attempt([wide], 0).allowed).toBe(true);
    expect(limiter.attempt([wide], 0).allowed).toBe(true);
  });
});

describe('rateLimitChecksFor', () => {
  it('puts chat.postMessage in a per-channel bucket and a workspace-wide one', () => {
    const checks = rateLimitChecksFor('chat.postMessage', 'T1', { channel: 'D1' });
    expect(checks.map((c) => c.key)).toEqual(['T1:chat.postMessage:D1', 'T1:chat.postMessage']);
    expect(checks[0].policy).toBe(POST_MESSAGE_PER_CHANNEL);
  });

  it('uses the documented tier of other methods', () => {
    expect(rateLimitChecksFor('users.list', 'T1', {})).toEqual([{ key: 'T1:users.list', policy: TIER_POLICIES[2] }]);
    expect(rateLimitChecksFor('views.open', 'T1', {})[0].policy).toBe(TIER_POLICIES[4]);
  });
});
