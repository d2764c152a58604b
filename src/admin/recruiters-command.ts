// `/integrations recruiters …`: who may run /schedule-interview (everyone by default, or named people and/or a user group).
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import type { Workspace } from '../workspaces/workspace-service';
import { recordAudit } from './audit-log';
import { targetEmployee } from './members';
import type { ParsedCommand } from './parse-command';
import { grantRole, mentionList, revokeRole } from './permissions';
import type { AdminReply } from './responder';

const MAX_PEOPLE_PER_COMMAND = 20;
const USAGE =
  'Use `/integrations recruiters add @person`, `remove @person`, `group @user-group`, `group none`, `everyone` or `list`.';

type Ports = Pick<AppContext, 'db' | 'ids' | 'clock' | 'roster' | 'logger' | 'workspaces'>;

export async function recruitersCommand(ctx: Ports, workspace: Workspace, actor: string, command: ParsedCommand, client: WebClient): Promise<AdminReply> {
  const [verb = 'list', argument] = command.words;
  const audit = (action: Parameters<typeof recordAudit>[1]['action'], target?: string) => recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: actor, action, target });
  const restrict = async (): Promise<string | null> => {
    if (workspace.recruitersRestricted) return null;
    await ctx.workspaces.update(workspace.id, { recruitersRestricted: true });
    await audit('recruiters_restricted');
    return 'From now on only recruiters (and Slotline admins) can schedule interviews.';
  };

  switch (verb) {
    case 'list':
      return listRecruiters(ctx, workspace);
    case 'everyone': {
      if (!workspace.recruitersRestricted) return { text: 'Everyone who is a full member can already schedule interviews.' };
      await ctx.workspaces.update(workspace.id, { recruitersRestricted: false });
      await audit('recruiters_unrestricted');
      return { text: 'Every full member can now schedule interviews. (Named recruiters and the group are kept, in case you restrict again.)' };
    }
    case 'group': {
      if (argument === 'none' || argument === 'off') {
        if (!workspace.recruiterUserGroupId) return { text: 'No recruiters group is set.' };
        await ctx.workspaces.update(workspace.id, { recruiterUserGroupId: null });
        await audit('recruiters_group_cleared', workspace.recruiterUserGroupId);
        return { text: 'The recruiters group is cleared; named recruiters and admins can still schedule.' };
      }
      const [group] = command.groups;
      if (!group) return { text: `Mention the user group (type @ and pick it), or \`group none\` to clear it. ${USAGE}` };
      try {
        await client.usergroups.users.list({ usergroup: group });
      } catch (error) {
        ctx.logger.info('recruiters group check failed', { group, error: error instanceof Error ? error.message : String(error) });
        return { text: `I couldn't read the members of <!subteam^${group}>. Check that it exists and that Slotline may read user groups.` };
      }
      await ctx.workspaces.update(workspace.id, { recruiterUserGroupId: group });
      await audit('recruiters_group_set', group);
      return { text: [`Members of <!subteam^${group}> can now schedule interviews.`, await restrict()].filter(Boolean).join(' ') };
    }
    case 'add':
    case 'remove': {
      if (command.users.length === 0) return { text: `Mention the people to ${verb} (type @ and pick them). ${USAGE}` };
      if (command.users.length > MAX_PEOPLE_PER_COMMAND) return { text: `Please name at most ${MAX_PEOPLE_PER_COMMAND} people at a time.` };
      const lines: string[] = [];
      for (const slackUserId of command.users) {
        if (verb === 'add') {
          const target = await targetEmployee(ctx, client, workspace.id, slackUserId);
          if (typeof target === 'string') lines.push(`${target} Recruiters must be full members.`);
          else if (await grantRole(ctx, { workspaceId: workspace.id, slackUserId, role: 'recruiter', grantedBySlackUserId: actor })) {
            await audit('recruiter_added', slackUserId);
            lines.push(`<@${slackUserId}> can schedule interviews.`);
          } else lines.push(`<@${slackUserId}> was already a recruiter.`);
        } else if (await revokeRole(ctx.db, workspace.id, slackUserId, 'recruiter')) {
          await audit('recruiter_removed', slackUserId);
          lines.push(`<@${slackUserId}> is no longer a named recruiter.`);
        } else lines.push(`<@${slackUserId}> was not a named recruiter.`);
      }
      if (verb === 'add') {
        const restricted = await restrict();
        if (restricted) lines.push(restricted);
      }
      return { text: lines.join('\n') };
    }
    default:
      return { text: `I don't know \`recruiters ${verb.slice(0, 20)}\`. ${USAGE}` };
  }
}

async function listRecruiters(ctx: Ports, workspace: Workspace): Promise<AdminReply> {
  const named = await ctx.db.roleGrant.findMany({ where: { workspaceId: workspace.id, role: 'recruiter' }, select: { slackUserId: true }, orderBy: { createdAt: 'asc' } });
  const names = named.length ? mentionList(named.map((n) => n.slackUserId), 50) : 'nobody';
  const group = workspace.recruiterUserGroupId ? `<!subteam^${workspace.recruiterUserGroupId}>` : 'none';
  const mode = workspace.recruitersRestricted
    ? `Only recruiters and Slotline admins can schedule interviews.\nNamed recruiters: ${names}\nRecruiters group: ${group}`
    : `Every full member can schedule interviews.${named.length || workspace.recruiterUserGroupId ? `\n(Kept for when you restrict: named recruiters ${names}; group ${group}.)` : ''}`;
  return { text: `*Who can run /schedule-interview*\n${mode}\n\n${USAGE}` };
}
