// Durable background jobs in the database. Any replica may run any job; a job is claimed with a
// conditional update (first writer wins), leased for a while, and retried with backoff on failure.
// The worker running a job renews its lease every third of it, so a job may run longer than one lease (the daily
// roster sync of a large company does) while a replica that dies lets its jobs go within one lease.
import { z } from 'zod';
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';

export interface JobDefinition<T> {
  kind: string;
  schema: z.ZodType<T>;
  handle(payload: T, job: { id: string; attempts: number }): Promise<void>;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one queued-or-running job per key; enqueueing a duplicate is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export interface JobQueue {
  register<T>(definition: JobDefinition<T>): void;
  enqueue<T>(kind: string, payload: T, options?: EnqueueOptions): Promise<string | null>;
  /** Claims and runs due jobs until none is left (tests and the poll loop use it). */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  workerId: string;
  pollIntervalMs?: number;
  leaseMs?: number;
  concurrency?: number;
  batchSize?: number;
}

export function retryDelayMs(attempts: number): number {
  return Math.min(15 * 60_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { db, clock, ids, logger, workerId } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = options.concurrency ?? 4;
  const batchSize = options.batchSize ?? 20;
  const definitions = new Map<string, JobDefinition<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  /** Set by stop(): a drain in progress finishes the jobs it claimed and claims no more. */
  let stopping = false;
  /** Jobs this worker is running: never claimed a second time here, even should their lease lapse. */
  const runningHere = new Set<string>();
  const renewEveryMs = Math.max(50, Math.floor(leaseMs / 3));

  /** Keeps the job's lease while it runs; stop() before writing the outcome. */
  function holdLease(id: string, kind: string): { stop(): void } {
    let held = true;
    const renew = async () => {
      const renewed = await db.job.updateMany({ where: { id, status: 'running', lockedBy: workerId }, data: { lockedUntil: new Date(clock.now().getTime() + leaseMs) } });
      if (held && renewed.count === 0) {
        held = false;
        clearInterval(timer);
        logger.warn('job lease lost: another worker may run this job too', { jobId: id, kind });
      }
    };
    const timer = setInterval(() => {
      // A failed renewal is tried again at the next tick; the lease still has two thirds to run.
      renew().catch((error: unknown) => logger.warn('job lease renewal failed', { jobId: id, kind, error: error instanceof Error ? error.message : String(error) }));
    }, renewEveryMs);
    timer.unref();
    return {
      stop() {
        held = false;
        clearInterval(timer);
      },
    };
  }

  async function claim(id: string): Promise<boolean> {
    const now = clock.now();
    const claimed = await db.job.updateMany({
      where: { id, OR: [{ status: 'queued', runAt: { lte: now } }, { status: 'running', lockedUntil: { lt: now } }] },
      data: { status: 'running', lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    return claimed.count === 1;
  }

  async function runOne(id: string): Promise<void> {
    const job = await db.job.findUnique({ where: { id } });
    if (!job) return;
    const definition = definitions.get(job.kind);
    // Outcomes are written only while this worker still holds the job, never over another worker's claim.
    const mine = { id, lockedBy: workerId };
    const fail = async (message: string, permanent: boolean) => {
      const giveUp = permanent || job.attempts >= job.maxAttempts;
      const written = await db.job.updateMany({
        where: mine,
        data: giveUp
          ? { status: 'failed', lastError: message.slice(0, 2000), lockedBy: null, lockedUntil: null, uniqueKey: null }
          : { status: 'queued', lastError: message.slice(0, 2000), lockedBy: null, lockedUntil: null, runAt: new Date(clock.now().getTime() + retryDelayMs(job.attempts)) },
      });
      logger[giveUp ? 'error' : 'warn']('job failed', { jobId: id, kind: job.kind, attempts: job.attempts, giveUp, error: message });
      if (written.count === 0) logger.warn('job failed after another worker took it over; its outcome is that worker’s', { jobId: id, kind: job.kind });
    };
    if (!definition) return fail(`no handler registered for job kind ${job.kind}`, true);
    const parsed = definition.schema.safeParse(JSON.parse(job.payload));
    if (!parsed.success) return fail(`invalid payload: ${parsed.error.message}`, true);
    const lease = holdLease(id, job.kind);
    let outcome: { error: unknown } | null = null;
    try {
      await definition.handle(parsed.data, { id, attempts: job.attempts });
    } catch (error) {
      outcome = { error };
    } finally {
      lease.stop();
    }
    if (outcome) {
      await fail(outcome.error instanceof Error ? outcome.error.message : String(outcome.error), false);
      return;
    }
    const done = await db.job.deleteMany({ where: mine });
    if (done.count === 0) logger.warn('job finished after another worker took it over', { jobId: id, kind: job.kind });
  }

  async function drainOnce(): Promise<number> {
    let processed = 0;
    for (;;) {
      if (stopping) return processed;
      const now = clock.now();
      const due = await db.job.findMany({
        where: { OR: [{ status: 'queued', runAt: { lte: now } }, { status: 'running', lockedUntil: { lt: now } }] },
        orderBy: { runAt: 'asc' },
        take: batchSize,
        select: { id: true },
      });
      if (due.length === 0) return processed;
      const queue = [...due];
      const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let next = queue.shift(); next && !stopping; next = queue.shift()) {
          if (!runningHere.has(next.id) && (await claim(next.id))) {
            runningHere.add(next.id);
            try {
              await runOne(next.id);
            } finally {
              runningHere.delete(next.id);
            }
            processed += 1;
          }
          // SQLite answers synchronously inside promises: yield so timers and HTTP requests are not starved.
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      await Promise.all(workers);
      if (due.length < batchSize && processed === 0) return processed;
    }
  }

  function drain(): Promise<number> {
    if (!running) running = drainOnce().finally(() => (running = undefined));
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      drain()
        .catch((error) => logger.error('job poll failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => schedule(pollIntervalMs));
    }, delay);
  }

  return {
    register(definition) {
      definitions.set(definition.kind, definition as JobDefinition<unknown>);
    },
    async enqueue(kind, payload, enqueueOptions = {}) {
      const id = ids.id('job');
      try {
        await db.job.create({
          data: { id, kind, payload: JSON.stringify(payload), runAt: enqueueOptions.runAt ?? clock.now(), uniqueKey: enqueueOptions.uniqueKey ?? null, maxAttempts: enqueueOptions.maxAttempts ?? 8 },
        });
      } catch (error) {
        if (enqueueOptions.uniqueKey && (await db.job.findUnique({ where: { uniqueKey: enqueueOptions.uniqueKey } }))) return null;
        throw error;
      }
      if (!stopped) schedule(0);
      return id;
    },
    drain,
    start() {
      stopped = false;
      stopping = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      stopping = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
