// team_join and user_change: keep the roster current, and welcome people who became employees.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../app-context';
import { WELCOME_JOB } from '../../../onboarding/onboarding-jobs';

const memberEventSchema = z.object({ user: z.object({ id: z.string().min(1) }).passthrough() });

export function rosterMemberChanged(ctx: AppContext) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'team_join' | 'user_change'> & AllMiddlewareArgs) => {
    const parsed = memberEventSchema.safeParse(event);
    if (!parsed.success || !context.workspace) return;
    const workspaceId = context.workspace.id;
    const outcome = await ctx.roster.applyMember(workspaceId, parsed.data.user);
    if (outcome !== 'added' && outcome !== 'reactivated') return;
    const employeeId = await ctx.onboarding.findEmployeeId(workspaceId, parsed.data.user.id);
    if (employeeId) await ctx.jobs.enqueue(WELCOME_JOB, { employeeId }, { uniqueKey: `${WELCOME_JOB}:${employeeId}` });
  };
}
