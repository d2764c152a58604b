import type { RequestLogEntry } from '../../src/simulators/cronofy';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness, type TestPerson } from '../support/harness';
import { fakeClock } from '../support/fakes';
import { linkEnterprise, settle } from './enterprise-support';

/**
 * Syncing a whole company through Enterprise Connect against the Cronofy simulator enforcing Cronofy's real
 * per-application limits (50 requests a second, 500 a minute) with Slotline's default pacing. Slotline and the
 * simulator share one fake clock that the test moves on in one-second steps, letting due jobs and callbacks
 * finish at each step: the six minutes the pacing needs pass in seconds, and a busy machine only makes the
 * test slower, never changes what Cronofy sees.
 */
const STEP_MS = 1_000;
const CRONOFY_LIMIT = { perSecond: 50, perMinute: 500 };
const ADMIN_EMAIL = 'it-admin@acme.test';
const ADMIN: TestPerson = { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, calendar: { provider: 'office365' } };

/** 499 more people on acme.test: 479 with mailboxes, 15 without (mailbox not found), 5 shared mailboxes. */
function company(): TestPerson[] {
  return Array.from({ length: 499 }, (_, i): TestPerson => {
    const slackId = `U${String(i).padStart(6, '0')}`;
    const name = `person${i}`;
    if (i < 479) return { slackId, name, calendar: { provider: 'office365' } };
    if (i < 494) return { slackId, name };
    return { slackId, name, calendar: { provider: 'office365', sharedMailbox: true } };
  });
}

const CONTRACTORS: TestPerson[] = [1, 2, 3].map((i) => ({ slackId: `U0CONTR${i}`, name: `contractor${i}`, email: `contractor${i}@partner.test`, calendar: { provider: 'google' } }));

function apiCalls(requests: RequestLogEntry[]): RequestLogEntry[] {
  return requests.filter((r) => !/^\/(oauth\/authorize|enterprise_connect\/)/.test(r.path));
}

/** The most requests in any window of `windowMs` (simulator time). */
function busiestWindow(requests: RequestLogEntry[], windowMs: number): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('Enterprise Connect sync of a 500-person company', () => {
  let harness: Harness;
  let workspaceId: string;
  const clock = fakeClock(new Date());

  beforeAll(async () => {
    harness = await startHarness({
      people: [ADMIN, ...company(), ...CONTRACTORS],
      cronofyRateLimit: CRONOFY_LIMIT,
      cronofyClock: () => clock.now().getTime(),
      start: { clock },
    });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  }, 30_000);
  afterAll(() => harness.stop());

  const status = () => harness.ctx.enterprise.status(workspaceId);

  /** Moves both clocks on step by step, letting due work finish at each step, until `check` holds. */
  async function runUntil<T>(check: () => Promise<T | undefined | false>, what: string, maxSimulatedMs = 15 * 60_000): Promise<T> {
    for (let elapsed = 0; ; elapsed += STEP_MS) {
      await settle(harness);
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (elapsed > maxSimulatedMs) throw new Error(`${what} did not happen within ${maxSimulatedMs / 60_000} simulated minutes`);
      clock.advance(STEP_MS);
    }
  }

  it('links once and syncs every existing employee on the domain in paced batches of 50, inside Cronofy’s limits', async () => {
    const linked = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: ADMIN_EMAIL, provider: 'office365' });
    expect(linked.status).toBe(200);

    const done = await runUntil(async () => {
      const s = await status();
      return s.counts.requested === 500 && s.counts.pending === 0 && s.run === null ? s : undefined;
    }, 'the initial sync');
    expect(done.counts).toEqual({ requested: 500, succeeded: 480, failed: 20, pending: 0 });

    const connected = await harness.ctx.db.calendarConnection.count({ where: { state: 'connected', viaEnterpriseConnect: true } });
    expect(connected).toBe(480);
    const reasons = await harness.ctx.db.calendarConnection.groupBy({ by: ['reason'], where: { state: 'not_connected' }, _count: { _all: true } });
    expect(Object.fromEntries(reasons.map((r) => [r.reason, r._count._all]))).toEqual({ ec_mailbox_not_found: 15, ec_shared_mailbox: 5 });
    // Contractors on another domain were never asked for.
    const contractors = await harness.ctx.db.serviceAccountAuthorization.count({ where: { employee: { email: { endsWith: '@partner.test' } } } });
    expect(contractors).toBe(0);

    const requests = apiCalls(harness.cronofy.requests);
    const batches = requests.filter((r) => r.method === 'POST' && r.path === '/v1/service_account_authorizations');
    expect(batches).toHaveLength(10);
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
    expect(busiestWindow(requests, 1_000)).toBeLessThanOrEqual(CRONOFY_LIMIT.perSecond);
    expect(busiestWindow(requests, 60_000)).toBeLessThanOrEqual(CRONOFY_LIMIT.perMinute);
    // Paced: the ten batches are spread over minutes (simulator time), not sent at once.
    expect(batches.at(-1)!.at - batches[0].at).toBeGreaterThan(4 * 60_000);
  }, 60_000);

  it('showed live progress in the admin’s DM and ended with a summary', async () => {
    const summary = 'Enterprise Connect sync on acme.test finished: 480 of 500 calendars connected, 20 failed.';
    const message = await runUntil(async () => harness.slack.dmsTo(ADMIN.slackId).find((m) => m.updates.at(-1)?.text === summary), 'the summary');
    expect(message.updates[0].text).toContain('Syncing calendars on acme.test');
    const progress = message.updates.filter((u) => /\d+ \/ 500/.test(u.text));
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.some((u) => /\d+ failed · about \d+ (s|min) left/.test(u.text))).toBe(true);
    expect(JSON.stringify(message.updates.at(-1)?.blocks)).toContain('15 mailbox not found, 5 shared mailbox');
  });

  it('lists the failed people with their reasons for admins', async () => {
    const failures = await harness.ctx.enterprise.failures(workspaceId, 50);
    expect(failures).toHaveLength(20);
    expect(new Set(failures.map((f) => f.errorKey))).toEqual(new Set(['mailbox_not_found', 'shared_mailbox']));
    expect(failures.find((f) => f.errorKey === 'mailbox_not_found')?.errorDescription).toMatch(/No mailbox was found/);
  });

  it('syncs a new joiner on the domain automatically', async () => {
    harness.addPerson({ slackId: 'U0NEWBIE', name: 'newbie', calendar: { provider: 'office365' } });
    const client = await harness.ctx.slack.forTeam(harness.teamId);
    const { user } = await client.users.info({ user: 'U0NEWBIE' });
    await harness.slack.sendEvent({ teamId: harness.teamId, event: { type: 'team_join', user } });
    const id = await runUntil(() => employeeId(harness, 'U0NEWBIE').catch(() => undefined), 'the joiner in the roster');
    const expected = { requested: 501, succeeded: 481, failed: 20, pending: 0 };
    await runUntil(async () => JSON.stringify((await status()).counts) === JSON.stringify(expected), 'the joiner synced');
    expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).toMatchObject({ state: 'connected', viaEnterpriseConnect: true });
  }, 20_000);

  it('retries all failed people: whoever got a mailbox meanwhile connects, the rest fail again', async () => {
    harness.cronofy.addPerson({ email: 'person479@acme.test', zone: 'Europe/London', calendar: { provider: 'office365' } });
    const batchesBefore = harness.cronofy.requests.filter((r) => r.path === '/v1/service_account_authorizations').length;
    const started = await harness.ctx.enterprise.retryFailed(workspaceId, ADMIN.slackId);
    expect(started.alreadyRunning).toBe(false);
    await runUntil(async () => {
      const s = await status();
      return s.run === null && s.counts.pending === 0 && s.counts.succeeded === 482 ? s : undefined;
    }, 'the retry');
    expect((await status()).counts).toEqual({ requested: 501, succeeded: 482, failed: 19, pending: 0 });
    expect(harness.cronofy.requests.filter((r) => r.path === '/v1/service_account_authorizations')).toHaveLength(batchesBefore + 1);
    const summary = 'Enterprise Connect sync on acme.test finished: 1 of 20 calendars connected, 19 failed.';
    await runUntil(async () => harness.slack.dmsTo(ADMIN.slackId).some((m) => m.updates.at(-1)?.text === summary), 'the retry summary');
  }, 20_000);

  it('“Sync calendar” requests one person at once; connected people and other domains are told why not', async () => {
    const shared = await employeeId(harness, 'U000494');
    await expect(harness.ctx.enterprise.requestFor(shared)).resolves.toBe('requested');
    await expect(harness.ctx.enterprise.requestFor(shared)).resolves.toBe('in_progress');
    await runUntil(async () => (await harness.ctx.db.serviceAccountAuthorization.findFirst({ where: { employeeId: shared, current: true } }))?.state === 'failed', 'the shared mailbox failing again');
    await expect(harness.ctx.enterprise.requestFor(await employeeId(harness, 'U000001'))).resolves.toBe('already_connected');
    await expect(harness.ctx.enterprise.requestFor(await employeeId(harness, 'U0CONTR1'))).rejects.toMatchObject({ code: 'not_permitted', userMessage: expect.stringContaining('acme.test') });
    expect(await harness.ctx.enterprise.covers(await harness.ctx.db.employee.findFirstOrThrow({ where: { slackUserId: 'U0CONTR1' } }))).toBe(false);
    expect((await status()).counts).toEqual({ requested: 501, succeeded: 482, failed: 19, pending: 0 });
  }, 15_000);

  it('syncs the joiners a roster sync finds on the domain, and no one off it', async () => {
    harness.addPerson({ slackId: 'U0PAGE1', name: 'page1', calendar: { provider: 'office365' } });
    harness.addPerson({ slackId: 'U0PAGE2', name: 'page2', calendar: { provider: 'office365' } });
    harness.addPerson({ slackId: 'U0PAGE3', name: 'page3', email: 'page3@contractor.test', calendar: { provider: 'office365' } });
    const change = await harness.ctx.roster.sync(workspaceId, await harness.ctx.slack.forTeam(harness.teamId));
    expect(change.added).toEqual(expect.arrayContaining(['U0PAGE1', 'U0PAGE2', 'U0PAGE3']));
    const expected = { requested: 503, succeeded: 484, failed: 19, pending: 0 };
    await runUntil(async () => JSON.stringify((await status()).counts) === JSON.stringify(expected), 'the two joiners on the domain synced');
    const offDomain = await employeeId(harness, 'U0PAGE3');
    expect(await harness.ctx.db.serviceAccountAuthorization.count({ where: { employeeId: offDomain } })).toBe(0);
  }, 20_000);

  it('never went over Cronofy’s limits over the whole session', () => {
    const requests = apiCalls(harness.cronofy.requests);
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
    expect(busiestWindow(requests, 1_000)).toBeLessThanOrEqual(CRONOFY_LIMIT.perSecond);
    expect(busiestWindow(requests, 60_000)).toBeLessThanOrEqual(CRONOFY_LIMIT.perMinute);
  });
});
