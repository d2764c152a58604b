// Who may run /schedule-interview: every active full member, unless admins restricted it — then admins,
// people granted the recruiter role, and members of the recruiter user group.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { whoCanHelp } from '../admin/permissions';

export type SchedulePermission = { allowed: true } | { allowed: false; message: string };

const usergroupUsersSchema = z.object({ users: z.array(z.string()).optional() });

// Refusals name the people who can help (the integration admins, by mention).
const notAMember = (who: string) => `Only full members of this workspace can schedule interviews with Slotline. If you joined in the last few minutes, try again shortly. ${who} can help if it keeps happening.`;
const restricted = (who: string) => `Scheduling interviews is limited to recruiters in this workspace. ${who} can add you (\`/integrations recruiters add @you\`).`;

export async function canSchedule(ctx: Pick<AppContext, 'db' | 'slack' | 'logger'>, workspaceId: string, slackUserId: string): Promise<SchedulePermission> {
  const [workspace, employee] = await Promise.all([
    ctx.db.workspace.findUnique({ where: { id: workspaceId } }),
    ctx.db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } }),
  ]);
  if (!workspace || !employee || employee.deactivatedAt) return { allowed: false, message: notAMember(await whoCanHelp(ctx.db, workspaceId)) };
  if (!workspace.recruitersRestricted || employee.isSlackAdmin) return { allowed: true };

  const grant = await ctx.db.roleGrant.findFirst({ where: { workspaceId, slackUserId, role: { in: ['admin', 'recruiter'] } } });
  if (grant) return { allowed: true };

  if (workspace.recruiterUserGroupId) {
    try {
      const client = await ctx.slack.forTeam(workspace.slackTeamId);
      const parsed = usergroupUsersSchema.safeParse(await client.usergroups.users.list({ usergroup: workspace.recruiterUserGroupId }));
      if (parsed.success && parsed.data.users?.includes(slackUserId)) return { allowed: true };
    } catch (error) {
      // A deleted or unreadable group grants nobody; admins see the problem in the log.
      ctx.logger.warn('could not read the recruiter user group', { workspaceId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { allowed: false, message: restricted(await whoCanHelp(ctx.db, workspaceId)) };
}
