// Keeps the employee list in step with Slack: full syncs (paginated users.list) and single-member updates.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { DomainEventBus } from '../platform/domain-events';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { employeeFields, isEmployee, slackMemberSchema, type SlackMember } from './slack-member';

export interface RosterChange {
  added: string[];
  updated: number;
  deactivated: string[];
  reactivated: string[];
}

export interface RosterService {
  /** Reads every member and reconciles; returns who joined and who left. */
  sync(workspaceId: string, client: WebClient): Promise<RosterChange>;
  /** Applies one member (team_join, user_change); returns what happened to them. */
  applyMember(workspaceId: string, raw: unknown): Promise<'added' | 'updated' | 'deactivated' | 'reactivated' | 'ignored'>;
}

export function createRosterService(deps: {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  pageSize?: number;
  /** Told about every employee who leaves (their Cronofy authorization must be revoked). */
  onDeactivated?: (employeeId: string) => Promise<void>;
  /** Receives `employee_joined` for every member added (Enterprise Connect requests their calendar). */
  events?: DomainEventBus;
}): RosterService {
  const { db, clock, ids, logger } = deps;
  const pageSize = deps.pageSize ?? 200;
  const deactivated = async (employeeId: string) => {
    await deps.onDeactivated?.(employeeId);
  };

  async function apply(workspaceId: string, member: SlackMember) {
    const existing = await db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId: member.id } } });
    const employee = isEmployee(member);
    if (!existing) {
      if (!employee) return 'ignored' as const;
      const employeeId = ids.id('emp');
      try {
        await db.employee.create({ data: { id: employeeId, workspaceId, slackUserId: member.id, ...employeeFields(member) } });
      } catch (error) {
        // A concurrent sync (another replica, or the first import racing an event) added them first.
        if (await db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId: member.id } } })) return 'updated' as const;
        throw error;
      }
      await deps.events?.emit('employee_joined', { employeeId, workspaceId });
      return 'added' as const;
    }
    if (!employee) {
      if (existing.deactivatedAt) return 'ignored' as const;
      await db.employee.update({ where: { id: existing.id }, data: { deactivatedAt: clock.now() } });
      await deactivated(existing.id);
      return 'deactivated' as const;
    }
    await db.employee.update({ where: { id: existing.id }, data: { ...employeeFields(member), deactivatedAt: null } });
    return existing.deactivatedAt ? ('reactivated' as const) : ('updated' as const);
  }

  return {
    async sync(workspaceId, client) {
      const change: RosterChange = { added: [], updated: 0, deactivated: [], reactivated: [] };
      const seen = new Set<string>();
      for await (const page of client.paginate('users.list', { limit: pageSize })) {
        for (const raw of (page as { members?: unknown[] }).members ?? []) {
          const parsed = slackMemberSchema.safeParse(raw);
          if (!parsed.success) {
            logger.warn('skipped a Slack member with an unexpected shape', { issues: parsed.error.issues.length });
            continue;
          }
          seen.add(parsed.data.id);
          const outcome = await apply(workspaceId, parsed.data);
          if (outcome === 'added') change.added.push(parsed.data.id);
          else if (outcome === 'updated') change.updated += 1;
          else if (outcome === 'deactivated') change.deactivated.push(parsed.data.id);
          else if (outcome === 'reactivated') change.reactivated.push(parsed.data.id);
        }
      }
      // Members missing from users.list altogether (removed from the workspace) leave too.
      const active = await db.employee.findMany({ where: { workspaceId, deactivatedAt: null }, select: { id: true, slackUserId: true } });
      const gone = active.filter((e) => !seen.has(e.slackUserId));
      if (gone.length > 0) {
        await db.employee.updateMany({ where: { id: { in: gone.map((e) => e.id) } }, data: { deactivatedAt: clock.now() } });
        for (const employee of gone) await deactivated(employee.id);
        change.deactivated.push(...gone.map((e) => e.slackUserId));
      }
      return change;
    },

    async applyMember(workspaceId, raw) {
      const parsed = slackMemberSchema.safeParse(raw);
      if (!parsed.success) return 'ignored';
      return apply(workspaceId, parsed.data);
    },
  };
}
