// What `/integrations enterprise` and the Enterprise Connect buttons do for an integration admin: the status
// with fresh link buttons, Sync all, Retry failed (all or one), Unlink. Every entry checks the admin first.
import type { WebClient } from '@slack/web-api';
import { recordAudit } from '../admin/audit-log';
import { adminRefusal, isIntegrationAdmin } from '../admin/permissions';
import type { AdminReply, Responder } from '../admin/responder';
import type { AppContext } from '../app-context';
import { toAppError } from '../errors';
import type { Workspace } from '../workspaces/workspace-service';
import { ENTERPRISE_ACTIONS, ENTERPRISE_LINK_CHOICES, enterpriseHomeBlocks, enterpriseStatusBlocks, enterpriseStatusText, type EnterpriseProviderChoice } from './enterprise-blocks';
import type { KnownBlock } from '../admin/blocks';

const PROGRESS_WHERE = 'Progress shows in your DM with Slotline.';

/** `/integrations enterprise` (the caller is an admin already): where the link stands, with what can be done. */
export async function enterpriseStatusReply(ctx: AppContext, workspace: Workspace, adminSlackUserId: string): Promise<AdminReply> {
  const status = await ctx.enterprise.status(workspace.id);
  const failures = await ctx.enterprise.failures(workspace.id, 10);
  const linkUrls: Partial<Record<EnterpriseProviderChoice, string>> = {};
  if (status.state !== 'active') {
    for (const choice of ENTERPRISE_LINK_CHOICES) linkUrls[choice.provider] = (await ctx.enterprise.startLink(workspace.id, adminSlackUserId, choice.provider)).url;
  }
  return { text: enterpriseStatusText(status), blocks: enterpriseStatusBlocks(status, failures, linkUrls) };
}

/** The admin's Home section (empty for everyone else: the caller decides who is an admin). */
export async function enterpriseHomeSection(ctx: AppContext, workspaceId: string): Promise<KnownBlock[]> {
  return enterpriseHomeBlocks(await ctx.enterprise.status(workspaceId));
}

export interface EnterpriseActionRequest {
  workspace: Workspace;
  slackUserId: string;
  client: WebClient;
  respond: Responder;
  actionId: string;
  value: string | undefined;
}

export async function runEnterpriseAction(ctx: AppContext, request: EnterpriseActionRequest): Promise<void> {
  const { workspace, slackUserId, client, respond, actionId } = request;
  try {
    if (!(await isIntegrationAdmin(ctx, client, workspace.id, slackUserId))) {
      await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: slackUserId, action: 'access_denied', detail: { action: actionId.slice(0, 40) } });
      await respond({ text: await adminRefusal(ctx.db, workspace.id) });
      return;
    }
    await respond(await enterpriseAction(ctx, request));
  } catch (raw) {
    const error = toAppError(raw);
    ctx.logger[error.code === 'internal' ? 'error' : 'warn']('Enterprise Connect action failed', { action: actionId, code: error.code, error: error.message });
    await respond({ text: `Sorry, that didn't work: ${error.userMessage}` }).catch(() => undefined);
  }
}

async function enterpriseAction(ctx: AppContext, request: EnterpriseActionRequest): Promise<AdminReply> {
  const { workspace, slackUserId, actionId, value } = request;
  switch (actionId) {
    case ENTERPRISE_ACTIONS.syncAll: {
      const run = await ctx.enterprise.syncAll(workspace.id, slackUserId);
      return { text: run.alreadyRunning ? `A sync is already running. ${PROGRESS_WHERE}` : `Syncing everyone on the linked domain who is not connected yet. ${PROGRESS_WHERE}` };
    }
    case ENTERPRISE_ACTIONS.retryFailed: {
      const run = await ctx.enterprise.retryFailed(workspace.id, slackUserId);
      return { text: run.alreadyRunning ? `A sync is already running; retry the failed ones when it is done. ${PROGRESS_WHERE}` : `Retrying everyone whose calendar could not be synced. ${PROGRESS_WHERE}` };
    }
    case ENTERPRISE_ACTIONS.retryOne: {
      const employee = value ? await ctx.db.employee.findUnique({ where: { id: value } }) : null;
      if (!employee || employee.workspaceId !== workspace.id) return { text: 'That person is not in this workspace any more.' };
      const outcome = await ctx.enterprise.retryOne(employee.id, slackUserId);
      const texts = {
        requested: `Asked for <@${employee.slackUserId}>'s calendar again; their checklist updates when Cronofy answers.`,
        in_progress: `<@${employee.slackUserId}>'s calendar is already being synced.`,
        already_connected: `<@${employee.slackUserId}>'s calendar is already connected.`,
      };
      return { text: texts[outcome] };
    }
    case ENTERPRISE_ACTIONS.unlink: {
      const { domain } = await ctx.enterprise.unlink(workspace.id, slackUserId);
      return {
        text: `Enterprise Connect for ${domain ?? 'your domain'} is unlinked and its service account revoked. Calendars already connected stay connected; everyone else connects their own from Slotline's checklist.`,
      };
    }
    case ENTERPRISE_ACTIONS.refresh:
      return enterpriseStatusReply(ctx, workspace, slackUserId);
    default:
      return { text: 'That button is no longer supported. Run `/integrations enterprise` again.' };
  }
}
