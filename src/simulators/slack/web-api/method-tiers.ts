// Which rate-limit buckets a Web API call draws from. Tiers follow slackapi/java-slack-sdk MethodsRateLimits.java.
import type { RateLimitCheck, RatePolicy } from '../rate-limits';

export const TIER_POLICIES = {
  1: { perMinute: 1, burst: 1 },
  2: { perMinute: 20, burst: 20 },
  3: { perMinute: 50, burst: 50 },
  4: { perMinute: 100, burst: 100 },
} as const satisfies Record<number, RatePolicy>;

type Tier = keyof typeof TIER_POLICIES;

/** Slack publishes "about one message per second per channel, short bursts allowed". */
export const POST_MESSAGE_PER_CHANNEL: RatePolicy = { perMinute: 60, burst: 5 };
/** Slack publishes no number for the workspace-wide chat.postMessage cap; 300/min is our choice. */
const POST_MESSAGE_PER_WORKSPACE: RatePolicy = { perMinute: 300, burst: 300 };

const METHOD_TIERS: Record<string, Tier> = {
  'auth.test': 4,
  'team.info': 3,
  'users.list': 2,
  'users.info': 4,
  'users.lookupByEmail': 3,
  'usergroups.list': 2,
  'usergroups.users.list': 2,
  'conversations.open': 3,
  'conversations.history': 3,
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'views.open': 4,
  'views.update': 4,
  'views.push': 4,
  'views.publish': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
  'oauth.v2.access': 4,
};

/** `scope` is the workspace (or OAuth client) the call is made for; the simulator hosts a single app. */
export function rateLimitChecksFor(method: string, scope: string, args: Record<string, unknown>): RateLimitCheck[] {
  if (method === 'chat.postMessage') {
    return [
      { key: `${scope}:${method}:${String(args.channel ?? '')}`, policy: POST_MESSAGE_PER_CHANNEL },
      { key: `${scope}:${method}`, policy: POST_MESSAGE_PER_WORKSPACE },
    ];
  }
  return [{ key: `${scope}:${method}`, policy: TIER_POLICIES[METHOD_TIERS[method] ?? 3] }];
}
