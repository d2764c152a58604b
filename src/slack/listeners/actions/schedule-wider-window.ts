// "Search a wider window" in the scheduling modal.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { modalOf } from './schedule-action-input';

export function scheduleWiderWindow(ctx: AppContext) {
  return async ({ ack, body, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const view = modalOf(body);
    if (!context.workspace || !view) return;
    await ctx.scheduling.widenWindow({ workspace: context.workspace, slackUserId: body.user.id, view });
  };
}
