// "Reschedule" on an interview DM: opens the slot picker for the same interview (the trigger is used at once).
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { toAppError } from '../../../errors';
import { actionValue } from './schedule-action-input';

export function interviewReschedule(ctx: AppContext) {
  return async ({ ack, body, context, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const interviewId = actionValue(body);
    if (!context.workspace || !interviewId) return;
    try {
      await ctx.scheduling.openReschedule({ workspace: context.workspace, slackUserId: body.user.id, triggerId: body.trigger_id, interviewId });
    } catch (raw) {
      const error = toAppError(raw);
      ctx.logger.warn('could not open the reschedule picker', { interviewId, code: error.code, error: error.message });
      if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: `Slotline could not open the reschedule picker: ${error.userMessage}` });
    }
  };
}
