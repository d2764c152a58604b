// Durable checklist work: welcoming joiners, updating the DM and Home tab after a change, relink notices.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { welcomeNotice } from './notices';

export const WELCOME_JOB = 'onboarding.welcome';
export const UPDATE_JOB = 'onboarding.update';
export const CONNECTION_LOST_JOB = 'onboarding.connection_lost';

const employeeJob = z.object({ employeeId: z.string().min(1) });

export function registerOnboardingJobs(ctx: AppContext): void {
  ctx.jobs.register({
    kind: WELCOME_JOB,
    schema: employeeJob,
    async handle({ employeeId }) {
      const employee = await ctx.db.employee.findUnique({ where: { id: employeeId } });
      if (!employee) return;
      await ctx.onboarding.sendChecklist(employeeId, { notice: welcomeNotice(employee.realName) });
    },
  });

  ctx.jobs.register({
    kind: UPDATE_JOB,
    schema: employeeJob,
    async handle({ employeeId }) {
      if (!(await ctx.db.employee.findUnique({ where: { id: employeeId }, select: { id: true } }))) return;
      await ctx.onboarding.sendChecklist(employeeId);
      await ctx.onboarding.publishHome(employeeId);
    },
  });

  ctx.jobs.register({
    kind: CONNECTION_LOST_JOB,
    schema: employeeJob,
    handle: ({ employeeId }) => ctx.onboarding.notifyConnectionLost(employeeId),
  });

  // A 401 a refresh cannot fix, invalid_grant, 423 or a profile_disconnected push: tell the person, durably.
  ctx.events.on('calendar_disconnected', async ({ employeeId }) => {
    await ctx.jobs.enqueue(CONNECTION_LOST_JOB, { employeeId }, { uniqueKey: `${CONNECTION_LOST_JOB}:${employeeId}` });
  });
}
