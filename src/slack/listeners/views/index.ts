// Registers the views listeners.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app-context';

export function registerViews(_app: App, _ctx: AppContext): void {}
