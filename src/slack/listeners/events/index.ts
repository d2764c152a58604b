// The Events API listener: one Bolt listener (see route-table.ts), each event type handed to its handler.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { appHomeOpened } from './app-home-opened';
import { appUninstalled } from './app-uninstalled';
import { rosterMemberChanged } from './roster-member-changed';

export function registerEvents(app: App, ctx: AppContext): void {
  const homeOpened = appHomeOpened(ctx);
  const memberChanged = rosterMemberChanged(ctx);
  const uninstalled = appUninstalled(ctx);
  app.event(/^(?:app_home_opened|team_join|user_change|app_uninstalled|tokens_revoked)$/, async (args) => {
    // Bolt types a pattern-matched event loosely; the type checked here is what narrows it.
    const { type } = args.event;
    if (type === 'app_home_opened') await homeOpened(args as SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs);
    else if (type === 'app_uninstalled' || type === 'tokens_revoked') await uninstalled(args as SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs);
    else await memberChanged(args as SlackEventMiddlewareArgs<'team_join' | 'user_change'> & AllMiddlewareArgs);
  });
}
