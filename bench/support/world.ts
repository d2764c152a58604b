// The outside world of a bench scenario: the Slack and Cronofy simulators, a workspace with people, and the
// environment a Slotline process needs to talk to them.
import { randomBytes } from 'node:crypto';
import { createCronofySimulator, type CronofySimulator, type RateLimit } from '../../src/simulators/cronofy';
import { createSlackSimulator, type SlackSimulator } from '../../src/simulators/slack';

export const TEAM = 'T0BENCH';
export const ADMIN = 'U0ADMIN';
export const SIGNING_SECRET = randomBytes(16).toString('hex');
const CRONOFY_CLIENT = { clientId: 'bench-client', clientSecret: randomBytes(16).toString('hex') };

export interface World {
  slack: SlackSimulator;
  cronofy: CronofySimulator;
  botToken: string;
  /** Environment for a Slotline (or bare Bolt) process on `databaseUrl`. */
  env(databaseUrl: string, dataDir: string): Record<string, string>;
  stop(): Promise<void>;
}

export function memberId(i: number): string {
  return `U${String(i).padStart(6, '0')}`;
}

/**
 * `members` people besides the admin; `slackRateLimitScale` turns Slack's rate limits on, multiplied by it;
 * `cronofyRateLimit` turns Cronofy's per-application limit on (off unless given).
 */
export async function createWorld(options: { members: number; slackRateLimitScale?: number; emailDomain?: string; cronofyRateLimit?: RateLimit }): Promise<World> {
  const slack = await createSlackSimulator({
    signingSecret: SIGNING_SECRET,
    enforceRateLimits: options.slackRateLimitScale !== undefined,
    rateLimitScale: options.slackRateLimitScale,
  });
  const cronofy = await createCronofySimulator({ ...CRONOFY_CLIENT, rateLimit: options.cronofyRateLimit ?? false, conferencingDelayMs: 5, callbackDelayMs: 5 });
  const workspace = slack.addWorkspace({ teamId: TEAM, name: 'Bench Corp' });
  slack.addUser(TEAM, { id: ADMIN, name: 'ada', realName: 'Ada Admin', email: 'ada@bench.test', tz: 'Europe/London', isAdmin: true });
  const domain = options.emailDomain ?? 'bench.test';
  for (let i = 0; i < options.members; i += 1) {
    slack.addUser(TEAM, { id: memberId(i), name: `person${i}`, realName: `Person ${i}`, email: `person${i}@${domain}`, tz: i % 3 === 0 ? 'America/New_York' : 'Europe/London' });
  }
  return {
    slack,
    cronofy,
    botToken: workspace.botToken,
    env: (databaseUrl, dataDir) => ({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: workspace.botToken,
      SLACK_API_URL: slack.apiUrl,
      CRONOFY_CLIENT_ID: CRONOFY_CLIENT.clientId,
      CRONOFY_CLIENT_SECRET: CRONOFY_CLIENT.clientSecret,
      CRONOFY_API_URL: cronofy.apiUrl,
      CRONOFY_SITE_URL: cronofy.siteUrl,
    }),
    async stop() {
      await Promise.allSettled([slack.stop(), cronofy.stop()]);
    },
  };
}
