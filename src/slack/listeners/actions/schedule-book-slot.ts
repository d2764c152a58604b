// A slot's Book (or Move here) button in the scheduling modal.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { actionValue, modalOf } from './schedule-action-input';

export function scheduleBookSlot(ctx: AppContext) {
  return async ({ ack, body, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const view = modalOf(body);
    const slotStart = actionValue(body);
    if (!context.workspace || !view || !slotStart) return;
    await ctx.scheduling.bookSlot({ workspace: context.workspace, slackUserId: body.user.id, view, slotStart });
  };
}
