// Workspaces (Slack teams) Slotline serves, created on first contact, with their company settings.
import type { Db } from '../db/client';
import type { IdGenerator } from '../platform/ids';
import type { Workspace } from '../generated/prisma/sqlite/client';

export type { Workspace };

export interface WorkspaceService {
  /** Reads the row (creating it on first contact). */
  ensure(options: { slackTeamId: string; name?: string; slackEnterpriseId?: string }): Promise<Workspace>;
  /**
   * The workspace for an incoming Slack request, from this process's cache when it is recent (see CACHE), so a
   * request does not wait on a read of a row that rarely changes. Settings saved by another replica show here
   * within CACHE.staleForMs at the latest; saved through this service, at once.
   */
  forRequest(slackTeamId: string): Promise<Workspace>;
  findBySlackTeamId(slackTeamId: string): Promise<Workspace | null>;
  get(id: string): Promise<Workspace>;
  update(id: string, settings: WorkspaceSettingsPatch): Promise<Workspace>;
  /** Slack removed the app or revoked its bot token: records when, once (null for a team Slotline never saw). */
  markUninstalled(slackTeamId: string, at: Date): Promise<Workspace | null>;
  /** Slack is talking to Slotline for this workspace again (a reinstall); a no-op for an installed one. */
  markInstalled(workspace: Workspace): Promise<Workspace>;
}

export type WorkspaceSettingsPatch = Partial<
  Pick<Workspace, 'conferencingProviders' | 'reminderIntervalHours' | 'reminderMaxCount' | 'workingHoursStart' | 'workingHoursEnd' | 'workingDays' | 'defaultTimeZone' | 'recruiterUserGroupId' | 'recruitersRestricted' | 'autoNudgeIntervalDays'>
>;

/** A cached row is used as is while fresh, used and re-read in the background while stale, re-read first after that. */
export const CACHE = { freshForMs: 1_000, staleForMs: 10_000 };

interface CachedWorkspace {
  workspace: Workspace;
  /** `monotonicMs()` when it was read: apart from the injected clock, which tests may freeze. */
  readAt: number;
  refreshing?: Promise<Workspace>;
}

export function createWorkspaceService(deps: { db: Db; ids: IdGenerator; onCreated?: (workspace: Workspace) => Promise<void>; monotonicMs?: () => number }): WorkspaceService {
  const { db, ids, onCreated, monotonicMs = () => performance.now() } = deps;
  const cache = new Map<string, CachedWorkspace>();

  const remember = (workspace: Workspace): Workspace => {
    cache.set(workspace.slackTeamId, { workspace, readAt: monotonicMs() });
    return workspace;
  };

  function reload(slackTeamId: string): Promise<Workspace> {
    const entry = cache.get(slackTeamId);
    if (entry?.refreshing) return entry.refreshing;
    const refreshing = service.ensure({ slackTeamId }).finally(() => {
      const current = cache.get(slackTeamId);
      if (current?.refreshing === refreshing) current.refreshing = undefined;
    });
    if (entry) entry.refreshing = refreshing;
    return refreshing;
  }

  const service: WorkspaceService = {
    async forRequest(slackTeamId) {
      const entry = cache.get(slackTeamId);
      const age = entry ? monotonicMs() - entry.readAt : Infinity;
      if (entry && age < CACHE.freshForMs) return entry.workspace;
      if (entry && age < CACHE.staleForMs) {
        reload(slackTeamId).catch(() => {
          // The next request past the stale window reads the row itself and reports the failure.
        });
        return entry.workspace;
      }
      return reload(slackTeamId);
    },
    async ensure({ slackTeamId, name, slackEnterpriseId }) {
      return remember(await ensureRow({ slackTeamId, name, slackEnterpriseId }));
    },
    findBySlackTeamId: (slackTeamId) => db.workspace.findUnique({ where: { slackTeamId } }),
    async get(id) {
      return db.workspace.findUniqueOrThrow({ where: { id } });
    },
    update: async (id, settings) => remember(await db.workspace.update({ where: { id }, data: settings })),
    async markUninstalled(slackTeamId, at) {
      await db.workspace.updateMany({ where: { slackTeamId, uninstalledAt: null }, data: { uninstalledAt: at } });
      const workspace = await db.workspace.findUnique({ where: { slackTeamId } });
      return workspace ? remember(workspace) : null;
    },
    async markInstalled(workspace) {
      if (workspace.uninstalledAt === null) return workspace;
      return remember(await db.workspace.update({ where: { id: workspace.id }, data: { uninstalledAt: null } }));
    },
  };
  return service;

  async function ensureRow({ slackTeamId, name, slackEnterpriseId }: { slackTeamId: string; name?: string; slackEnterpriseId?: string }): Promise<Workspace> {
    const existing = await db.workspace.findUnique({ where: { slackTeamId } });
    if (existing) {
      if (name && name !== existing.name) return db.workspace.update({ where: { id: existing.id }, data: { name } });
      return existing;
    }
    let created: Workspace;
    try {
      created = await db.workspace.create({ data: { id: ids.id('ws'), slackTeamId, name: name ?? slackTeamId, slackEnterpriseId: slackEnterpriseId ?? null } });
    } catch (error) {
      // Two replicas (or two concurrent requests) met the same new team: the other insert won.
      const winner = await db.workspace.findUnique({ where: { slackTeamId } });
      if (winner) return winner;
      throw error;
    }
    await onCreated?.(created);
    return created;
  }
}
