// Job kinds of the reminders feature: the paced dispatcher and the automatic campaign schedule.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { SCHEDULED_CAMPAIGN_JOB } from './campaign-service';
import { DISPATCH_JOB, dispatchPayload } from './dispatch';

export function registerReminderJobs(ctx: AppContext): void {
  ctx.jobs.register({ kind: DISPATCH_JOB, schema: dispatchPayload, handle: ({ workspaceId }) => ctx.campaigns.dispatch(workspaceId) });
  ctx.jobs.register({
    kind: SCHEDULED_CAMPAIGN_JOB,
    schema: z.object({ workspaceId: z.string().min(1) }),
    async handle({ workspaceId }) {
      const workspace = await ctx.db.workspace.findUnique({ where: { id: workspaceId } });
      if (!workspace || workspace.autoNudgeIntervalDays <= 0 || workspace.uninstalledAt) return;
      await ctx.campaigns.start({ workspaceId, trigger: 'schedule' });
      await ctx.campaigns.ensureSchedule(workspaceId);
    },
  });
}
