// "I don't host interviews" / "I do host interviews again" on the checklist.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';

export function hostsInterviews(ctx: AppContext, hosts: boolean) {
  return async ({ ack, body, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    if (!context.workspace) return;
    const employeeId = await ctx.onboarding.findEmployeeId(context.workspace.id, body.user.id);
    if (employeeId) await ctx.onboarding.setHostsInterviews(employeeId, hosts);
  };
}
