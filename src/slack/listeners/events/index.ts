// Registers the events listeners.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app-context';

export function registerEvents(_app: App, _ctx: AppContext): void {}
