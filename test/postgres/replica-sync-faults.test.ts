// Replicas killed with SIGKILL in the middle of the two long syncs, then started again: the first roster import of a
// workspace and an Enterprise Connect sync finish on their own, with nobody imported or asked for twice and nobody
// left out. Each replica reaches the simulators through its own proxy (support/upstream-proxy.ts), which tells which
// replica sent a request and lets the test kill that replica while the request is at a chosen point.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_JOB } from '../../src/employees/reconcile-job';
import { hashCallbackToken } from '../../src/enterprise/callback-token';
import { consent, createCronofySimulator, type CronofySimulator } from '../../src/simulators/cronofy';
import { createSlackSimulator, type ResponseUrlPostRecord, type SlackObject, type SlackSimulator } from '../../src/simulators/slack';
import { buttonUrl, get, pageTitle } from '../support/checklist';
import { TEST_CRONOFY_CLIENT_ID, TEST_CRONOFY_CLIENT_SECRET, TEST_SLACK_SIGNING_SECRET } from '../support/harness';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { freePort, startBalancer, startReplica, until, type Balancer, type Replica } from './support/replicas';
import { startUpstreamProxy, type ProxiedCall, type UpstreamProxy } from './support/upstream-proxy';
import type { StartOptions } from '../../src/app';

/** A killed replica's job is taken over after this long (the default minute would only make the test slower). */
const LEASE_MS = 3_000;

/** Two replica slots on one database, each with its own proxy in front of one simulator. */
class ReplicaPair {
  readonly replicas: Array<Replica | undefined> = [undefined, undefined];
  readonly proxies: UpstreamProxy[] = [];
  private readonly ports: number[] = [];
  private dataDir = '';

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
    /** The settings that point one replica at its own proxy. */
    private readonly throughProxy: (proxy: UpstreamProxy) => Record<string, string>,
    private readonly options: Partial<StartOptions>,
  ) {}

  async prepare(upstream: string): Promise<void> {
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `slotline-${this.name}-`));
    for (let i = 0; i < 2; i += 1) {
      this.ports.push(await freePort());
      this.proxies.push(await startUpstreamProxy(upstream));
    }
  }

  async start(index: number): Promise<Replica> {
    const replica = await startReplica(`${this.name}-${index}`, this.ports[index], { ...this.env, ...this.throughProxy(this.proxies[index]), DATA_DIR: path.join(this.dataDir, String(index)) }, this.options);
    this.replicas[index] = replica;
    return replica;
  }

  running(): Replica[] {
    return this.replicas.filter((replica): replica is Replica => replica !== undefined);
  }

  output(): string {
    return this.running()
      .map((replica) => `--- ${replica.name}\n${replica.output().slice(-4_000)}`)
      .join('\n');
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.running().map((replica) => replica.stop()));
    await Promise.allSettled(this.proxies.map((proxy) => proxy.stop()));
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** What every replica of one deployment shares: the database, the keys, the Slack and Cronofy credentials. */
function baseEnv(database: PostgresTestDatabase, botToken: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN: botToken,
    CRONOFY_CLIENT_ID: TEST_CRONOFY_CLIENT_ID,
    CRONOFY_CLIENT_SECRET: TEST_CRONOFY_CLIENT_SECRET,
  };
}

/** A failing test shows what the replicas logged. */
function withReplicaOutput(pair: () => ReplicaPair | undefined, body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      process.stderr.write(`${pair()?.output() ?? ''}\n`);
      throw error;
    }
  };
}

describe('a replica killed with SIGKILL during the first roster import', () => {
  const TEAM = 'T0ROSTER';
  const MEMBERS = 4_000;
  /** Of every 40 members one has left Slack, one is a bot and one a guest: none of them becomes an employee. */
  const kindOf = (i: number): 'deleted' | 'bot' | 'guest' | 'member' => (['deleted', 'bot', 'guest'] as const)[i % 40] ?? 'member';
  const memberId = (i: number) => `U${String(i).padStart(6, '0')}`;
  const isUsersList = (call: ProxiedCall) => call.url.startsWith('/api/users.list');

  let database: PostgresTestDatabase;
  let slack: SlackSimulator;
  let cronofy: CronofySimulator;
  let pair: ReplicaPair;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    slack = await createSlackSimulator({ signingSecret: TEST_SLACK_SIGNING_SECRET, enforceRateLimits: false });
    cronofy = await createCronofySimulator({ clientId: TEST_CRONOFY_CLIENT_ID, clientSecret: TEST_CRONOFY_CLIENT_SECRET, rateLimit: false });
    const workspace = slack.addWorkspace({ teamId: TEAM, name: 'Roster Co' });
    for (let i = 0; i < MEMBERS; i += 1) {
      const kind = kindOf(i);
      slack.addUser(TEAM, { id: memberId(i), name: `member${i}`, email: `member${i}@roster.test`, tz: 'Europe/Paris', deleted: kind === 'deleted', isBot: kind === 'bot', isRestricted: kind === 'guest' });
    }
    const env = { ...baseEnv(database, workspace.botToken), CRONOFY_API_URL: cronofy.apiUrl, CRONOFY_SITE_URL: cronofy.siteUrl };
    pair = new ReplicaPair('roster', env, (proxy) => ({ SLACK_API_URL: `${proxy.url}/api/` }), { jobPollIntervalMs: 50, jobLeaseMs: LEASE_MS });
    await pair.prepare(slack.url);
    // users.list pages take a while, as they do from a large workspace: the import is still going when the kills come.
    for (const proxy of pair.proxies) proxy.slowDown(isUsersList, 120);
  }, 60_000);

  afterAll(async () => {
    await pair?.dispose();
    await Promise.allSettled([slack?.stop(), cronofy?.stop()]);
    await database?.dispose();
  });

  const employees = () => database.db.employee.count();

  it('imports every member exactly once, though the replica doing it was killed twice, and DMs nobody', withReplicaOutput(() => pair, async () => {
    let lists = 0;
    const fifthPage = pair.proxies[0].holdNext((call) => isUsersList(call) && ++lists === 5, 'before');
    const first = await pair.start(0);
    // Killed while it waits for page five: four pages are in, the fifth job is claimed but not done.
    const held = await fifthPage;
    await first.kill();
    const afterFirstKill = await employees();
    expect(afterFirstKill).toBeGreaterThan(0);

    // While no replica runs, a member the import has not reached leaves Slack and a new one joins.
    const leaver = memberId(MEMBERS - 1);
    expect(kindOf(MEMBERS - 1)).toBe('member');
    slack.updateUser(TEAM, leaver, { deleted: true });
    slack.addUser(TEAM, { id: 'U9LATE', name: 'late', email: 'late@roster.test', tz: 'Europe/Paris' });
    pair.proxies[0].reset();
    pair.proxies[0].slowDown(isUsersList, 120);

    await Promise.all([pair.start(0), pair.start(1)]);
    // The second kill lands wherever the replica holding an import page happens to be (reading Slack or writing rows).
    await until('more members imported after the restart', async () => (await employees()) >= afterFirstKill + 600);
    const holder = await until('the replica running an import page', async () => {
      const job = await database.db.job.findFirst({ where: { kind: IMPORT_JOB, status: 'running' } });
      return pair.running().find((replica) => job?.lockedBy?.includes(`:${replica.pid}:`));
    });
    await holder.kill();
    const afterSecondKill = await employees();

    // Nobody restarts anything: the other replica takes the page over once the lease runs out.
    await until('the import to finish', async () => (await database.db.job.count({ where: { kind: IMPORT_JOB } })) === 0, 60_000);

    const expected = Array.from({ length: MEMBERS }, (_, i) => i)
      .filter((i) => kindOf(i) === 'member')
      .map(memberId)
      .filter((id) => id !== leaver)
      .concat('U9LATE')
      .sort();
    const rows = await database.db.employee.findMany({ select: { slackUserId: true, deactivatedAt: true } });
    expect(afterSecondKill).toBeLessThan(expected.length);
    expect(rows.map((row) => row.slackUserId).sort()).toEqual(expected);
    expect(rows.filter((row) => row.deactivatedAt)).toEqual([]);

    const listCalls = slack.apiCalls('users.list').filter((call) => call.status === 200);
    // Resumed from the page that was cut off, never from the top.
    expect(listCalls.filter((call) => !call.args.cursor)).toHaveLength(1);
    const heldCursor = new URLSearchParams(held.body).get('cursor');
    expect(heldCursor).toBeTruthy();
    expect(listCalls.some((call) => call.args.cursor === heldCursor)).toBe(true);
    // A first import DMs nobody, even when it resumes with employees already in the workspace.
    expect(slack.apiCalls('chat.postMessage')).toEqual([]);
    expect(await database.db.job.count({ where: { status: 'failed' } })).toBe(0);
  }), 240_000);
});

describe('a replica killed with SIGKILL during an Enterprise Connect sync', () => {
  const TEAM = 'T0ECSYNC';
  const DOMAIN = 'corp.test';
  const IT_ADMIN = `it@${DOMAIN}`;
  const ADMIN = 'U0ADMIN';
  const PEOPLE = 400;
  const BATCH_PATH = '/v1/service_account_authorizations';
  const CUT_OFF_WAIT_MS = 5_000;
  const everyone = [`ada@${DOMAIN}`, ...Array.from({ length: PEOPLE }, (_, i) => `person${i}@${DOMAIN}`)];

  const isBatch = (call: ProxiedCall) => call.method === 'POST' && call.url.startsWith(BATCH_PATH);
  const isCodeExchange = (call: ProxiedCall) => call.url.startsWith('/oauth/token') && call.body.includes('authorization_code');
  const emailsIn = (call: ProxiedCall): string[] => {
    const body = JSON.parse(call.body) as { email?: string; service_account_authorizations?: Array<{ email: string }> };
    return body.service_account_authorizations?.map((entry) => entry.email) ?? (body.email ? [body.email] : []);
  };

  let database: PostgresTestDatabase;
  let slack: SlackSimulator;
  let cronofy: CronofySimulator;
  let balancer: Balancer;
  let pair: ReplicaPair;

  /** People's codes the replica behind `proxy` exchanged with Cronofy whose tokens it has not stored (yet). */
  const codesNotStored = async (proxy: UpstreamProxy) => {
    const tokens = proxy.forwarded
      .filter((call) => isCodeExchange(call) && call.status === 200)
      .map((call) => new URL((JSON.parse(call.body) as { redirect_uri: string }).redirect_uri).pathname)
      .filter((pathname) => pathname.startsWith('/cronofy/ec/'))
      .map((pathname) => pathname.slice('/cronofy/ec/'.length));
    const stored = await database.db.serviceAccountAuthorization.count({ where: { callbackTokenHash: { in: tokens.map(hashCallbackToken) }, employee: { calendar: { accessTokenEnc: { not: null } } } } });
    return tokens.length - stored;
  };

  /** Authorization requests Cronofy accepted, per email, whichever replica sent them. */
  const acceptedPerEmail = () => {
    const counts = new Map<string, number>();
    for (const call of pair.proxies.flatMap((proxy) => proxy.forwarded)) {
      if (!isBatch(call) || call.status !== 202) continue;
      for (const email of emailsIn(call)) counts.set(email, (counts.get(email) ?? 0) + 1);
    }
    return counts;
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    slack = await createSlackSimulator({ signingSecret: TEST_SLACK_SIGNING_SECRET, enforceRateLimits: false });
    // Callbacks come a little after the 202, so the one for a batch whose sender is being killed lands elsewhere.
    cronofy = await createCronofySimulator({ clientId: TEST_CRONOFY_CLIENT_ID, clientSecret: TEST_CRONOFY_CLIENT_SECRET, rateLimit: false, callbackDelayMs: 150, conferencingDelayMs: 5 });
    cronofy.addEnterpriseDomain({ domain: DOMAIN, provider: 'office365', adminEmail: IT_ADMIN });
    const workspace = slack.addWorkspace({ teamId: TEAM, name: 'Corp' });
    slack.addUser(TEAM, { id: ADMIN, name: 'ada', realName: 'Ada', email: `ada@${DOMAIN}`, tz: 'Europe/London', isAdmin: true });
    for (let i = 0; i < PEOPLE; i += 1) slack.addUser(TEAM, { id: `U1${String(i).padStart(5, '0')}`, name: `person${i}`, email: `person${i}@${DOMAIN}`, tz: 'Europe/London' });
    for (const email of everyone) cronofy.addPerson({ email, name: email.split('@')[0], zone: 'Europe/London', calendar: { provider: 'office365' } });

    // Cronofy redelivers a callback whose delivery failed (a replica died while handling it).
    balancer = await startBalancer(() => pair.running().map((replica) => ({ name: replica.name, url: replica.url })), { redeliver: /^\/cronofy\/ec\// });
    pair = new ReplicaPair(
      'ec',
      { ...baseEnv(database, workspace.botToken), PUBLIC_URL: balancer.url, SLACK_API_URL: slack.apiUrl, CRONOFY_SITE_URL: cronofy.siteUrl },
      (proxy) => ({ CRONOFY_API_URL: proxy.url }),
      {
        jobPollIntervalMs: 50,
        jobLeaseMs: LEASE_MS,
        // 50 batches of 8, paced over about 15 seconds.
        enterprisePacing: { callsPerMinute: 4_800, batchSize: 8, cutOffWaitMs: CUT_OFF_WAIT_MS },
        cronofyRetryPolicy: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 10_000 },
      },
    );
    await pair.prepare(cronofy.url);
    await Promise.all([pair.start(0), pair.start(1)]);
    slack.setAppUrl(`${balancer.url}/slack/events`);
    await until('the roster import', async () => (await database.db.employee.count()) === everyone.length && (await database.db.job.count({ where: { kind: IMPORT_JOB } })) === 0, 60_000);
  }, 120_000);

  afterAll(async () => {
    await pair?.dispose();
    await balancer?.stop();
    await Promise.allSettled([slack?.stop(), cronofy?.stop()]);
    await database?.dispose();
  });

  /** The admin links Enterprise Connect from `/integrations enterprise`, which starts syncing everyone. */
  async function link(): Promise<void> {
    const since = slack.seq;
    const command = await slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'enterprise' });
    expect(command.status).toBe(200);
    const reply = (await slack.waitFor((record) => record.kind === 'responseUrlPost' && record.url === command.responseUrl && record.status === 200, { since, timeoutMs: 10_000 })) as ResponseUrlPostRecord;
    const opened = await get(buttonUrl((reply.body as { blocks: SlackObject[] }).blocks, 'enterprise_link_office365'));
    expect(opened.status).toBe(302);
    const { location } = await consent(opened.location ?? '', { email: IT_ADMIN, allow: true });
    expect(pageTitle(await get(location))).toBe('Enterprise Connect linked');
  }

  /**
   * Kills replica `index` while one of its batch requests is held `before` Cronofy sees it or `after` Cronofy
   * accepted it. The kill is aimed at the batch alone: code exchanges the replica starts from then on are held
   * before Cronofy sees them (their codes stay unused), and those already under way first get their tokens stored.
   */
  async function killMidBatch(index: number, where: 'before' | 'after'): Promise<string[]> {
    const proxy = pair.proxies[index];
    const held = await proxy.holdNext(isBatch, where, 20_000);
    proxy.holdEvery(isCodeExchange);
    await until('the replica to store the tokens of every code Cronofy gave it', async () => proxy.inFlight(isCodeExchange) === 0 && (await codesNotStored(proxy)) === 0, 20_000);
    await pair.replicas[index]?.kill();
    proxy.reset();
    return emailsIn(held);
  }

  it('asks Cronofy once for everyone, though a replica was killed after Cronofy took a batch and another before it did', withReplicaOutput(() => pair, async () => {
    await link();
    const run = await until('the initial sync', async () => database.db.enterpriseSyncRun.findFirst({ where: { kind: 'initial', status: 'running' } }));
    const stateOf = async (emails: string[]) =>
      (await database.db.serviceAccountAuthorization.findMany({ where: { runId: run.id, employee: { email: { in: emails } } }, select: { state: true } })).map((row) => row.state);

    // Cronofy accepted this batch; the replica that sent it never heard so.
    const acceptedUnheard = await killMidBatch(0, 'after');
    expect(acceptedUnheard.length).toBeGreaterThan(0);
    expect(acceptedUnheard.filter((email) => acceptedPerEmail().get(email) !== 1)).toEqual([]);
    expect(await stateOf(acceptedUnheard)).not.toContain('requested');
    await pair.start(0);

    // This batch never reached Cronofy. The sync must still be under way for the kill to cut into it.
    expect(await database.db.serviceAccountAuthorization.count({ where: { runId: run.id, state: 'queued' } })).toBeGreaterThan(0);
    const neverSent = await killMidBatch(1, 'before');
    expect(neverSent.length).toBeGreaterThan(0);
    expect(neverSent.filter((email) => acceptedPerEmail().has(email))).toEqual([]);
    expect(new Set(await stateOf(neverSent))).toEqual(new Set(['sending']));
    // Started again while replica 0 carries on: the sync does not wait for it.
    const restarted = pair.start(1);

    // Generous for a loaded CI machine; on a timeout, say where the sync stood.
    const finished = await until('the sync run to finish', async () => {
      const current = await database.db.enterpriseSyncRun.findUniqueOrThrow({ where: { id: run.id } });
      return current.status !== 'running' && current;
    }, 150_000).catch(async (error: Error) => {
      const states = await database.db.serviceAccountAuthorization.groupBy({ by: ['state'], where: { runId: run.id }, _count: { _all: true } });
      const jobs = await database.db.job.findMany({ select: { kind: true, status: true, runAt: true, attempts: true, lastError: true } });
      throw new Error(`${error.message}; requests by state ${JSON.stringify(states.map((s) => [s.state, s._count._all]))}; jobs ${JSON.stringify(jobs)}`);
    });
    expect(finished).toMatchObject({ status: 'completed', total: everyone.length });
    await restarted;

    const accepted = acceptedPerEmail();
    expect([...accepted.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect([...accepted.keys()].sort()).toEqual([...everyone].sort());
    // The proxies saw every batch Cronofy accepted.
    const batchesAtCronofy = cronofy.requests.filter((request) => request.path === BATCH_PATH && request.status === 202).length;
    expect(pair.proxies.flatMap((proxy) => proxy.forwarded).filter((call) => isBatch(call) && call.status === 202)).toHaveLength(batchesAtCronofy);

    const rows = await database.db.serviceAccountAuthorization.findMany({ where: { runId: run.id }, select: { state: true } });
    expect(rows).toHaveLength(everyone.length);
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(['succeeded']));
    expect(await database.db.calendarConnection.count({ where: { state: 'connected', viaEnterpriseConnect: true } })).toBe(everyone.length);
    expect(await database.db.job.count({ where: { status: 'failed' } })).toBe(0);
  }), 240_000);
});
