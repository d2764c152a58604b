// /schedule-interview [text]: acknowledges at once, then the scheduling service opens the modal with the trigger.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { toAppError } from '../../../errors';

export function scheduleInterviewCommand(ctx: AppContext) {
  return async ({ ack, body, context, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    if (!context.workspace) return;
    try {
      const result = await ctx.scheduling.openScheduler({ workspace: context.workspace, slackUserId: body.user_id, triggerId: body.trigger_id, text: body.text ?? '' });
      if (result.refused) await respond({ response_type: 'ephemeral', text: result.refused });
    } catch (raw) {
      const error = toAppError(raw);
      ctx.logger.warn('could not open the scheduler', { code: error.code, error: error.message });
      await respond({ response_type: 'ephemeral', text: `Slotline could not open the scheduler: ${error.userMessage}` });
    }
  };
}
