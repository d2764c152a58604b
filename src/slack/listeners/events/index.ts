// Registers the events listeners.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { appHomeOpened } from './app-home-opened';
import { rosterMemberChanged } from './roster-member-changed';

export function registerEvents(app: App, ctx: AppContext): void {
  app.event('app_home_opened', appHomeOpened(ctx));
  app.event('team_join', rosterMemberChanged(ctx));
  app.event('user_change', rosterMemberChanged(ctx));
}
