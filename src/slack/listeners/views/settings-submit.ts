// The settings modal's Save: validated and stored before the ack, so errors show next to their inputs and nothing is lost.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../app-context';
import { SETTINGS_BLOCKS } from '../../../admin/settings-modal';
import { confirmSettings, saveSettings } from '../../../admin/settings-save';
import { toAppError } from '../../../errors';

const bodySchema = z.object({ user: z.object({ id: z.string().min(1) }), team: z.object({ id: z.string().min(1) }).nullish(), view: z.object({ state: z.object({ values: z.unknown() }) }) });

export function settingsSubmit(ctx: AppContext) {
  return async ({ ack, body, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const parsed = bodySchema.safeParse(body);
    const teamId = parsed.success ? (parsed.data.team?.id ?? context.teamId) : undefined;
    if (!parsed.success || !teamId) {
      await ack({ response_action: 'errors', errors: { [SETTINGS_BLOCKS.providers]: 'Slack sent this form in a shape I did not expect. Please try again.' } });
      return;
    }
    const actor = parsed.data.user.id;
    let outcome;
    let workspaceId: string;
    try {
      const workspace = context.workspace ?? (await ctx.workspaces.ensure({ slackTeamId: teamId }));
      workspaceId = workspace.id;
      outcome = await saveSettings(ctx, workspace, actor, parsed.data.view.state.values, client);
    } catch (raw) {
      const error = toAppError(raw);
      ctx.logger.error('saving settings failed', { code: error.code, error: error.message });
      await ack({ response_action: 'errors', errors: { [SETTINGS_BLOCKS.providers]: `Could not save: ${error.userMessage}` } });
      return;
    }
    if ('errors' in outcome) {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await ack();
    await confirmSettings(ctx, client, workspaceId, actor, outcome.saved);
  };
}
