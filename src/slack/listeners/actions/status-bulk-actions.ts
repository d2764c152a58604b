// "Nudge everyone missing something", "Export CSV" and "Settings" on the status message and the admin's Home tab.
import type { AppContext } from '../../../app-context';
import { exportCsv, nudgeAll, openSettings } from '../../../admin/admin-actions';
import { parseAdminAction, type AdminActionArgs } from './admin-action-payload';

export function statusNudgeAll(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    if (parsed) await nudgeAll(ctx, parsed.request);
  };
}

export function statusExportCsv(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    if (parsed) await exportCsv(ctx, parsed.request);
  };
}

export function adminOpenSettings(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    if (parsed) await openSettings(ctx, parsed.request, parsed.triggerId);
  };
}
