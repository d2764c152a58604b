import { HOUSEKEEPING_INTERVAL_MS, HOUSEKEEPING_JOB, registerHousekeepingJob, scheduleHousekeeping } from '../../src/housekeeping/housekeeping-job';
import type { PruneLimits } from '../../src/housekeeping/prune-expired-rows';
import { createJobQueue, type JobQueue } from '../../src/jobs/job-queue';
import { silentLogger } from '../../src/platform/logger';
import { randomIds } from '../../src/platform/ids';
import { startHarness } from '../support/harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fakeClock } from '../support/fakes';

const DAY_MS = 24 * 60 * 60_000;

describe('the housekeeping job', () => {
  let database: TestDatabase;
  const clock = fakeClock(new Date('2026-11-23T10:20:00Z'));

  /** One replica: its own queue over the shared database, with the job registered. */
  function replica(workerId: string, limits?: PruneLimits): JobQueue {
    const jobs = createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId });
    registerHousekeepingJob({ db: database.db, clock, logger: silentLogger, jobs }, limits);
    return jobs;
  }
  const housekeepingJobs = () => database.db.job.findMany({ where: { kind: HOUSEKEEPING_JOB }, orderBy: { runAt: 'asc' } });

  beforeEach(() => {
    clock.set(new Date('2026-11-23T10:20:00Z'));
    database = createTestDatabase();
  });

  afterEach(() => database.dispose());

  it('is queued once at the next hour, however many replicas start', async () => {
    const [a, b] = [replica('a'), replica('b')];
    await Promise.all([scheduleHousekeeping({ jobs: a, clock }), scheduleHousekeeping({ jobs: b, clock })]);
    const jobs = await housekeepingJobs();
    expect(jobs.map((job) => job.runAt.toISOString())).toEqual(['2026-11-23T11:00:00.000Z']);
  });

  it('runs once across replicas when due, prunes, and queues the following hour', async () => {
    const [a, b] = [replica('a'), replica('b')];
    await scheduleHousekeeping({ jobs: a, clock });
    await database.db.processedSlackEvent.create({ data: { eventId: 'Ev_old', receivedAt: new Date(clock.now().getTime() - 2 * DAY_MS) } });
    await database.db.processedSlackEvent.create({ data: { eventId: 'Ev_new', receivedAt: clock.now() } });
    const pruneCalls = jest.spyOn(database.db.processedSlackEvent, 'deleteMany');

    clock.set(new Date('2026-11-23T11:00:00Z'));
    await Promise.all([a.drain(), b.drain()]);

    expect(pruneCalls).toHaveBeenCalledTimes(1);
    expect((await database.db.processedSlackEvent.findMany()).map((row) => row.eventId)).toEqual(['Ev_new']);
    expect((await housekeepingJobs()).map((job) => job.runAt.toISOString())).toEqual(['2026-11-23T12:00:00.000Z']);
  });

  it('comes back a minute later while a backlog is left, instead of waiting an hour', async () => {
    const limits = { batchSize: 5, maxBatches: 2 };
    const jobs = replica('a', limits);
    const backlog = limits.batchSize * limits.maxBatches + 3;
    const old = new Date(clock.now().getTime() - 2 * DAY_MS);
    await database.db.processedSlackEvent.createMany({ data: Array.from({ length: backlog }, (_, i) => ({ eventId: `Ev_${i}`, receivedAt: old })) });
    await scheduleHousekeeping({ jobs, clock });

    clock.set(new Date('2026-11-23T11:00:00Z'));
    await jobs.drain();
    expect(await database.db.processedSlackEvent.count()).toBe(3);
    expect((await housekeepingJobs()).map((job) => job.runAt.toISOString())).toEqual(['2026-11-23T11:01:00.000Z', '2026-11-23T12:00:00.000Z']);

    clock.set(new Date('2026-11-23T11:01:00Z'));
    await jobs.drain();
    expect(await database.db.processedSlackEvent.count()).toBe(0);
    expect((await housekeepingJobs()).map((job) => job.runAt.toISOString())).toEqual(['2026-11-23T12:00:00.000Z']);
  });

  it('keeps the hourly chain when a run fails for good', async () => {
    const jobs = replica('a');
    await scheduleHousekeeping({ jobs, clock });
    jest.spyOn(database.db.processedSlackEvent, 'findMany').mockRejectedValue(new Error('database is locked'));

    for (const at of ['2026-11-23T11:00:00Z', '2026-11-23T11:00:01Z', '2026-11-23T11:00:03Z']) {
      clock.set(new Date(at));
      await jobs.drain();
    }
    const jobsNow = await housekeepingJobs();
    expect(jobsNow.map((job) => job.status)).toEqual(['failed', 'queued']);
    expect(jobsNow[0]).toMatchObject({ attempts: 3, lastError: 'database is locked' });
    expect(jobsNow[1].runAt.toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('is scheduled by Slotline at start', async () => {
    const harness = await startHarness();
    try {
      const jobs = await harness.ctx.db.job.findMany({ where: { kind: HOUSEKEEPING_JOB } });
      expect(jobs).toHaveLength(1);
      expect(jobs[0].runAt.getTime() % HOUSEKEEPING_INTERVAL_MS).toBe(0);
      expect(jobs[0].runAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await harness.stop();
    }
  });
});
