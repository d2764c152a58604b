// "Cancel interview" on an interview DM (Slack asked for confirmation first): delete the event, tell everyone.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { actionValue } from './schedule-action-input';

export function interviewCancel(ctx: AppContext) {
  return async ({ ack, body, context, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const interviewId = actionValue(body);
    if (!context.workspace || !interviewId) return;
    const message = await ctx.scheduling.cancel({ workspace: context.workspace, slackUserId: body.user.id, interviewId });
    if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: message });
  };
}
