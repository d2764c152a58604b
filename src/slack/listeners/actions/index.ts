// Registers the actions listeners.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app-context';

export function registerActions(_app: App, _ctx: AppContext): void {}
