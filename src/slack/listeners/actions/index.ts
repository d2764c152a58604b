// Registers the actions listeners.
import type { App } from '@slack/bolt';
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

export function registerActions(app: App, ctx: AppContext): void {
  app.action(CHECKLIST_LINK_ACTION_PATTERN, checklistLinkClicked);
  app.action(CHECKLIST_ACTIONS.optOut, hostsInterviews(ctx, false));
  app.action(CHECKLIST_ACTIONS.optIn, hostsInterviews(ctx, true));
  app.action(CHECKLIST_ACTIONS.refresh, refreshChecklist(ctx));
  app.action(ADMIN_ACTIONS.statusPrevious, statusPage(ctx));
  app.action(ADMIN_ACTIONS.statusNext, statusPage(ctx));
  app.action(ADMIN_ACTIONS.statusFilter, statusFilter(ctx));
  app.action(ADMIN_ACTIONS.statusPerson, statusPersonMenu(ctx));
  app.action(ADMIN_ACTIONS.nudgeOne, statusPersonButton(ctx, 'nudge'));
  app.action(ADMIN_ACTIONS.resyncOne, statusPersonButton(ctx, 'resync'));
  app.action(ADMIN_ACTIONS.nudgeAll, statusNudgeAll(ctx));
  app.action(ADMIN_ACTIONS.exportCsv, statusExportCsv(ctx));
  app.action(ADMIN_ACTIONS.openSettings, adminOpenSettings(ctx));
  for (const changed of [SCHEDULING_ACTIONS.interviewers, SCHEDULING_ACTIONS.organizer, SCHEDULING_ACTIONS.video, SCHEDULING_ACTIONS.checkAgain]) {
    app.action(changed, scheduleReadinessChanged(ctx));
  }
  app.action(SCHEDULING_ACTIONS.nudge, scheduleNudge(ctx));
  app.action(SCHEDULING_ACTIONS.bookSlot, scheduleBookSlot(ctx));
  app.action(SCHEDULING_ACTIONS.widerWindow, scheduleWiderWindow(ctx));
  app.action(SCHEDULING_ACTIONS.reschedule, interviewReschedule(ctx));
  app.action(SCHEDULING_ACTIONS.cancel, interviewCancel(ctx));
  app.action(SCHEDULING_ACTIONS.openLink, interviewOpenLink);
  app.action(ENTERPRISE_ACTION_PATTERN, enterpriseAdminAction(ctx));
}
