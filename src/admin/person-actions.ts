// What an admin can do to people from Slack: start the reminder campaign, nudge one person now, resync one person.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import type { Employee } from '../generated/prisma/sqlite/client';
import { loadEmployeeReadiness } from '../readiness/load-readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { recordAudit } from './audit-log';
import { people } from './bars';
import { bucketOf, missingLabel } from './person-status';
import { personDetailBlocks } from './person-detail';
import { openDm, type AdminReply } from './responder';

export async function nudgeEveryone(ctx: AppContext, workspace: Workspace, adminSlackUserId: string, client: WebClient): Promise<AdminReply> {
  const channel = await openDm(client, adminSlackUserId);
  const { campaignId, total } = await ctx.campaigns.start({ workspaceId: workspace.id, startedBySlackUserId: adminSlackUserId, progress: { channel }, trigger: 'admin' });
  await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: adminSlackUserId, action: 'nudge_all', target: campaignId, detail: { people: total } });
  if (total === 0) return { text: 'Nobody to remind: everyone who hosts interviews is set up.' };
  return { text: `Reminding ${people(total)} who are missing something. Progress is in your DM with Slotline.` };
}

export async function nudgePerson(ctx: AppContext, workspace: Workspace, adminSlackUserId: string, target: Employee): Promise<AdminReply> {
  const person = await loadEmployeeReadiness(ctx.db, workspace, target.id);
  const bucket = bucketOf(person.readiness);
  if (bucket === 'ready') return { text: `<@${target.slackUserId}> is already ready to host interviews, so there is nothing to remind them of.` };
  if (bucket === 'opted_out') return { text: `<@${target.slackUserId}> opted out of hosting interviews, so Slotline does not remind them.` };
  const outcome = await ctx.campaigns.nudgeOne(target.id, adminSlackUserId);
  await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: adminSlackUserId, action: 'nudge_one', target: target.slackUserId, detail: { outcome } });
  if (outcome === 'nothing_missing') return { text: `<@${target.slackUserId}> finished setting up meanwhile, so no reminder was needed.` };
  if (outcome === 'opted_out') return { text: `<@${target.slackUserId}> opted out of hosting interviews, so Slotline does not remind them.` };
  return { text: `Sent <@${target.slackUserId}> a reminder now about: ${person.readiness.missing.map(missingLabel).join(', ')}.` };
}

export async function resyncPerson(ctx: AppContext, workspace: Workspace, adminSlackUserId: string, target: Employee, viewerTimeZone: string): Promise<AdminReply> {
  const hasCalendar = await ctx.db.calendarConnection.findFirst({ where: { employeeId: target.id, accessTokenEnc: { not: null } }, select: { id: true } });
  if (!hasCalendar) return { text: `<@${target.slackUserId}> has not connected a calendar yet, so there is nothing to resync. Nudge them instead.` };
  await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: adminSlackUserId, action: 'resync', target: target.slackUserId });
  let failure: string | undefined;
  try {
    await ctx.onboarding.refresh(target.id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    ctx.logger.warn('admin resync failed', { employeeId: target.id, code: error.code, error: error.message });
    failure = error.userMessage;
  }
  const person = await loadEmployeeReadiness(ctx.db, workspace, target.id);
  const heading = failure ? `Resync of <@${target.slackUserId}> failed: ${failure} Their state now:` : `Resynced <@${target.slackUserId}> with Cronofy. Their state now:`;
  return { text: heading, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: heading } }, ...personDetailBlocks(person, viewerTimeZone)] };
}
