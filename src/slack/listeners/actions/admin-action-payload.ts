// The parts of an admin surface's block_actions payload we read (zod at the boundary), turned into a request for src/admin.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AdminActionRequest } from '../../../admin/admin-actions';
import { responderFor } from '../../../admin/responder';
import type { AppContext } from '../../../app-context';

const bodySchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().optional(), selected_option: z.object({ value: z.string() }).nullish() })).min(1),
});

export type AdminActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface ParsedAdminAction {
  request: AdminActionRequest;
  triggerId: string;
  /** The button's value or the chosen option's value. */
  value: string | undefined;
}

export async function parseAdminAction(ctx: AppContext, { body, client, context, respond }: AdminActionArgs): Promise<ParsedAdminAction | null> {
  const parsed = bodySchema.safeParse(body);
  const teamId = parsed.success ? (parsed.data.team?.id ?? context.teamId) : undefined;
  if (!parsed.success || !teamId) {
    ctx.logger.warn('ignored an admin action with an unexpected shape', { issues: parsed.success ? 0 : parsed.error.issues.length });
    return null;
  }
  const workspace = context.workspace ?? (await ctx.workspaces.ensure({ slackTeamId: teamId }));
  const slackUserId = parsed.data.user.id;
  const [action] = parsed.data.actions;
  // Home tab buttons have no response_url: Bolt's respond is then unusable and answers go to the DM.
  const hasResponseUrl = typeof (body as { response_url?: unknown }).response_url === 'string';
  return {
    request: { workspace, slackUserId, client, respond: responderFor(hasResponseUrl ? respond : undefined, client, slackUserId) },
    triggerId: parsed.data.trigger_id,
    value: action.selected_option?.value ?? action.value,
  };
}
