// Bolt InstallationStore backed by the database; the whole installation (tokens included) is encrypted at rest.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from '../db/client';
import type { TokenCipher } from '../crypto/token-cipher';
import type { IdGenerator } from '../platform/ids';
import type { WorkspaceService } from '../workspaces/workspace-service';

function installationKey(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!key) throw new Error('installation has neither a team id nor an enterprise id');
  return key;
}

export function createInstallationStore(deps: { db: Db; cipher: TokenCipher; ids: IdGenerator; workspaces: WorkspaceService }): InstallationStore {
  const { db, cipher, ids, workspaces } = deps;
  return {
    async storeInstallation(installation: Installation) {
      const key = installationKey({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
      const teamId = installation.team?.id ?? null;
      // Installing again after an uninstall brings the workspace back.
      const workspace = teamId ? await workspaces.markInstalled(await workspaces.ensure({ slackTeamId: teamId, name: installation.team?.name, slackEnterpriseId: installation.enterprise?.id })) : null;
      const sealed = cipher.encrypt(JSON.stringify(installation));
      const fields = {
        workspaceId: workspace?.id ?? null,
        teamId,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
        botUserId: installation.bot?.userId ?? null,
        installationEnc: sealed,
      };
      await db.slackInstallation.upsert({ where: { installationKey: key }, create: { id: ids.id(), installationKey: key, ...fields }, update: fields });
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const row = await db.slackInstallation.findUnique({ where: { installationKey: installationKey(query) } });
      if (!row) throw new Error(`no installation for ${query.isEnterpriseInstall ? 'enterprise' : 'team'} ${installationKey(query)}`);
      return JSON.parse(cipher.decrypt(row.installationEnc)) as Installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      await db.slackInstallation.deleteMany({ where: { installationKey: installationKey(query) } });
    },
  };
}
