import { z } from 'zod';
import { createJobQueue, retryDelayMs, type JobQueue } from '../../src/jobs/job-queue';
import { silentLogger } from '../../src/platform/logger';
import { randomIds } from '../../src/platform/ids';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fakeClock } from '../support/fakes';

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
