// Reads what a failed Slack Web API call says, and whether a message may have been posted anyway.
import { ErrorCode } from '@slack/web-api';

/** Slack's own `error` string (`message_not_found`, `user_not_found`…) for a call Slack answered with ok:false. */
export function slackPlatformError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const coded = error as { code?: unknown; data?: { error?: unknown } };
  return coded.code === ErrorCode.PlatformError && typeof coded.data?.error === 'string' ? coded.data.error : undefined;
}

/**
 * True when Slack definitely did not act on the request: it answered ok:false (or refused for rate limits).
 * A network failure or an HTTP 5xx is ambiguous: the request may have been processed before the answer was lost.
 */
export function slackDefinitelyRefused(error: unknown): boolean {
  if (slackPlatformError(error) !== undefined) return true;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === ErrorCode.RateLimitedError;
}

/** Slack errors that mean the checklist message is gone and a new one must be posted instead of updated. */
export const MESSAGE_GONE = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived']);

/** Errors that will not go away by retrying: the person cannot receive DMs from the app. */
export const RECIPIENT_UNREACHABLE = new Set(['user_not_found', 'cannot_dm_bot', 'account_inactive', 'user_disabled', 'is_archived', 'channel_not_found', 'not_in_channel', 'restricted_action', 'messages_tab_disabled']);

export function describeSlackError(error: unknown): string {
  return slackPlatformError(error) ?? (error instanceof Error ? error.message : String(error));
}
