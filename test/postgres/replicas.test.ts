// Two Slotline processes on one PostgreSQL database behind a round-robin load balancer, against the Slack and
// Cronofy simulators: either replica takes any Slack request or callback, background work runs once across
// them, and a replica killed with SIGKILL mid-campaign and started again leaves nobody reminded twice or never.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCronofySimulator, type CronofySimulator } from '../../src/simulators/cronofy';
import { createSlackSimulator, type SlackSimulator } from '../../src/simulators/slack';
import { consent } from '../../src/simulators/cronofy';
import { buttonUrl, get, pageTitle } from '../support/checklist';
import { TEST_CRONOFY_CLIENT_ID, TEST_CRONOFY_CLIENT_SECRET, TEST_SLACK_SIGNING_SECRET } from '../support/harness';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { slackSignature } from '../abuse/abuse-support';
import { freePort, startBalancer, startReplica, until, type Balancer, type Replica } from './support/replicas';

const TEAM = 'T0REPL';
const ADMIN = 'U0ADA';
const CONNECTS = 'U0CAL';
const STAFF = Array.from({ length: 30 }, (_, i) => `U0P${String(i + 1).padStart(2, '0')}`);
const REMINDER_PACE_MS = 120;
/** A sender's lease, short so a reminder the kill cut off is looked at within the test (production: minutes). */
const REMINDER_LEASE_MS = 3_000;
/** The job queue's default lease: a job claimed this long before its lockedUntil. */
const JOB_LEASE_MS = 60_000;

describe('two replicas on one PostgreSQL database', () => {
  let database: PostgresTestDatabase;
  let slack: SlackSimulator;
  let cronofy: CronofySimulator;
  let balancer: Balancer;
  let dataDir: string;
  let env: Record<string, string>;
  const replicas: Replica[] = [];
  const ports: number[] = [];

  const startNamed = (index: number) =>
    startReplica(`replica-${index}`, ports[index], { ...env, DATA_DIR: path.join(dataDir, `replica-${index}`) }, {
      jobPollIntervalMs: 50,
      reminderPaceMs: REMINDER_PACE_MS,
      reminderLeaseMs: REMINDER_LEASE_MS,
      cronofyRetryPolicy: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 5_000 },
    });

  /** Reminder DMs Slack accepted, per person. */
  const remindersTo = () => {
    const counts = new Map<string, number>();
    for (const call of slack.apiCalls('chat.postMessage')) {
      if (call.status !== 200 || call.error || !String(call.args.text).includes(':bell:')) continue;
      const to = String(call.args.channel);
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    slack = await createSlackSimulator({ signingSecret: TEST_SLACK_SIGNING_SECRET, enforceRateLimits: false });
    cronofy = await createCronofySimulator({ clientId: TEST_CRONOFY_CLIENT_ID, clientSecret: TEST_CRONOFY_CLIENT_SECRET, rateLimit: false, conferencingDelayMs: 5, callbackDelayMs: 5 });
    const workspace = slack.addWorkspace({ teamId: TEAM, name: 'Replica Co' });
    slack.addUser(TEAM, { id: ADMIN, name: 'ada', realName: 'Ada', email: 'ada@replica.test', tz: 'Europe/London', isAdmin: true });
    slack.addUser(TEAM, { id: CONNECTS, name: 'carl', realName: 'Carl', email: 'carl@replica.test', tz: 'Europe/London' });
    cronofy.addPerson({ email: 'carl@replica.test', name: 'carl', zone: 'Europe/London', calendar: { provider: 'google' } });
    for (const id of STAFF) slack.addUser(TEAM, { id, name: id.toLowerCase(), realName: id, email: `${id.toLowerCase()}@replica.test`, tz: 'Europe/London' });

    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-replicas-'));
    ports.push(await freePort(), await freePort());
    balancer = await startBalancer(() => replicas.map((replica) => ({ name: replica.name, url: replica.url })));
    env = {
      NODE_ENV: 'test',
      PUBLIC_URL: balancer.url,
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
      SLACK_BOT_TOKEN: workspace.botToken,
      SLACK_API_URL: slack.apiUrl,
      CRONOFY_CLIENT_ID: TEST_CRONOFY_CLIENT_ID,
      CRONOFY_CLIENT_SECRET: TEST_CRONOFY_CLIENT_SECRET,
      CRONOFY_API_URL: cronofy.apiUrl,
      CRONOFY_SITE_URL: cronofy.siteUrl,
    };
    // Both start at once, as after a deploy: each creates the workspace and schedules its import if nobody has.
    replicas.push(...(await Promise.all([startNamed(0), startNamed(1)])));
    slack.setAppUrl(`${balancer.url}/slack/events`);
    await until('the roster import', async () => (await database.db.employee.count()) === STAFF.length + 2 && (await database.db.job.count({ where: { kind: 'employees.import' } })) === 0);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(replicas.map((replica) => replica.stop()));
    await balancer?.stop();
    await Promise.allSettled([slack?.stop(), cronofy?.stop()]);
    await database?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    const failed = expect.getState().assertionCalls !== expect.getState().numPassingAsserts;
    if (failed) for (const replica of replicas) process.stderr.write(`--- ${replica.name}\n${replica.output().slice(-4_000)}\n`);
  });

  it('set up the workspace and its scheduled work once, though both replicas started together', async () => {
    expect(await database.db.workspace.count()).toBe(1);
    expect(await database.db.job.count({ where: { kind: 'employees.reconcile' } })).toBe(1);
    expect(await database.db.job.count({ where: { kind: 'employees.import' } })).toBe(0);
    expect(slack.apiCalls('users.list').length).toBeGreaterThan(0);
  });

  it('answers Slack on either replica, and finishes a sign-in on the replica that did not start it', async () => {
    const before = balancer.served.length;
    for (let i = 0; i < 6; i += 1) {
      const result = await slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'help' });
      expect(result.status).toBe(200);
      expect(result.ackedInTime).toBe(true);
    }
    expect(new Set(balancer.served.slice(before))).toEqual(new Set(['replica-0', 'replica-1']));

    await slack.openHome(TEAM, CONNECTS);
    const home = await until('Carl’s Home tab', async () => slack.homeView(CONNECTS, TEAM));
    const link = buttonUrl(home.spec.blocks as never, 'onboarding_connect_calendar_google');
    expect(link.startsWith(balancer.url)).toBe(true);
    // The link opens on one replica and Cronofy's callback lands on the other: the OAuth state lives in the database.
    const onReplica = (url: string, replica: Replica) => url.replace(balancer.url, replica.url);
    const start = await get(onReplica(link, replicas[0]));
    expect(start.status).toBe(302);
    const { location } = await consent(start.location as string, { email: 'carl@replica.test', allow: true });
    expect(location.startsWith(balancer.url)).toBe(true);
    expect(pageTitle(await get(onReplica(location, replicas[1])))).toBe('Google calendar connected');
    const employee = await database.db.employee.findFirstOrThrow({ where: { slackUserId: CONNECTS } });
    expect((await database.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: employee.id } })).state).toBe('connected');
  }, 60_000);

  it('refuses a copy of a signed Slack request on the other replica', async () => {
    const body = JSON.stringify({ token: 'x', team_id: TEAM, api_app_id: 'A0', type: 'event_callback', event_id: 'Ev0COPY', event_time: Math.floor(Date.now() / 1000), event: { type: 'app_home_opened', user: ADMIN, channel: 'D0ADA', tab: 'messages' } });
    const headers = { 'content-type': 'application/json', ...slackSignature(TEST_SLACK_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) };
    const first = await fetch(`${replicas[0].url}/slack/events`, { method: 'POST', headers, body });
    const copy = await fetch(`${replicas[1].url}/slack/events`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    expect(copy.status).toBe(401);
    expect(await database.db.processedSlackEvent.count({ where: { eventId: 'Ev0COPY' } })).toBe(1);
  });

  it('sends a campaign’s reminders once across replicas, through a SIGKILL and restart of one of them', async () => {
    const started = await slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'nudge' });
    expect(started.status).toBe(200);
    const campaign = await until('the campaign', async () => database.db.nudgeCampaign.findFirst({ where: { startedBySlackUserId: ADMIN } }));
    expect(campaign.total).toBeGreaterThanOrEqual(STAFF.length);

    await until('a third of the reminders', async () => [...remindersTo().values()].reduce((sum, n) => sum + n, 0) >= 10);
    // Slack now answers chat.postMessage slowly, so the replica sending a reminder can be killed after Slack posted it
    // and before it heard back: the moment a reminder is doubled or lost if nobody looks in the DM.
    slack.delayAnswers('chat.postMessage', 2_000);
    const cut = await until('a reminder Slack posted and has not answered yet', async () => {
      for (const row of await database.db.nudge.findMany({ where: { campaignId: campaign.id, status: 'sending' } })) {
        const message = slack.messages().find((m) => m.metadata?.event_payload.nudge_id === row.id);
        if (!message || !row.claimedAt) continue;
        // The sender is the replica whose dispatcher run (a job) was claimed before the reminder was.
        const runs = await database.db.job.findMany({ where: { kind: 'reminders.dispatch', status: 'running', lockedUntil: { lte: new Date(row.claimedAt.getTime() + JOB_LEASE_MS) } } });
        const index = replicas.findIndex((replica) => runs.some((run) => run.lockedBy?.includes(`:${replica.pid}:`)));
        if (index >= 0) return { row, message, index };
      }
      return null;
    });
    await replicas[cut.index].kill();
    slack.delayAnswers('chat.postMessage', null);
    const sentAtKill = [...remindersTo().values()].reduce((sum, n) => sum + n, 0);
    replicas[cut.index] = await startNamed(cut.index);

    // Done when every first reminder is resolved: one the kill cut off is looked for in its DM once its lease lapses,
    // and recorded as sent if Slack had it, or sent then.
    await until('the first wave', async () => (await database.db.nudge.count({ where: { campaignId: campaign.id, sequence: 0, status: { in: ['scheduled', 'sending'] } } })) === 0, 60_000);
    const rows = await database.db.nudge.findMany({ where: { campaignId: campaign.id, sequence: 0 }, include: { employee: true } });
    const reminders = remindersTo();
    expect(sentAtKill).toBeLessThan(rows.length);

    // Everyone exactly once: nobody twice, nobody lost.
    expect(rows.map((row) => [row.employee.slackUserId, reminders.get(row.employee.slackUserId) ?? 0]).filter(([, count]) => count !== 1)).toEqual([]);
    expect(new Set(reminders.keys())).toEqual(new Set(rows.map((row) => row.employee.slackUserId)));
    expect(rows.filter((row) => row.status !== 'sent').map((row) => [row.employee.slackUserId, row.status, row.error])).toEqual([]);
    // Each row points at the one DM its person got; the one cut off was found in its DM, not posted again.
    const posted = new Set(slack.messages().map((message) => message.ts));
    for (const row of rows) expect(posted.has(String(row.messageTs))).toBe(true);
    expect(rows.find((row) => row.id === cut.row.id)?.messageTs).toBe(cut.message.ts);
    // Usually found by reading the DM (conversations.history); on a loaded machine the held answer can still reach
    // its sender before the kill lands, which records it the ordinary way. Either way it was not posted again
    // (above); test/reminders/reconcile.test.ts covers the history lookup itself.
  }, 120_000);
});
