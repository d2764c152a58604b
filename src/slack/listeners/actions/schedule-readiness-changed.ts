// Interviewers, organizer or video changed in the scheduling form (or "Check again"): re-check who is ready.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { modalOf } from './schedule-action-input';

export function scheduleReadinessChanged(ctx: AppContext) {
  return async ({ ack, body, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const view = modalOf(body);
    if (!context.workspace || !view) return;
    await ctx.scheduling.refreshForm({ workspace: context.workspace, slackUserId: body.user.id, view });
  };
}
