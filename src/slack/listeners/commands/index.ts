// The slash command listener: one Bolt listener, each command routed to its handler.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { integrationsCommand } from './integrations';
import { scheduleInterviewCommand } from './schedule-interview';
import { dispatchBy } from '../route-table';

export function registerCommands(app: App, ctx: AppContext): void {
  const dispatch = dispatchBy<SlackCommandMiddlewareArgs & AllMiddlewareArgs>((args) => args.command.command, [
    ['/integrations', integrationsCommand(ctx)],
    ['/schedule-interview', scheduleInterviewCommand(ctx)],
  ]);
  app.command(/^\//, dispatch);
}
