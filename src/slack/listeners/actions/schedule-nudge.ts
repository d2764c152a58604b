// "Nudge" next to someone who is not ready: Slotline reminds them now, and the form says so.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { actionValue, modalOf } from './schedule-action-input';

export function scheduleNudge(ctx: AppContext) {
  return async ({ ack, body, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const view = modalOf(body);
    const employeeId = actionValue(body);
    if (!context.workspace || !view || !employeeId) return;
    await ctx.scheduling.nudge({ workspace: context.workspace, slackUserId: body.user.id, view, employeeId });
  };
}
