import { CALENDAR_SCOPE } from '../../src/cronofy/cronofy-gateway';
import { callbackUrl, hashCallbackToken, newCallbackToken } from '../../src/enterprise/callback-token';
import type { EnterpriseConnectLink } from '../../src/enterprise/coverage';
import { EXCHANGE_JOB, exchangeJobKey } from '../../src/enterprise/job-kinds';
import { DEFAULT_PACING } from '../../src/enterprise/pacing';
import { claimRequests } from '../../src/enterprise/plan-requests';
import { sendBatch } from '../../src/enterprise/send-batch';
import { planRun } from '../../src/enterprise/sync-runs';
import { createServiceAccountCredentials } from '../../src/enterprise/service-account-credentials';
import { syncRoster } from '../support/connect';
import { fakeClock } from '../support/fakes';
import { startHarness, type Harness, type TestPerson } from '../support/harness';
import { eventually, linkEnterprise, settle } from './enterprise-support';

const ADMIN: TestPerson = { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, calendar: { provider: 'office365' } };
const ADMIN_EMAIL = 'it-admin@acme.test';
const PEOPLE: TestPerson[] = ['ann', 'bob', 'cat', 'dan', 'eve'].map((name, i) => ({ slackId: `U0P${i}`, name, calendar: { provider: 'office365' } }));
const BATCH_PATH = '/v1/service_account_authorizations';

/** What can go wrong on the way: Slotline's clock is fake here, so retries and timeouts are stepped through. */
describe('Enterprise Connect sync when things go wrong', () => {
  let harness: Harness;
  let workspaceId: string;
  const clock = fakeClock();

  beforeAll(async () => {
    harness = await startHarness({ people: [ADMIN, ...PEOPLE], start: { clock, enterprisePacing: { callsPerMinute: 60_000, batchSize: 50 } } });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });
  afterAll(() => harness.stop());

  /** Moves Slotline's clock on and lets due jobs and Cronofy's callbacks run. */
  async function advance(ms: number): Promise<void> {
    clock.advance(ms);
    await settle(harness);
  }

  async function freshLink(): Promise<string> {
    if ((await harness.ctx.enterprise.status(workspaceId)).state !== 'not_linked') await harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId);
    await harness.ctx.db.calendarConnection.deleteMany({});
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: ADMIN_EMAIL });
    return (await harness.ctx.db.enterpriseConnectLink.findFirstOrThrow({ where: { workspaceId, state: 'active' } })).id;
  }

  const states = async (linkId: string) => {
    const rows = await harness.ctx.db.serviceAccountAuthorization.findMany({ where: { linkId, current: true } });
    return rows.reduce<Record<string, number>>((acc, row) => ({ ...acc, [`${row.state}${row.errorKey ? `:${row.errorKey}` : ''}`]: (acc[`${row.state}${row.errorKey ? `:${row.errorKey}` : ''}`] ?? 0) + 1 }), {});
  };

  it('retries a batch Cronofy refuses as invalid one person at a time, so only the refused person fails', async () => {
    harness.cronofy.failNext({ method: 'POST', path: BATCH_PATH }, { status: 422, body: { errors: { email: [{ key: 'errors.invalid', description: 'is invalid' }] } } });
    harness.cronofy.failNext({ method: 'POST', path: BATCH_PATH }, { status: 422, body: { errors: { email: [{ key: 'errors.invalid', description: 'is invalid' }] } } });
    const linkId = await freshLink();
    for (let i = 0; i < 10; i += 1) await advance(1_000);
    expect(await states(linkId)).toEqual({ succeeded: 5, 'failed:request_refused': 1 });
    const failed = await harness.ctx.db.serviceAccountAuthorization.findFirstOrThrow({ where: { linkId, state: 'failed' } });
    expect(failed.errorDescription).toContain('email: is invalid');
    // The batch, then six single requests (one refused).
    const statuses = harness.cronofy.requests.filter((r) => r.path === BATCH_PATH).map((r) => r.status);
    expect(statuses.sort()).toEqual([202, 202, 202, 202, 202, 422, 422]);
  });

  it('retries a batch through a Cronofy outage with backoff, then reports everyone as failed', async () => {
    // Five job attempts, each with the gateway's three.
    harness.cronofy.failNext({ method: 'POST', path: BATCH_PATH }, { status: 503, times: 15 });
    const linkId = await freshLink();
    for (let i = 0; i < 8; i += 1) await advance(20_000);
    expect(await states(linkId)).toEqual({ 'failed:request_failed': 6 });
    expect(harness.cronofy.requests.filter((r) => r.path === BATCH_PATH && r.status === 503)).toHaveLength(15);
  });

  it('reports requests Cronofy never answers after 15 minutes, as failures that can be retried', async () => {
    harness.cronofy.failNext({ method: 'POST', path: BATCH_PATH }, { status: 202 });
    const linkId = await freshLink();
    await advance(1_000);
    expect(await states(linkId)).toEqual({ requested: 6 });
    await advance(14 * 60_000);
    expect(await states(linkId)).toEqual({ requested: 6 });
    await advance(60_000);
    expect(await states(linkId)).toEqual({ 'failed:no_callback': 6 });
    await expect(harness.ctx.enterprise.retryFailed(workspaceId, ADMIN.slackId)).resolves.toMatchObject({ alreadyRunning: false });
    for (let i = 0; i < 5; i += 1) await advance(1_000);
    expect(await states(linkId)).toEqual({ succeeded: 6 });
  });

  it('marks the link broken when Cronofy no longer accepts the service account, and fails what it could not request', async () => {
    const linkId = await freshLink();
    for (let i = 0; i < 5; i += 1) await advance(1_000);
    const link = await harness.ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
    // The domain admin removes the app at their end.
    await harness.ctx.cronofy.revoke({ token: harness.ctx.cipher.decrypt(link.refreshTokenEnc ?? '') });
    await harness.ctx.db.calendarConnection.deleteMany({ where: { employee: { slackUserId: 'U0P0' } } });
    await harness.ctx.enterprise.syncAll(workspaceId, ADMIN.slackId);
    for (let i = 0; i < 5; i += 1) await advance(1_000);
    const status = await harness.ctx.enterprise.status(workspaceId);
    expect(status).toMatchObject({ state: 'broken', reason: 'service_account_revoked' });
    expect(await states(linkId)).toMatchObject({ 'failed:service_account_unauthorized': 1 });
    const ann = await harness.ctx.db.employee.findFirstOrThrow({ where: { slackUserId: 'U0P0' } });
    expect(await harness.ctx.enterprise.covers(ann)).toBe(false);
    await expect(harness.ctx.enterprise.syncAll(workspaceId, ADMIN.slackId)).rejects.toMatchObject({ code: 'not_found', userMessage: expect.stringContaining('link it again') });
    // Unlinking a broken link still works: Cronofy already forgot it.
    await expect(harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId)).resolves.toEqual({ domain: 'acme.test' });
  });

  it('cancels what is still waiting when Enterprise Connect is unlinked mid-sync, and says so in the progress message', async () => {
    await harness.ctx.db.calendarConnection.deleteMany({});
    harness.cronofy.failNext({ method: 'POST', path: BATCH_PATH }, { status: 202 });
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: ADMIN_EMAIL });
    const linkId = (await harness.ctx.db.enterpriseConnectLink.findFirstOrThrow({ where: { workspaceId, state: 'active' } })).id;
    await advance(1_000);
    expect(await states(linkId)).toEqual({ requested: 6 });
    expect(await harness.ctx.db.calendarConnection.count({ where: { state: 'pending' } })).toBe(6);
    await harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId);
    expect(await states(linkId)).toEqual({ cancelled: 6 });
    expect(await harness.ctx.db.calendarConnection.count({ where: { state: 'pending' } })).toBe(0);
    const message = await eventually(async () => harness.slack.dmsTo(ADMIN.slackId).find((m) => m.updates.at(-1)?.text.includes('stopped')));
    expect(message.updates.at(-1)?.text).toBe('Enterprise Connect sync on acme.test stopped: Enterprise Connect was unlinked.');
  });

  it('skips people who left before their batch went out', async () => {
    const linkId = await freshLink();
    for (let i = 0; i < 5; i += 1) await advance(1_000);
    const link = await harness.ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
    const [ann, eve] = await Promise.all(['U0P0', 'U0P4'].map((slackUserId) => harness.ctx.db.employee.findFirstOrThrow({ where: { slackUserId } })));
    await harness.ctx.db.calendarConnection.deleteMany({ where: { employeeId: { in: [ann.id, eve.id] } } });
    // Driven by hand so the batch waits until Eve has left.
    const rt = { ctx: harness.ctx, pacing: DEFAULT_PACING, serviceAccounts: createServiceAccountCredentials(harness.ctx) };
    const claimed = await claimRequests(rt, link, [ann.id, eve.id], null);
    await harness.ctx.db.employee.update({ where: { id: eve.id }, data: { deactivatedAt: clock.now() } });
    const batchesBefore = harness.cronofy.requests.filter((r) => r.path === BATCH_PATH).length;
    await sendBatch(rt, { linkId, authorizationIds: claimed }, { attempts: 1 });
    await advance(1_000);
    const outcome = await harness.ctx.db.serviceAccountAuthorization.findMany({ where: { id: { in: claimed } }, select: { employeeId: true, state: true } });
    expect(Object.fromEntries(outcome.map((o) => [o.employeeId === ann.id ? 'ann' : 'eve', o.state]))).toEqual({ ann: 'succeeded', eve: 'cancelled' });
    expect(harness.cronofy.requests.filter((r) => r.path === BATCH_PATH)).toHaveLength(batchesBefore + 1);
    await harness.ctx.db.employee.update({ where: { id: eve.id }, data: { deactivatedAt: null } });
  });

  describe('after a replica was killed mid-sync', () => {
    const rt = () => ({ ctx: harness.ctx, pacing: DEFAULT_PACING, serviceAccounts: createServiceAccountCredentials(harness.ctx) });
    const batches = () => harness.cronofy.requests.filter((r) => r.path === BATCH_PATH).length;

    /** A linked domain where everyone connected, then `slackUserIds` lost their calendars and are to be asked for again. */
    async function candidates(slackUserIds: string[]) {
      const linkId = await freshLink();
      for (let i = 0; i < 5; i += 1) await advance(1_000);
      const link = await harness.ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
      const people = await harness.ctx.db.employee.findMany({ where: { slackUserId: { in: slackUserIds } }, orderBy: { slackUserId: 'asc' } });
      await harness.ctx.db.calendarConnection.deleteMany({ where: { employeeId: { in: people.map((p) => p.id) } } });
      return { link, people };
    }

    /** What a batch job killed mid-request leaves: its people recorded as `sending` with secrets only it knew. */
    async function cutOffBatch(link: EnterpriseConnectLink, people: Array<{ id: string; email: string | null }>) {
      const claimed = await claimRequests(rt(), link, people.map((p) => p.id), null);
      const tokens = claimed.map(() => newCallbackToken());
      for (const [i, id] of claimed.entries()) {
        await harness.ctx.db.serviceAccountAuthorization.update({ where: { id }, data: { state: 'sending', callbackTokenHash: hashCallbackToken(tokens[i]), requestedAt: clock.now(), exchangeAfter: clock.now() } });
      }
      const requests = people.map((p, i) => ({ email: p.email as string, scope: CALENDAR_SCOPE, callback_url: callbackUrl(harness.app.publicUrl, tokens[i]) }));
      return { claimed, requests };
    }

    const statesOf = async (ids: string[]) => (await harness.ctx.db.serviceAccountAuthorization.findMany({ where: { id: { in: ids } }, select: { state: true } })).map((r) => r.state);

    it('sends a batch that never reached Cronofy again once its answers are overdue, and only then', async () => {
      const { link, people } = await candidates(['U0P0', 'U0P1']);
      const { claimed } = await cutOffBatch(link, people);
      const before = batches();
      // The job is taken over (its lease ran out): Cronofy may have the request, so it waits for the callbacks.
      await sendBatch(rt(), { linkId: link.id, authorizationIds: claimed }, { attempts: 2 });
      await advance(DEFAULT_PACING.cutOffWaitMs - 1_000);
      expect(batches()).toBe(before);
      expect(await statesOf(claimed)).toEqual(['sending', 'sending']);
      for (let i = 0; i < 4; i += 1) await advance(1_000);
      expect(batches()).toBe(before + 1);
      expect(await statesOf(claimed)).toEqual(['succeeded', 'succeeded']);
    });

    it('does not send again a batch Cronofy took before the replica heard its answer', async () => {
      const { link, people } = await candidates(['U0P2', 'U0P3']);
      const { claimed, requests } = await cutOffBatch(link, people);
      // The request the killed job sent: Cronofy accepted it and answers each person.
      const token = harness.ctx.cipher.decrypt(link.accessTokenEnc ?? '');
      await harness.ctx.cronofy.authorizeWithServiceAccount(token, requests);
      const before = batches();
      await sendBatch(rt(), { linkId: link.id, authorizationIds: claimed }, { attempts: 2 });
      for (let i = 0; i < 3; i += 1) await advance(1_000);
      expect(await statesOf(claimed)).toEqual(['succeeded', 'succeeded']);
      await advance(DEFAULT_PACING.cutOffWaitMs);
      await advance(1_000);
      expect(batches()).toBe(before);
    });

    it('counts a queued code exchange as Cronofy’s answer: a callback taken by the killed replica is not asked for again', async () => {
      const { link, people } = await candidates(['U0P4']);
      const { claimed } = await cutOffBatch(link, people);
      // The callback arrived and queued its exchange; the replica died before it recorded the answer.
      await harness.ctx.jobs.enqueue(EXCHANGE_JOB, { authorizationId: claimed[0], sealed: 'not-run-here' }, { uniqueKey: exchangeJobKey(claimed[0]), runAt: new Date(clock.now().getTime() + 60 * 60_000) });
      clock.advance(DEFAULT_PACING.cutOffWaitMs + 1_000);
      const before = batches();
      await sendBatch(rt(), { linkId: link.id, authorizationIds: claimed }, { attempts: 2 });
      await advance(1_000);
      expect(batches()).toBe(before);
      expect(await statesOf(claimed)).toEqual(['sending']);
      await harness.ctx.db.job.deleteMany({ where: { uniqueKey: exchangeJobKey(claimed[0]) } });
      await harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId);
    });

    it('schedules the people a planning job claimed before it was cut off, when the job runs again', async () => {
      const { link, people } = await candidates(['U0P0', 'U0P1']);
      const run = await harness.ctx.db.enterpriseSyncRun.create({ data: { id: 'ecrun_cut', linkId: link.id, kind: 'sync_all', status: 'planning' } });
      const claimed = await claimRequests(rt(), link, people.map((p) => p.id), run.id);
      const before = batches();
      await planRun(rt(), run.id);
      for (let i = 0; i < 5; i += 1) await advance(1_000);
      expect(await statesOf(claimed)).toEqual(['succeeded', 'succeeded']);
      expect(batches()).toBe(before + 1);
      expect(await harness.ctx.db.enterpriseSyncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'completed', total: 2 });
    });
  });
});
