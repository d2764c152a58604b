import { randomBytes } from 'node:crypto';
import { DEFAULT_RETENTION, pruneExpiredRows } from '../../src/housekeeping/prune-expired-rows';
import { createLinkService, type LinkService } from '../../src/links/link-service';
import { silentLogger } from '../../src/platform/logger';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fakeClock, sequentialIds } from '../support/fakes';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = new Date('2026-11-23T10:00:00Z');

describe('pruning rows that only grow', () => {
  let database: TestDatabase;
  let links: LinkService;
  const clock = fakeClock(NOW);
  const ago = (ms: number) => new Date(NOW.getTime() - ms);
  const prune = () => pruneExpiredRows({ db: database.db, clock, logger: silentLogger });

  beforeEach(async () => {
    clock.set(NOW);
    database = createTestDatabase();
    await database.db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
    links = createLinkService({ db: database.db, clock, ids: sequentialIds(), signingKey: randomBytes(32), publicUrl: 'https://slotline.test' });
  });

  afterEach(() => database.dispose());

  /** A calendar link issued `issuedAgo` before NOW that lived `ttl`. */
  async function linkIssued(issuedAgo: number, ttl: number) {
    clock.set(ago(issuedAgo));
    const link = await links.issue({ workspaceId: 'ws1', slackUserId: 'U1', purpose: 'calendar_connect', ttlMinutes: ttl / 60_000 });
    clock.set(NOW);
    return link;
  }

  it('keeps Slack event ids a day, well past Slack’s hour of retries, and deletes older ones', async () => {
    const rows = [
      { eventId: 'Ev_old', receivedAt: ago(25 * HOUR_MS) },
      { eventId: 'Ev_retry_window_long_gone', receivedAt: ago(23 * HOUR_MS) },
      { eventId: 'Ev_recent', receivedAt: ago(HOUR_MS) },
    ];
    for (const data of rows) await database.db.processedSlackEvent.create({ data });

    expect(await prune()).toMatchObject({ processedSlackEvents: 1, more: false });
    const kept = await database.db.processedSlackEvent.findMany({ orderBy: { eventId: 'asc' } });
    expect(kept.map((row) => row.eventId)).toEqual(['Ev_recent', 'Ev_retry_window_long_gone']);
    // A retry of a kept event still collides with its id, so it is still processed once.
    await expect(database.db.processedSlackEvent.create({ data: { eventId: 'Ev_recent' } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('keeps link states a month past expiry, so a late click reads "expired" or "already used", never "not valid"', async () => {
    const longGone = await linkIssued(40 * DAY_MS, 7 * DAY_MS);
    const expiredRecently = await linkIssued(35 * DAY_MS, 7 * DAY_MS);
    const used = await linkIssued(17 * DAY_MS, 7 * DAY_MS);
    clock.set(ago(16 * DAY_MS));
    await links.redeem(used.token, ['calendar_connect']);
    clock.set(NOW);
    const live = await linkIssued(HOUR_MS, 7 * DAY_MS);

    expect(await prune()).toMatchObject({ linkStates: 1 });
    expect(await database.db.oAuthState.count()).toBe(3);

    await expect(links.redeem(expiredRecently.token, ['calendar_connect'])).rejects.toMatchObject({ code: 'link_expired' });
    await expect(links.redeem(used.token, ['calendar_connect'])).rejects.toMatchObject({ code: 'link_used' });
    await expect(links.redeem(live.token, ['calendar_connect'])).resolves.toMatchObject({ slackUserId: 'U1' });
    // The pruned one: its signature is still Slotline's, so the person is told it expired, as before pruning.
    await expect(links.redeem(longGone.token, ['calendar_connect'])).rejects.toMatchObject({
      code: 'link_expired',
      userMessage: 'This link has expired. Open the latest message from Slotline in Slack for a fresh one.',
    });
  });

  it('keeps failed jobs two weeks for diagnosis, and never touches queued or running work', async () => {
    const job = (id: string, status: string, at: Date) =>
      database.db.job.create({ data: { id, kind: 'demo', payload: '{}', status, runAt: at, updatedAt: at, lastError: status === 'failed' ? 'boom' : null } });
    await job('failed_old', 'failed', ago(15 * DAY_MS));
    await job('failed_recent', 'failed', ago(13 * DAY_MS));
    await job('queued_old', 'queued', ago(60 * DAY_MS));
    await job('running_old', 'running', ago(60 * DAY_MS));

    expect(await prune()).toMatchObject({ failedJobs: 1 });
    const kept = await database.db.job.findMany({ orderBy: { id: 'asc' } });
    expect(kept.map((row) => [row.id, row.lastError])).toEqual([
      ['failed_recent', 'boom'],
      ['queued_old', null],
      ['running_old', null],
    ]);
  });

  it('deletes in bounded batches and says when a backlog is left for the next run', async () => {
    for (let i = 0; i < 5; i += 1) await database.db.processedSlackEvent.create({ data: { eventId: `Ev_${i}`, receivedAt: ago(2 * DAY_MS) } });
    const deleteMany = jest.spyOn(database.db.processedSlackEvent, 'deleteMany');
    const limits = { batchSize: 2, maxBatches: 2 };

    expect(await pruneExpiredRows({ db: database.db, clock, logger: silentLogger }, DEFAULT_RETENTION, limits)).toMatchObject({ processedSlackEvents: 4, more: true });
    expect(await database.db.processedSlackEvent.count()).toBe(1);
    const batchSizes = deleteMany.mock.calls.map(([args]) => ((args?.where?.eventId as { in: string[] }).in).length);
    expect(batchSizes).toEqual([2, 2]);

    expect(await pruneExpiredRows({ db: database.db, clock, logger: silentLogger }, DEFAULT_RETENTION, limits)).toMatchObject({ processedSlackEvents: 1, more: false });
    expect(await database.db.processedSlackEvent.count()).toBe(0);
  });

  it('does nothing on an empty database', async () => {
    expect(await prune()).toEqual({ processedSlackEvents: 0, linkStates: 0, failedJobs: 0, more: false });
  });
});
