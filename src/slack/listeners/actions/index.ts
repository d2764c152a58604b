// The block actions listener: one Bolt listener, each action id routed to its handler.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { ADMIN_ACTIONS } from '../../../admin/action-ids';
import { CHECKLIST_ACTIONS, CHECKLIST_LINK_ACTION_PATTERN } from '../../../onboarding/checklist-blocks';
import { ENTERPRISE_ACTION_PATTERN } from '../../../enterprise/enterprise-blocks';
import { checklistLinkClicked } from './checklist-link-clicked';
import { enterpriseAdminAction } from './enterprise-admin-action';
import { hostsInterviews } from './hosts-interviews';
import { refreshChecklist } from './refresh-checklist';
import { ACTIONS as SCHEDULING_ACTIONS } from '../../../scheduling/slack-ids';
import { interviewCancel } from './interview-cancel';
import { interviewOpenLink } from './interview-open-link';
import { interviewReschedule } from './interview-reschedule';
import { scheduleBookSlot } from './schedule-book-slot';
import { scheduleNudge } from './schedule-nudge';
import { scheduleReadinessChanged } from './schedule-readiness-changed';
import { scheduleWiderWindow } from './schedule-wider-window';
import { adminOpenSettings, statusExportCsv, statusNudgeAll } from './status-bulk-actions';
import { statusFilter, statusPage } from './status-page';
import { statusPersonButton, statusPersonMenu } from './status-person-menu';
import { dispatchBy } from '../route-table';

type BlockActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function registerActions(app: App, ctx: AppContext): void {
  const pageTurned = statusPage(ctx);
  const readinessChanged = scheduleReadinessChanged(ctx);
  const dispatch = dispatchBy<BlockActionArgs>((args) => args.action.action_id, [
    [CHECKLIST_LINK_ACTION_PATTERN, checklistLinkClicked],
    [CHECKLIST_ACTIONS.optOut, hostsInterviews(ctx, false)],
    [CHECKLIST_ACTIONS.optIn, hostsInterviews(ctx, true)],
    [CHECKLIST_ACTIONS.refresh, refreshChecklist(ctx)],
    [ADMIN_ACTIONS.statusPrevious, pageTurned],
    [ADMIN_ACTIONS.statusNext, pageTurned],
    [ADMIN_ACTIONS.statusFilter, statusFilter(ctx)],
    [ADMIN_ACTIONS.statusPerson, statusPersonMenu(ctx)],
    [ADMIN_ACTIONS.nudgeOne, statusPersonButton(ctx, 'nudge')],
    [ADMIN_ACTIONS.resyncOne, statusPersonButton(ctx, 'resync')],
    [ADMIN_ACTIONS.nudgeAll, statusNudgeAll(ctx)],
    [ADMIN_ACTIONS.exportCsv, statusExportCsv(ctx)],
    [ADMIN_ACTIONS.openSettings, adminOpenSettings(ctx)],
    ...[SCHEDULING_ACTIONS.interviewers, SCHEDULING_ACTIONS.organizer, SCHEDULING_ACTIONS.video, SCHEDULING_ACTIONS.checkAgain].map((id) => [id, readinessChanged] as const),
    [SCHEDULING_ACTIONS.nudge, scheduleNudge(ctx)],
    [SCHEDULING_ACTIONS.bookSlot, scheduleBookSlot(ctx)],
    [SCHEDULING_ACTIONS.widerWindow, scheduleWiderWindow(ctx)],
    [SCHEDULING_ACTIONS.reschedule, interviewReschedule(ctx)],
    [SCHEDULING_ACTIONS.cancel, interviewCancel(ctx)],
    [SCHEDULING_ACTIONS.openLink, interviewOpenLink],
    [ENTERPRISE_ACTION_PATTERN, enterpriseAdminAction(ctx)],
  ]);
  // An action nobody handles is left unacknowledged, as Bolt leaves it, so Slack shows the click failed.
  app.action({ type: 'block_actions' }, dispatch);
}
