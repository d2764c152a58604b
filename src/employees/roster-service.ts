// Keeps the employee list in step with Slack: full syncs (paginated users.list), page-at-a-time imports and
// single-member updates.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client';
import type { Employee } from '../generated/prisma/sqlite/client';
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

export interface RosterPage {
  change: RosterChange;
  /** Where users.list goes on; null after the last page. */
  nextCursor: string | null;
}

export interface RosterService {
  /** Reads every member and reconciles; returns who joined and who left. */
  sync(workspaceId: string, client: WebClient): Promise<RosterChange>;
  /**
   * Applies one page of users.list (the first without a cursor). Applying a page again changes nothing, so a page
   * cut off by a crash can simply be read again; members missing from the list are left to `sync`.
   */
  importPage(workspaceId: string, client: WebClient, cursor?: string): Promise<RosterPage>;
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
  /** Receives `employees_joined` for the members added (Enterprise Connect requests their calendars). */
  events?: DomainEventBus;
}): RosterService {
  const { db, clock, ids, logger } = deps;
  const pageSize = deps.pageSize ?? 200;
  const deactivated = async (employeeId: string) => {
    await deps.onDeactivated?.(employeeId);
  };

  /** `known`: the stored row when the caller looked it up already (null: not stored), else it is read here. */
  async function apply(workspaceId: string, member: SlackMember, known?: Employee | null) {
    const existing = known !== undefined ? known : await db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId: member.id } } });
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
      await deps.events?.emit('employees_joined', { workspaceId, employeeIds: [employeeId] });
      return 'added' as const;
    }
    if (!employee) {
      if (existing.deactivatedAt) return 'ignored' as const;
      await db.employee.update({ where: { id: existing.id }, data: { deactivatedAt: clock.now() } });
      await deactivated(existing.id);
      return 'deactivated' as const;
    }
    const fields = employeeFields(member);
    // Most members of a daily sync are unchanged: they cost no write.
    if (!existing.deactivatedAt && (Object.keys(fields) as Array<keyof typeof fields>).every((key) => existing[key] === fields[key])) return 'updated' as const;
    await db.employee.update({ where: { id: existing.id }, data: { ...fields, deactivatedAt: null } });
    return existing.deactivatedAt ? ('reactivated' as const) : ('updated' as const);
  }

  /**
   * One page of users.list: one read for the whole page and one insert for its new members (a first import of a
   * large workspace is mostly new members); if a concurrent sync inserted some of them first, one by one instead.
   */
  async function applyPage(workspaceId: string, members: SlackMember[], change: RosterChange): Promise<void> {
    const stored = await db.employee.findMany({ where: { workspaceId, slackUserId: { in: members.map((member) => member.id) } } });
    const byId = new Map(stored.map((row) => [row.slackUserId, row]));
    const joiners = members.filter((member) => !byId.has(member.id) && isEmployee(member)).map((member) => ({ id: ids.id('emp'), workspaceId, slackUserId: member.id, ...employeeFields(member) }));
    let inserted = new Map<string, string>();
    if (joiners.length > 0) {
      try {
        await db.employee.createMany({ data: joiners });
        inserted = new Map(joiners.map((row) => [row.slackUserId, row.id]));
      } catch {
        logger.info('roster page raced another sync; applying its members one by one', { workspaceId });
      }
    }
    // Looked-up rows are current unless the insert failed (then each member is read again).
    const preloaded = joiners.length === 0 || inserted.size > 0;
    for (const member of members) {
      if (inserted.has(member.id)) {
        change.added.push(member.id);
        continue;
      }
      const outcome = await apply(workspaceId, member, preloaded ? (byId.get(member.id) ?? null) : undefined);
      if (outcome === 'added') change.added.push(member.id);
      else if (outcome === 'updated') change.updated += 1;
      else if (outcome === 'deactivated') change.deactivated.push(member.id);
      else if (outcome === 'reactivated') change.reactivated.push(member.id);
    }
    if (inserted.size > 0) await deps.events?.emit('employees_joined', { workspaceId, employeeIds: [...inserted.values()] });
  }

  /** The well-formed members of one users.list page, each once (users.list never repeats one; `seen` spans pages). */
  function membersOf(page: unknown, seen: Set<string>): SlackMember[] {
    const members: SlackMember[] = [];
    for (const raw of (page as { members?: unknown[] }).members ?? []) {
      const parsed = slackMemberSchema.safeParse(raw);
      if (!parsed.success) {
        logger.warn('skipped a Slack member with an unexpected shape', { issues: parsed.error.issues.length });
        continue;
      }
      if (seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      members.push(parsed.data);
    }
    return members;
  }

  const noChange = (): RosterChange => ({ added: [], updated: 0, deactivated: [], reactivated: [] });

  return {
    async sync(workspaceId, client) {
      const change = noChange();
      const seen = new Set<string>();
      for await (const page of client.paginate('users.list', { limit: pageSize })) {
        const members = membersOf(page, seen);
        if (members.length > 0) await applyPage(workspaceId, members, change);
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

    async importPage(workspaceId, client, cursor) {
      const page = await client.users.list({ limit: pageSize, ...(cursor ? { cursor } : {}) });
      const change = noChange();
      const members = membersOf(page, new Set());
      if (members.length > 0) await applyPage(workspaceId, members, change);
      return { change, nextCursor: page.response_metadata?.next_cursor || null };
    },

    async applyMember(workspaceId, raw) {
      const parsed = slackMemberSchema.safeParse(raw);
      if (!parsed.success) return 'ignored';
      return apply(workspaceId, parsed.data);
    },
  };
}
