// "Refresh" on the checklist: re-read the person's state from Cronofy, then redraw the DM and the Home tab.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { toAppError } from '../../../errors';

export function refreshChecklist(ctx: AppContext) {
  return async ({ ack, body, context, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    if (!context.workspace) return;
    const employeeId = await ctx.onboarding.findEmployeeId(context.workspace.id, body.user.id);
    if (!employeeId) return;
    try {
      await ctx.onboarding.refresh(employeeId);
    } catch (raw) {
      const error = toAppError(raw);
      ctx.logger.warn('checklist refresh failed', { employeeId, code: error.code, error: error.message });
      // Home-tab clicks have no response_url; the tab already shows the last known state.
      if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: `Could not check with Cronofy just now: ${error.userMessage} The checklist shows the last known state.` });
    }
  };
}
