// What the admin surfaces' buttons do (status paging, per-person menu, nudges, export, settings), each behind the admin check.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import { toAppError } from '../errors';
import type { Workspace } from '../workspaces/workspace-service';
import { recordAudit } from './audit-log';
import { startCsvExport } from './csv-export';
import { targetEmployee, viewerTimeZone } from './members';
import { adminRefusal, isIntegrationAdmin } from './permissions';
import { nudgeEveryone, nudgePerson, resyncPerson } from './person-actions';
import { personDetail } from './person-detail';
import type { AdminReply, Responder } from './responder';
import { settingsModal } from './settings-modal';
import { statusMessage } from './status-blocks';
import { buildStatusReport, type StatusPosition } from './status-report';

export interface AdminActionRequest {
  workspace: Workspace;
  slackUserId: string;
  client: WebClient;
  respond: Responder;
}

async function asAdmin(ctx: AppContext, request: AdminActionRequest, what: string, work: () => Promise<AdminReply | null>): Promise<void> {
  const { workspace, slackUserId, respond } = request;
  try {
    if (!(await isIntegrationAdmin(ctx, request.client, workspace.id, slackUserId))) {
      await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: slackUserId, action: 'access_denied', detail: { action: what } });
      await respond({ text: await adminRefusal(ctx.db, workspace.id) });
      return;
    }
    const reply = await work();
    if (reply) await respond(reply);
  } catch (raw) {
    const error = toAppError(raw);
    ctx.logger.error('admin action failed', { action: what, code: error.code, error: error.message });
    await respond({ text: `Sorry, that didn't work: ${error.userMessage}` }).catch(() => undefined);
  }
}

/** Paging and filtering redraw the status message in place. */
export function showStatusPage(ctx: AppContext, request: AdminActionRequest, position: StatusPosition): Promise<void> {
  return asAdmin(ctx, request, 'status_page', async () => {
    const report = await buildStatusReport(ctx, request.workspace, { filter: position.f, page: position.p });
    const timeZone = await viewerTimeZone(ctx, request.workspace.id, request.slackUserId);
    return { ...statusMessage(report, { viewerTimeZone: timeZone, now: ctx.clock.now() }), replaceOriginal: true };
  });
}

export type PersonVerb = 'nudge' | 'resync' | 'detail';

export function personAction(ctx: AppContext, request: AdminActionRequest, verb: PersonVerb, targetSlackUserId: string): Promise<void> {
  return asAdmin(ctx, request, `person_${verb}`, async () => {
    const { workspace, slackUserId, client } = request;
    const target = await targetEmployee(ctx, client, workspace.id, targetSlackUserId);
    if (typeof target === 'string') return { text: target };
    if (verb === 'nudge') return nudgePerson(ctx, workspace, slackUserId, target);
    const timeZone = await viewerTimeZone(ctx, workspace.id, slackUserId);
    if (verb === 'resync') return resyncPerson(ctx, workspace, slackUserId, target, timeZone);
    return personDetail(ctx, workspace, target, timeZone);
  });
}

export function nudgeAll(ctx: AppContext, request: AdminActionRequest): Promise<void> {
  return asAdmin(ctx, request, 'nudge_all', () => nudgeEveryone(ctx, request.workspace, request.slackUserId, request.client));
}

export function exportCsv(ctx: AppContext, request: AdminActionRequest): Promise<void> {
  return asAdmin(ctx, request, 'csv_export', () => startCsvExport(ctx, request.workspace, request.slackUserId, request.client));
}

export function openSettings(ctx: AppContext, request: AdminActionRequest, triggerId: string): Promise<void> {
  return asAdmin(ctx, request, 'settings', async () => {
    await request.client.views.open({ trigger_id: triggerId, view: settingsModal(request.workspace) });
    return null;
  });
}
