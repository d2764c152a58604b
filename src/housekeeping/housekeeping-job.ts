// The recurring housekeeping job: prunes expired rows once an hour, once across all replicas.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { DEFAULT_PRUNE_LIMITS, DEFAULT_RETENTION, pruneExpiredRows, type PruneLimits } from './prune-expired-rows';

export const HOUSEKEEPING_JOB = 'housekeeping.prune';
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;
/** When a run leaves rows due (a backlog), the next one follows at the next minute instead of the next hour. */
export const BACKLOG_FOLLOW_UP_MS = 60_000;

type Ports = Pick<AppContext, 'jobs' | 'clock'>;

/**
 * Queues a run at the next boundary of `intervalMs` (by default the next hour). The unique key names that boundary,
 * so replicas that start together, a run that schedules its successor, and backlog follow-ups all agree on one job
 * per instant (as the daily reconcile does).
 */
export async function scheduleHousekeeping(ctx: Ports, after = ctx.clock.now(), intervalMs = HOUSEKEEPING_INTERVAL_MS): Promise<void> {
  const runAt = new Date((Math.floor(after.getTime() / intervalMs) + 1) * intervalMs);
  await ctx.jobs.enqueue(HOUSEKEEPING_JOB, {}, { runAt, uniqueKey: `${HOUSEKEEPING_JOB}:${runAt.toISOString()}`, maxAttempts: 3 });
}

export function registerHousekeepingJob(ctx: Pick<AppContext, 'jobs' | 'clock' | 'db' | 'logger'>, limits: PruneLimits = DEFAULT_PRUNE_LIMITS): void {
  ctx.jobs.register({
    kind: HOUSEKEEPING_JOB,
    schema: z.object({}),
    async handle() {
      // The successor first: a run that fails for good must not end the hourly chain.
      await scheduleHousekeeping(ctx);
      const result = await pruneExpiredRows(ctx, DEFAULT_RETENTION, limits);
      if (result.more) await scheduleHousekeeping(ctx, ctx.clock.now(), BACKLOG_FOLLOW_UP_MS);
    },
  });
}
