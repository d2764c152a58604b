import { z } from 'zod';
import { createJobQueue, retryDelayMs, type JobQueue } from '../../src/jobs/job-queue';
import { silentLogger } from '../../src/platform/logger';
import { randomIds } from '../../src/platform/ids';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fakeClock, recordingLogger } from '../support/fakes';
import { until } from '../support/until';

describe('durable job queue', () => {
  let database: TestDatabase;
  const clock = fakeClock();

  const queue = (workerId: string): JobQueue => createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId, leaseMs: 30_000 });

  beforeEach(() => {
    database = createTestDatabase();
  });

  afterEach(() => database.dispose());

  it('runs each job exactly once when two workers drain the same database', async () => {
    const ran: number[] = [];
    const workers = [queue('a'), queue('b')];
    for (const worker of workers) worker.register({ kind: 'count', schema: z.object({ n: z.number() }), handle: async ({ n }) => void ran.push(n) });
    for (let n = 0; n < 40; n += 1) await workers[0].enqueue('count', { n });
    await Promise.all(workers.map((w) => w.drain()));
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(await database.db.job.count()).toBe(0);
  });

  it('retries a failing job later with backoff and gives up after maxAttempts', async () => {
    const worker = queue('a');
    let attempts = 0;
    worker.register({ kind: 'flaky', schema: z.object({}), handle: async () => {
      attempts += 1;
      throw new Error('boom');
    } });
    await worker.enqueue('flaky', {}, { maxAttempts: 2 });
    await worker.drain();
    expect(attempts).toBe(1);
    const queued = await database.db.job.findFirstOrThrow();
    expect(queued.status).toBe('queued');
    expect(queued.runAt.getTime()).toBe(clock.now().getTime() + retryDelayMs(1));
    await worker.drain();
    expect(attempts).toBe(1);
    clock.advance(retryDelayMs(1));
    await worker.drain();
    expect(attempts).toBe(2);
    expect((await database.db.job.findFirstOrThrow()).status).toBe('failed');
  });

  it('does not enqueue a second job with the same unique key while one exists', async () => {
    const worker = queue('a');
    expect(await worker.enqueue('noop', {}, { uniqueKey: 'campaign:1' })).not.toBeNull();
    expect(await worker.enqueue('noop', {}, { uniqueKey: 'campaign:1' })).toBeNull();
    expect(await database.db.job.count()).toBe(1);
  });

  it('fails a job with an invalid payload or no handler without retrying it', async () => {
    const worker = queue('a');
    worker.register({ kind: 'typed', schema: z.object({ n: z.number() }), handle: async () => undefined });
    await worker.enqueue('typed', { n: 'not a number' });
    await worker.enqueue('unknown-kind', {});
    await worker.drain();
    const jobs = await database.db.job.findMany({ orderBy: { kind: 'asc' } });
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([['typed', 'failed'], ['unknown-kind', 'failed']]);
    expect(jobs[0].lastError).toMatch(/invalid payload/);
  });

  it('lets another worker take over a job whose lease expired (its worker died)', async () => {
    const dead = queue('dead');
    await dead.enqueue('work', {});
    await database.db.job.updateMany({ data: { status: 'running', lockedBy: 'dead', lockedUntil: new Date(clock.now().getTime() + 30_000) } });
    const survivor = queue('survivor');
    const ran: string[] = [];
    survivor.register({ kind: 'work', schema: z.object({}), handle: async () => void ran.push('survivor') });
    await survivor.drain();
    expect(ran).toEqual([]);
    clock.advance(30_001);
    await survivor.drain();
    expect(ran).toEqual(['survivor']);
  });

  it('renews the lease of a job that runs longer than one, so no other worker runs it meanwhile', async () => {
    const leaseMs = 300;
    const slow = createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId: 'slow', leaseMs });
    const other = createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId: 'other', leaseMs });
    const ran: string[] = [];
    let finish = () => {};
    const started = new Promise<void>((resolveStarted) => {
      slow.register({ kind: 'long', schema: z.object({}), handle: () => new Promise<void>((resolve) => {
        ran.push('slow');
        finish = resolve;
        resolveStarted();
      }) });
    });
    other.register({ kind: 'long', schema: z.object({}), handle: async () => void ran.push('other') });
    await slow.enqueue('long', {});
    const draining = slow.drain();
    await started;
    // Past the first lease: only a renewal keeps the job from looking abandoned.
    clock.advance(leaseMs * 3);
    await until('a renewed lease', async () => ((await database.db.job.findFirstOrThrow()).lockedUntil?.getTime() ?? 0) > clock.now().getTime());
    await other.drain();
    expect(ran).toEqual(['slow']);
    finish();
    await draining;
    expect(await database.db.job.count()).toBe(0);
    expect(ran).toEqual(['slow']);
  });

  it('leaves a job alone at the end when its lease passed to another worker meanwhile', async () => {
    const logger = recordingLogger();
    const worker = createJobQueue({ db: database.db, clock, ids: randomIds, logger, workerId: 'late', leaseMs: 30_000 });
    worker.register({ kind: 'work', schema: z.object({}), handle: async () => {
      // What a replica that stalled past its lease finds: another worker claimed the job.
      await database.db.job.updateMany({ data: { lockedBy: 'newer', attempts: 2 } });
    } });
    worker.register({ kind: 'failing', schema: z.object({}), handle: async () => {
      await database.db.job.updateMany({ where: { kind: 'failing' }, data: { lockedBy: 'newer' } });
      throw new Error('too late anyway');
    } });
    await worker.enqueue('work', {});
    await worker.drain();
    expect(await database.db.job.findFirstOrThrow()).toMatchObject({ status: 'running', lockedBy: 'newer' });
    expect(logger.find('job finished after another worker took it over')).toHaveLength(1);

    await database.db.job.deleteMany();
    await worker.enqueue('failing', {});
    await worker.drain();
    expect(await database.db.job.findFirstOrThrow()).toMatchObject({ status: 'running', lockedBy: 'newer', lastError: null });
    expect(logger.entries.some((entry) => entry.message.startsWith('job failed after another worker took it over'))).toBe(true);
  });

  it('stops claiming work once stop() is called, even while jobs keep becoming due', async () => {
    const worker = createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId: 'a', pollIntervalMs: 5 });
    let runs = 0;
    worker.register({ kind: 'chain', schema: z.object({}), handle: async () => {
      runs += 1;
      await worker.enqueue('chain', {});
    } });
    await worker.enqueue('chain', {});
    worker.start();
    while (runs < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();
    const afterStop = runs;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(afterStop);
  });
});
