// Starts Slotline for real (HTTP, Bolt, SQLite) against fresh Slack and Cronofy simulators.
// Tests talk to it only as Slack and Cronofy would, and inspect what it did through the simulators and the database.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startSlotline, type RunningSlotline, type StartOptions } from '../../src/app';
import type { AppContext } from '../../src/app-context';
import { loadConfig } from '../../src/config/env';
import { silentLogger, createLogger } from '../../src/platform/logger';
import { createCronofySimulator, type CronofySimulator, type PersonSeed } from '../../src/simulators/cronofy';
import { createSlackSimulator, type SlackSimulator } from '../../src/simulators/slack';
import { freshDatabaseUrl } from './test-database';

export interface TestPerson {
  slackId: string;
  name: string;
  email?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
  isRestricted?: boolean;
  /** Present when the person exists at a calendar provider (so they can connect at the Cronofy simulator). */
  calendar?: PersonSeed['calendar'];
  workingHours?: PersonSeed['workingHours'];
  conferencingAccounts?: PersonSeed['conferencingAccounts'];
}

export interface HarnessOptions {
  teamId?: string;
  teamName?: string;
  people?: TestPerson[];
  /** Enforce Slack's rate limits in the simulator (off by default so tests run fast). */
  slackRateLimits?: boolean;
  slackRateLimitScale?: number;
  cronofyRateLimit?: { perSecond: number; perMinute: number } | false;
  cronofyClock?: () => number;
  /** The Slack simulator's clock (message timestamps, expiries); default the wall clock. */
  slackClock?: () => number;
  env?: Record<string, string>;
  start?: StartOptions;
}

export interface Harness {
  app: RunningSlotline;
  ctx: AppContext;
  slack: SlackSimulator;
  cronofy: CronofySimulator;
  teamId: string;
  botToken: string;
  databaseUrl: string;
  addPerson(person: TestPerson): void;
  workspaceId(): Promise<string>;
  /**
   * Stops Slotline and starts a new one on the same database, port, keys and simulators (a deploy or a crash
   * recovery); `app` and `ctx` then point at the new instance. `whileStopped` runs when no Slotline is up;
   * `start` overrides start options of the new instance.
   */
  restart(options?: { whileStopped?: () => Promise<void>; start?: Partial<StartOptions> }): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_CRONOFY_CLIENT_ID = 'test-client';
export const TEST_CRONOFY_CLIENT_SECRET = 'test-cronofy-secret';
export const TEST_SLACK_SIGNING_SECRET = 'test-signing-secret';

/**
 * Tests of "Add to Slack" pass empty SLACK_CLIENT_ID/SECRET, and tests of Socket Mode an empty SLACK_APP_TOKEN: they are
 * filled in with the simulator's app credentials.
 */
function oauthCredentials(env: Record<string, string> | undefined, slack: SlackSimulator): Record<string, string> {
  if (!env) return {};
  const filled = { ...env };
  if (filled.SLACK_CLIENT_ID === '') filled.SLACK_CLIENT_ID = slack.clientId;
  if (filled.SLACK_CLIENT_SECRET === '') filled.SLACK_CLIENT_SECRET = slack.clientSecret;
  if (filled.SLACK_APP_TOKEN === '') filled.SLACK_APP_TOKEN = slack.appToken;
  return filled;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const teamId = options.teamId ?? 'T0TEST';
  const slack = await createSlackSimulator({
    signingSecret: TEST_SLACK_SIGNING_SECRET,
    enforceRateLimits: options.slackRateLimits ?? false,
    rateLimitScale: options.slackRateLimitScale,
    clock: options.slackClock,
  });
  const cronofy = await createCronofySimulator({
    clientId: TEST_CRONOFY_CLIENT_ID,
    clientSecret: TEST_CRONOFY_CLIENT_SECRET,
    rateLimit: options.cronofyRateLimit ?? false,
    clock: options.cronofyClock,
    conferencingDelayMs: 5,
    callbackDelayMs: 5,
  });
  const workspace = slack.addWorkspace({ teamId, name: options.teamName ?? 'Acme Test' });
  const addPerson = (person: TestPerson) => {
    const email = person.email ?? `${person.name}@acme.test`;
    slack.addUser(teamId, {
      id: person.slackId,
      name: person.name,
      realName: person.name.charAt(0).toUpperCase() + person.name.slice(1),
      email,
      tz: person.tz ?? 'Europe/London',
      isAdmin: person.isAdmin,
      isOwner: person.isOwner,
      isBot: person.isBot,
      deleted: person.deleted,
      isRestricted: person.isRestricted,
    });
    if (person.calendar) {
      cronofy.addPerson({ email, name: person.name, zone: person.tz ?? 'Europe/London', calendar: person.calendar, workingHours: person.workingHours, conferencingAccounts: person.conferencingAccounts });
    }
  };
  for (const person of options.people ?? []) addPerson(person);

  const { url: databaseUrl, dir } = freshDatabaseUrl();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.SLOTLINE_TEST_LOG_LEVEL ?? 'error',
    SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN: workspace.botToken,
    SLACK_API_URL: slack.apiUrl,
    CRONOFY_CLIENT_ID: TEST_CRONOFY_CLIENT_ID,
    CRONOFY_CLIENT_SECRET: TEST_CRONOFY_CLIENT_SECRET,
    CRONOFY_API_URL: cronofy.apiUrl,
    CRONOFY_SITE_URL: cronofy.siteUrl,
    ...oauthCredentials(options.env, slack),
  });
  const startOptions: StartOptions = {
    skipMigrations: true,
    logger: process.env.SLOTLINE_TEST_LOG_LEVEL ? createLogger(config.logLevel) : silentLogger,
    cronofyRetryPolicy: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 5_000 },
    jobPollIntervalMs: 50,
    ...options.start,
  };
  const app = await startSlotline(config, startOptions);
  slack.setAppUrl(`${app.url}/slack/events`);

  const harness: Harness = {
    app,
    ctx: app.ctx,
    slack,
    cronofy,
    teamId,
    botToken: workspace.botToken,
    databaseUrl,
    addPerson,
    async workspaceId() {
      return (await harness.ctx.workspaces.ensure({ slackTeamId: teamId })).id;
    },
    async restart(restartOptions = {}) {
      const { port, publicUrl } = harness.app;
      await harness.app.stop();
      await restartOptions.whileStopped?.();
      const next = await startSlotline({ ...config, port, publicUrl }, { ...startOptions, ...restartOptions.start });
      harness.app = next;
      harness.ctx = next.ctx;
      slack.setAppUrl(`${next.url}/slack/events`);
    },
    async stop() {
      await harness.app.stop();
      await Promise.allSettled([slack.stop(), cronofy.stop()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
