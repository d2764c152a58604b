// Workspaces (Slack teams) Slotline serves, created on first contact, with their company settings.
import type { Db } from '../db/client';
import type { IdGenerator } from '../platform/ids';
import type { Workspace } from '../generated/prisma/sqlite/client';

export type { Workspace };

export interface WorkspaceService {
  ensure(options: { slackTeamId: string; name?: string; slackEnterpriseId?: string }): Promise<Workspace>;
  findBySlackTeamId(slackTeamId: string): Promise<Workspace | null>;
  get(id: string): Promise<Workspace>;
  update(id: string, settings: WorkspaceSettingsPatch): Promise<Workspace>;
}

export type WorkspaceSettingsPatch = Partial<
  Pick<Workspace, 'conferencingProviders' | 'reminderIntervalHours' | 'reminderMaxCount' | 'workingHoursStart' | 'workingHoursEnd' | 'workingDays' | 'defaultTimeZone' | 'recruiterUserGroupId' | 'recruitersRestricted' | 'autoNudgeIntervalDays'>
>;

export function createWorkspaceService(deps: { db: Db; ids: IdGenerator; onCreated?: (workspace: Workspace) => Promise<void> }): WorkspaceService {
  const { db, ids, onCreated } = deps;
  return {
    async ensure({ slackTeamId, name, slackEnterpriseId }) {
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
    },
    findBySlackTeamId: (slackTeamId) => db.workspace.findUnique({ where: { slackTeamId } }),
    async get(id) {
      return db.workspace.findUniqueOrThrow({ where: { id } });
    },
    update: (id, settings) => db.workspace.update({ where: { id }, data: settings }),
  };
}
