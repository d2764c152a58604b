// Background work on connections: a disconnection Cronofy pushed, and the periodic per-person check.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { checkConnection, markProfileDisconnected } from './check-connection';

export const PROFILE_DISCONNECTED_JOB = 'connections.profile_disconnected';
export const CHECK_CONNECTION_JOB = 'connections.check';

const employeeJob = z.object({ employeeId: z.string().min(1) });

/** Failures the token manager has already recorded as a disconnection. */
const RECORDED_FAILURES = new Set(['cronofy_unauthorized', 'cronofy_invalid_grant', 'cronofy_locked']);

export function registerConnectionJobs(ctx: AppContext): void {
  ctx.jobs.register({
    kind: PROFILE_DISCONNECTED_JOB,
    schema: employeeJob,
    async handle({ employeeId }) {
      try {
        await checkConnection(ctx, employeeId);
      } catch (error) {
        if (!(error instanceof AppError && RECORDED_FAILURES.has(error.code))) {
          // Cronofy said the profile disconnected; its userinfo (relink details) can be read on the next check.
          ctx.logger.warn('could not read userinfo after a profile_disconnected push', { employeeId, error: error instanceof Error ? error.message : String(error) });
          await markProfileDisconnected(ctx, employeeId);
        }
      }
      // A video account that disconnected changes the checklist too (a lost calendar gets its own notice).
      await ctx.onboarding.scheduleUpdate(employeeId);
    },
  });

  ctx.jobs.register({
    kind: CHECK_CONNECTION_JOB,
    schema: employeeJob,
    async handle({ employeeId }) {
      try {
        await checkConnection(ctx, employeeId);
      } catch (error) {
        if (error instanceof AppError && RECORDED_FAILURES.has(error.code)) return;
        throw error;
      }
    },
  });
}
