// Registers every Slack listener, one folder per surface.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerViews } from './views';

export function registerListeners(app: App, ctx: AppContext): void {
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerEvents(app, ctx);
  registerViews(app, ctx);
}
