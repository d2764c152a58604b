// Which Slack members are employees, read from users.list / users.info / user_change payloads.
import { z } from 'zod';

export const slackMemberSchema = z
  .object({
    id: z.string(),
    team_id: z.string().optional(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    deleted: z.boolean().optional().default(false),
    is_bot: z.boolean().optional().default(false),
    is_app_user: z.boolean().optional().default(false),
    is_restricted: z.boolean().optional().default(false),
    is_ultra_restricted: z.boolean().optional().default(false),
    is_admin: z.boolean().optional().default(false),
    is_owner: z.boolean().optional().default(false),
    is_primary_owner: z.boolean().optional().default(false),
    tz: z.string().nullish(),
    profile: z.object({ email: z.string().optional(), real_name: z.string().optional(), display_name: z.string().optional() }).partial().optional(),
  })
  .passthrough();
export type SlackMember = z.infer<typeof slackMemberSchema>;

/** Full members only: no bots, apps, Slackbot, deleted accounts or guests. */
export function isEmployee(member: SlackMember): boolean {
  return member.id !== 'USLACKBOT' && !member.deleted && !member.is_bot && !member.is_app_user && !member.is_restricted && !member.is_ultra_restricted;
}

export function employeeFields(member: SlackMember) {
  return {
    email: member.profile?.email?.toLowerCase() ?? null,
    realName: member.profile?.real_name || member.real_name || member.name || member.id,
    timeZone: member.tz || 'UTC',
    isSlackAdmin: member.is_admin || member.is_owner || member.is_primary_owner,
    isSlackOwner: member.is_owner || member.is_primary_owner,
  };
}
