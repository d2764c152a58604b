// Deletes rows that only ever grow once nothing can need them any more: Slack event ids past Slack's retries,
// link states long past their expiry, and failed jobs past the time anyone diagnoses them. Deletes go in small
// batches (select ids, delete those ids), so a large backlog never holds one long transaction or lock.
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export interface Retention {
  /** Slack retries an event for about an hour; an id kept a day still catches every retry as a duplicate. */
  processedSlackEventMs: number;
  /**
   * Counted from a link's expiry (a used link expires too). Until then a late click says "expired" or "already
   * used"; after it, the signed token is still recognised as Slotline's and answered "expired" (links/link-service.ts).
   */
  linkStateAfterExpiryMs: number;
  /** Counted from the last failed attempt: time to read `lastError` before the row goes. */
  failedJobMs: number;
}

export const DEFAULT_RETENTION: Retention = { processedSlackEventMs: DAY_MS, linkStateAfterExpiryMs: 30 * DAY_MS, failedJobMs: 14 * DAY_MS };

export interface PruneLimits {
  batchSize: number;
  /** Per table and run; what is left waits for the next run (see `more`). */
  maxBatches: number;
}

export const DEFAULT_PRUNE_LIMITS: PruneLimits = { batchSize: 500, maxBatches: 40 };

export interface PruneResult {
  processedSlackEvents: number;
  linkStates: number;
  failedJobs: number;
  /** True when a table hit `maxBatches`: more rows are due than one run deletes. */
  more: boolean;
}

type Ports = { db: Db; clock: Clock; logger: Logger };

/** Deletes `select`ed keys batch by batch until none are left or the batch budget is spent. */
async function inBatches(limits: PruneLimits, select: (take: number) => Promise<string[]>, remove: (keys: string[]) => Promise<number>): Promise<{ deleted: number; more: boolean }> {
  let deleted = 0;
  for (let batch = 0; batch < limits.maxBatches; batch += 1) {
    const keys = await select(limits.batchSize);
    if (keys.length > 0) deleted += await remove(keys);
    if (keys.length < limits.batchSize) return { deleted, more: false };
    // SQLite answers synchronously inside promises: let requests and timers in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { deleted, more: true };
}

export async function pruneExpiredRows(ports: Ports, retention: Retention = DEFAULT_RETENTION, limits: PruneLimits = DEFAULT_PRUNE_LIMITS): Promise<PruneResult> {
  const { db, clock, logger } = ports;
  const now = clock.now().getTime();

  const eventsBefore = new Date(now - retention.processedSlackEventMs);
  const events = await inBatches(
    limits,
    async (take) => (await db.processedSlackEvent.findMany({ where: { receivedAt: { lt: eventsBefore } }, select: { eventId: true }, take })).map((row) => row.eventId),
    async (eventIds) => (await db.processedSlackEvent.deleteMany({ where: { eventId: { in: eventIds } } })).count,
  );

  const expiredBefore = new Date(now - retention.linkStateAfterExpiryMs);
  const links = await inBatches(
    limits,
    async (take) => (await db.oAuthState.findMany({ where: { expiresAt: { lt: expiredBefore } }, select: { id: true }, take })).map((row) => row.id),
    async (ids) => (await db.oAuthState.deleteMany({ where: { id: { in: ids } } })).count,
  );

  // Only failed jobs: finished ones delete themselves, and queued or running ones are work still to do.
  const failedBefore = new Date(now - retention.failedJobMs);
  const jobs = await inBatches(
    limits,
    async (take) => (await db.job.findMany({ where: { status: 'failed', updatedAt: { lt: failedBefore } }, select: { id: true }, take })).map((row) => row.id),
    async (ids) => (await db.job.deleteMany({ where: { id: { in: ids }, status: 'failed' } })).count,
  );

  const result = { processedSlackEvents: events.deleted, linkStates: links.deleted, failedJobs: jobs.deleted, more: events.more || links.more || jobs.more };
  if (result.processedSlackEvents + result.linkStates + result.failedJobs > 0) logger.info('pruned expired rows', { ...result });
  return result;
}
