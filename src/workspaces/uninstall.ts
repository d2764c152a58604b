// Slack removed Slotline from a workspace (app_uninstalled) or revoked its bot token (tokens_revoked): every token
// Slotline held for it is dead. The stored installation is deleted (no token is kept for a workspace that removed
// the app), campaigns in progress stop with their unsent reminders cancelled, and the daily roster sync and the
// automatic campaigns leave the workspace alone. People, connections and interviews stay: a reinstall, which
// Slotline sees as the next request Slack sends for the workspace, carries on from them.
import type { AppContext } from '../app-context';

export type UninstallCause = 'app_uninstalled' | 'tokens_revoked';

export async function recordUninstall(ctx: Pick<AppContext, 'db' | 'clock' | 'logger' | 'workspaces' | 'campaigns' | 'config'>, slackTeamId: string, cause: UninstallCause): Promise<void> {
  const workspace = await ctx.workspaces.markUninstalled(slackTeamId, ctx.clock.now());
  // Keyed by team for a workspace install (an org-wide install is keyed by its enterprise and stays).
  const installations = await ctx.db.slackInstallation.deleteMany({ where: { OR: [{ installationKey: slackTeamId }, { teamId: slackTeamId, isEnterpriseInstall: false }] } });
  const campaigns = workspace ? await ctx.campaigns.stopAll(workspace.id, cause) : 0;
  ctx.logger.warn('Slack removed Slotline from a workspace; its work for Slack there has stopped', { slackTeamId, cause, installationsDeleted: installations.count, campaignsStopped: campaigns });
  if (ctx.config.slack?.mode === 'single-workspace') {
    ctx.logger.error('SLACK_BOT_TOKEN no longer works: reinstall the app in Slack and set SLACK_BOT_TOKEN to the new Bot User OAuth Token', { slackTeamId });
  }
}
