// Enterprise Connect's admin buttons (status message, sync summary, App Home): ack, then src/enterprise.
// The Link buttons are URL buttons: Slack still reports the click, which only needs the ack.
import type { AppContext } from '../../../app-context';
import { runEnterpriseAction } from '../../../enterprise/enterprise-admin';
import { ENTERPRISE_ACTIONS } from '../../../enterprise/enterprise-blocks';
import { parseAdminAction, type AdminActionArgs } from './admin-action-payload';

export function enterpriseAdminAction(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const actionId = args.action.action_id;
    if (actionId.startsWith(ENTERPRISE_ACTIONS.linkPrefix)) return;
    const parsed = await parseAdminAction(ctx, args);
    if (!parsed) return;
    await runEnterpriseAction(ctx, { ...parsed.request, actionId, value: parsed.value });
  };
}
