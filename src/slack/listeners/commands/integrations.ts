// /integrations: acknowledges at once, then hands the subcommand to the admin command router.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../app-context';
import { runIntegrationsCommand } from '../../../admin/integrations-router';
import { responderFor } from '../../../admin/responder';

const commandSchema = z.object({ team_id: z.string().min(1), user_id: z.string().min(1), text: z.string().default(''), trigger_id: z.string().min(1) });

export function integrationsCommand(ctx: AppContext) {
  return async ({ ack, command, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      ctx.logger.warn('ignored an /integrations payload with an unexpected shape', { issues: parsed.error.issues.length });
      return;
    }
    const { team_id, user_id, text, trigger_id } = parsed.data;
    const workspace = context.workspace ?? (await ctx.workspaces.ensure({ slackTeamId: team_id }));
    await runIntegrationsCommand(ctx, { workspace, slackUserId: user_id, text, triggerId: trigger_id, client, respond: responderFor(respond, client, user_id) });
  };
}
