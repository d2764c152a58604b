// Saves a submitted settings modal: checks the admin again, validates, stores, audits, confirms in the admin's DM.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import type { Workspace } from '../workspaces/workspace-service';
import { recordAudit } from './audit-log';
import { adminRefusal, isIntegrationAdmin } from './permissions';
import { openDm } from './responder';
import { changedSettings, readSettings, SETTINGS_BLOCKS } from './settings-modal';

export type SettingsSubmission = { errors: Record<string, string> } | { saved: Record<string, string | number> };

export async function saveSettings(ctx: AppContext, workspace: Workspace, actor: string, stateValues: unknown, client: WebClient): Promise<SettingsSubmission> {
  if (!(await isIntegrationAdmin(ctx, client, workspace.id, actor))) {
    await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: actor, action: 'access_denied', detail: { subcommand: 'settings' } });
    return { errors: { [SETTINGS_BLOCKS.providers]: (await adminRefusal(ctx.db, workspace.id)).slice(0, 2000) } };
  }
  const result = readSettings(stateValues);
  if (!result.ok) return { errors: result.errors };
  const saved = changedSettings(workspace, result.patch);
  if (Object.keys(saved).length === 0) return { saved };
  await ctx.workspaces.update(workspace.id, result.patch);
  // Automatic campaigns follow the new cadence (the schedule is idempotent, so re-arming is always safe).
  if ('autoNudgeIntervalDays' in saved) await ctx.campaigns.ensureSchedule(workspace.id);
  await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: actor, action: 'settings_updated', target: 'settings', detail: saved });
  return { saved };
}

/** After the modal closed: a short DM saying what changed, and a fresh Home tab (best effort: the save already happened). */
export async function confirmSettings(ctx: AppContext, client: WebClient, workspaceId: string, actor: string, saved: Record<string, string | number>): Promise<void> {
  const names: Record<string, string> = {
    conferencingProviders: 'video providers',
    reminderIntervalHours: 'hours between reminders',
    reminderMaxCount: 'reminders per person',
    autoNudgeIntervalDays: 'automatic campaign interval',
    workingHoursStart: 'working hours start',
    workingHoursEnd: 'working hours end',
    workingDays: 'working days',
  };
  const changed = Object.keys(saved).map((key) => names[key] ?? key);
  const text = changed.length ? `Slotline settings saved: ${changed.join(', ')} changed.` : 'Slotline settings unchanged: nothing was different.';
  try {
    await client.chat.postMessage({ channel: await openDm(client, actor), text });
    const employeeId = await ctx.onboarding.findEmployeeId(workspaceId, actor);
    if (employeeId) await ctx.onboarding.publishHome(employeeId);
  } catch (error) {
    ctx.logger.warn('could not confirm saved settings', { error: error instanceof Error ? error.message : String(error) });
  }
}
