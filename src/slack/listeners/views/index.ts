// The view submission listener: one Bolt listener, each modal's callback id routed to its handler.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { SETTINGS_CALLBACK_ID } from '../../../admin/action-ids';
import { CALLBACKS as SCHEDULING_CALLBACKS } from '../../../scheduling/slack-ids';
import { scheduleInterviewFormSubmitted } from './schedule-interview-form';
import { settingsSubmit } from './settings-submit';
import { dispatchBy } from '../route-table';

export function registerViews(app: App, ctx: AppContext): void {
  const dispatch = dispatchBy<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs>((args) => args.view.callback_id, [
    [SETTINGS_CALLBACK_ID, settingsSubmit(ctx)],
    [SCHEDULING_CALLBACKS.form, scheduleInterviewFormSubmitted(ctx)],
  ]);
  app.view<ViewSubmitAction>({ type: 'view_submission' }, dispatch);
}
