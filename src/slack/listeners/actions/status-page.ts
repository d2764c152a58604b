// Previous / Next and the filter menu of the status message: redraw it in place at that page and filter.
import type { AppContext } from '../../../app-context';
import { showStatusPage } from '../../../admin/admin-actions';
import { statusFilterSchema } from '../../../admin/person-status';
import { decodePosition } from '../../../admin/status-report';
import { parseAdminAction, type AdminActionArgs } from './admin-action-payload';

export function statusPage(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    if (parsed) await showStatusPage(ctx, parsed.request, decodePosition(parsed.value));
  };
}

export function statusFilter(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    if (!parsed) return;
    const filter = statusFilterSchema.safeParse(parsed.value);
    await showStatusPage(ctx, parsed.request, { p: 1, f: filter.success ? filter.data : 'missing' });
  };
}
