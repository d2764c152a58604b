// Who is an integration admin (Slack admins and owners, plus people admins added) and who can help the rest.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import type { Db } from '../db/client';
import type { IdGenerator } from '../platform/ids';
import { isActive, resolveEmployee } from './members';

export const ROLES = ['admin', 'recruiter'] as const;
export type Role = (typeof ROLES)[number];

export async function hasRole(db: Db, workspaceId: string, slackUserId: string, role: Role): Promise<boolean> {
  const grant = await db.roleGrant.findUnique({ where: { workspaceId_slackUserId_role: { workspaceId, slackUserId, role } } });
  return grant !== null;
}

type Ports = Pick<AppContext, 'db' | 'rawSql' | 'roster' | 'logger'>;

/** Counts come back as numbers, bigints or strings depending on the driver. */
const positive = (value: unknown) => Number(value) > 0;

/**
 * Slack's admins and owners are integration admins by default; others need an `admin` grant. Every `/integrations`
 * command and admin button asks this first, so the grant and the person's row are read in one portable query,
 * through RawSql (Prisma Client would compile it and build its result afresh each time, in front of the next ack);
 * only a person the roster has not met yet costs a users.info call.
 */
export async function isIntegrationAdmin(ports: Ports, client: WebClient, workspaceId: string, slackUserId: string): Promise<boolean> {
  const [facts] = await ports.rawSql.rows(
    `SELECT
      (SELECT COUNT(*) FROM "RoleGrant" g WHERE g."workspaceId" = ? AND g."slackUserId" = ? AND g."role" = 'admin'),
      (SELECT COUNT(*) FROM "Employee" e WHERE e."workspaceId" = ? AND e."slackUserId" = ?),
      (SELECT COUNT(*) FROM "Employee" e WHERE e."workspaceId" = ? AND e."slackUserId" = ? AND e."deactivatedAt" IS NULL AND e."isSlackAdmin" = TRUE)`,
    [workspaceId, slackUserId, workspaceId, slackUserId, workspaceId, slackUserId],
  );
  const [granted, known, activeSlackAdmin] = facts ?? [];
  if (positive(granted)) return true;
  if (positive(known)) return positive(activeSlackAdmin);
  const employee = await resolveEmployee(ports, client, workspaceId, slackUserId);
  return isActive(employee) && employee.isSlackAdmin;
}

export interface AdminList {
  /** Active Slack admins and owners (owners first). */
  slackAdmins: string[];
  /** People granted `admin` in Slotline, with who granted it. */
  granted: Array<{ slackUserId: string; grantedBySlackUserId: string }>;
}

export async function listIntegrationAdmins(db: Db, workspaceId: string): Promise<AdminList> {
  const [slackAdmins, granted] = await Promise.all([
    db.employee.findMany({
      where: { workspaceId, deactivatedAt: null, isSlackAdmin: true },
      select: { slackUserId: true },
      orderBy: [{ isSlackOwner: 'desc' }, { realName: 'asc' }],
      take: 100,
    }),
    db.roleGrant.findMany({ where: { workspaceId, role: 'admin' }, select: { slackUserId: true, grantedBySlackUserId: true }, orderBy: { createdAt: 'asc' } }),
  ]);
  return { slackAdmins: slackAdmins.map((a) => a.slackUserId), granted };
}

export function mentionList(slackUserIds: string[], max = 5): string {
  const mentions = slackUserIds.slice(0, max).map((id) => `<@${id}>`);
  const rest = slackUserIds.length - mentions.length;
  if (rest > 0) return `${mentions.join(', ')} and ${rest} more`;
  if (mentions.length <= 1) return mentions.join('');
  return `${mentions.slice(0, -1).join(', ')} or ${mentions[mentions.length - 1]}`;
}

/** "<@A>, <@B> or <@C>": the people a refused user should ask. */
export async function whoCanHelp(db: Db, workspaceId: string): Promise<string> {
  const admins = await listIntegrationAdmins(db, workspaceId);
  const ids = [...new Set([...admins.slackAdmins, ...admins.granted.map((g) => g.slackUserId)])];
  return ids.length ? mentionList(ids) : 'A workspace admin or owner';
}

export async function adminRefusal(db: Db, workspaceId: string): Promise<string> {
  return `Only Slotline admins can use \`/integrations\`. ${await whoCanHelp(db, workspaceId)} can help, or add you with \`/integrations admins add @you\`.`;
}

/** Idempotent: granting twice keeps the first grant. Returns whether anything changed. */
export async function grantRole(ports: { db: Db; ids: IdGenerator }, grant: { workspaceId: string; slackUserId: string; role: Role; grantedBySlackUserId: string }): Promise<boolean> {
  if (await hasRole(ports.db, grant.workspaceId, grant.slackUserId, grant.role)) return false;
  try {
    await ports.db.roleGrant.create({ data: { id: ports.ids.id('role'), ...grant } });
    return true;
  } catch (error) {
    // A concurrent grant of the same role won the unique key: the person has the role either way.
    if (await hasRole(ports.db, grant.workspaceId, grant.slackUserId, grant.role)) return false;
    throw error;
  }
}

export async function revokeRole(db: Db, workspaceId: string, slackUserId: string, role: Role): Promise<boolean> {
  const { count } = await db.roleGrant.deleteMany({ where: { workspaceId, slackUserId, role } });
  return count > 0;
}
