// Registers the views listeners.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { SETTINGS_CALLBACK_ID } from '../../../admin/action-ids';
import { CALLBACKS as SCHEDULING_CALLBACKS } from '../../../scheduling/slack-ids';
import { scheduleInterviewFormSubmitted } from './schedule-interview-form';
import { settingsSubmit } from './settings-submit';

export function registerViews(app: App, ctx: AppContext): void {
  app.view(SETTINGS_CALLBACK_ID, settingsSubmit(ctx));
  app.view(SCHEDULING_CALLBACKS.form, scheduleInterviewFormSubmitted(ctx));
}
