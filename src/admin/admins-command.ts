// `/integrations admins add|remove|list`: who may run the admin commands besides Slack's admins and owners.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import type { Workspace } from '../workspaces/workspace-service';
import { recordAudit } from './audit-log';
import { targetEmployee } from './members';
import type { ParsedCommand } from './parse-command';
import { grantRole, listIntegrationAdmins, mentionList, revokeRole } from './permissions';
import type { AdminReply } from './responder';

const MAX_PEOPLE_PER_COMMAND = 20;
const USAGE = 'Use `/integrations admins add @person`, `/integrations admins remove @person` or `/integrations admins list`.';

type Ports = Pick<AppContext, 'db' | 'ids' | 'clock' | 'roster' | 'logger'>;

export async function adminsCommand(ctx: Ports, workspace: Workspace, actor: string, command: ParsedCommand, client: WebClient): Promise<AdminReply> {
  const [verb = 'list'] = command.words;
  if (verb === 'list') return listAdmins(ctx, workspace);
  if (verb !== 'add' && verb !== 'remove') return { text: `I don't know \`admins ${verb.slice(0, 20)}\`. ${USAGE}` };
  if (command.users.length === 0) return { text: `Mention the people to ${verb} (type @ and pick them). ${USAGE}` };
  if (command.users.length > MAX_PEOPLE_PER_COMMAND) return { text: `Please name at most ${MAX_PEOPLE_PER_COMMAND} people at a time.` };
  const lines: string[] = [];
  for (const slackUserId of command.users) {
    const target = await targetEmployee(ctx, client, workspace.id, slackUserId);
    if (verb === 'add') {
      if (typeof target === 'string') lines.push(`${target} Admins must be full members.`);
      else if (target.isSlackAdmin) lines.push(`<@${slackUserId}> is already an admin as a Slack admin or owner.`);
      else if (await grantRole(ctx, { workspaceId: workspace.id, slackUserId, role: 'admin', grantedBySlackUserId: actor })) {
        await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: actor, action: 'admin_added', target: slackUserId });
        lines.push(`<@${slackUserId}> is now a Slotline admin.`);
      } else lines.push(`<@${slackUserId}> was already a Slotline admin.`);
    } else if (typeof target !== 'string' && target.isSlackAdmin) {
      lines.push(`<@${slackUserId}> is a Slack admin or owner, and stays a Slotline admin while Slack says so.`);
    } else if (await revokeRole(ctx.db, workspace.id, slackUserId, 'admin')) {
      await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: actor, action: 'admin_removed', target: slackUserId });
      lines.push(`<@${slackUserId}> is no longer a Slotline admin.`);
    } else lines.push(`<@${slackUserId}> was not a Slotline admin.`);
  }
  return { text: lines.join('\n') };
}

async function listAdmins(ctx: Ports, workspace: Workspace): Promise<AdminReply> {
  const admins = await listIntegrationAdmins(ctx.db, workspace.id);
  const slack = admins.slackAdmins.length ? mentionList(admins.slackAdmins, 30) : 'none found yet (the roster may not be synced)';
  const granted = admins.granted.length ? admins.granted.map((g) => `• <@${g.slackUserId}> (added by <@${g.grantedBySlackUserId}>)`).join('\n') : 'Nobody yet.';
  return { text: `*Slotline admins*\nSlack admins and owners (always admins): ${slack}\n*Added in Slotline:*\n${granted}\n\n${USAGE}` };
}
