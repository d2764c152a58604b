// The Events API listener: one Bolt listener (see route-table.ts), each event type handed to its handler.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { appHomeOpened } from './app-home-opened';
import { rosterMemberChanged } from './roster-member-changed';

export function registerEvents(app: App, ctx: AppContext): void {
  const homeOpened = appHomeOpened(ctx);
  const memberChanged = rosterMemberChanged(ctx);
  app.event(/^(?:app_home_opened|team_join|user_change)$/, async (args) => {
    // Bolt types a pattern-matched event loosely; the type checked here is what narrows it.
    if (args.event.type === 'app_home_opened') await homeOpened(args as SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs);
    else await memberChanged(args as SlackEventMiddlewareArgs<'team_join' | 'user_change'> & AllMiddlewareArgs);
  });
}
