// The scheduling form was submitted: ack with field errors or the next view (what the service decides), then
// let the service search for slots after the ack.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { viewInputOf } from '../../../scheduling/scheduling-service';

export function scheduleInterviewFormSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    if (!context.workspace) return ack();
    const outcome = await ctx.scheduling.submitForm({ workspace: context.workspace, slackUserId: body.user.id, view: viewInputOf(view) });
    await ack(outcome.ack);
    await outcome.afterAck?.();
  };
}
