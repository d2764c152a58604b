// Registers the slash commands.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { integrationsCommand } from './integrations';
import { scheduleInterviewCommand } from './schedule-interview';

export function registerCommands(app: App, ctx: AppContext): void {
  app.command('/integrations', integrationsCommand(ctx));
  app.command('/schedule-interview', scheduleInterviewCommand(ctx));
}
