// Scope checks on the bot token: a method the token lacks a scope for answers `missing_scope` as Slack does,
// naming the scope needed and the scopes the token has.
import type { Conversation, Workspace } from '../directory';
import { SlackApiError } from './errors';

export function requireScope(workspace: Workspace, needed: string): void {
  if (workspace.botScopes === null || workspace.botScopes.includes(needed)) return;
  throw new SlackApiError('missing_scope', { needed, provided: workspace.botScopes.join(',') });
}

/** Reading a conversation's history needs the history scope of its kind. */
export function historyScopeFor(conversation: Conversation): string {
  if (conversation.type === 'im') return 'im:history';
  if (conversation.type === 'mpim') return 'mpim:history';
  return conversation.isPrivate ? 'groups:history' : 'channels:history';
}
