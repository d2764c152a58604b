// Finds the employee behind a Slack user id, asking Slack (users.info) for people the roster has not seen yet,
// so a brand-new admin or member is recognised before the first roster sync.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import type { Employee } from '../generated/prisma/sqlite/client';

type Ports = Pick<AppContext, 'db' | 'roster' | 'logger'>;

export async function resolveEmployee(ports: Ports, client: WebClient, workspaceId: string, slackUserId: string): Promise<Employee | null> {
  const where = { workspaceId_slackUserId: { workspaceId, slackUserId } };
  const known = await ports.db.employee.findUnique({ where });
  if (known) return known;
  try {
    const info = await client.users.info({ user: slackUserId });
    await ports.roster.applyMember(workspaceId, info.user);
  } catch (error) {
    ports.logger.info('could not look up a Slack member', { slackUserId, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
  return ports.db.employee.findUnique({ where });
}

/** Active full members only: guests, bots and people who left are never employees. */
export function isActive(employee: Employee | null): employee is Employee {
  return employee !== null && employee.deactivatedAt === null;
}

/** A person an admin named (in a command or a button), as an active employee of this workspace, or why not. */
export async function targetEmployee(ports: Ports, client: WebClient, workspaceId: string, slackUserId: string): Promise<Employee | string> {
  const employee = await resolveEmployee(ports, client, workspaceId, slackUserId);
  if (!employee) return `<@${slackUserId}> is not someone Slotline knows: only full members of this workspace (no guests or bots) host interviews.`;
  if (employee.deactivatedAt) return `<@${slackUserId}> is no longer an active member of this workspace.`;
  return employee;
}

/** The viewing admin's own zone for showing times (their Slack profile's zone, or UTC). */
export async function viewerTimeZone(ports: Pick<AppContext, 'db'>, workspaceId: string, slackUserId: string): Promise<string> {
  const employee = await ports.db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } }, select: { timeZone: true } });
  return employee?.timeZone ?? 'UTC';
}
