// Each reminder DM carries message metadata naming its Nudge row; reading the DM's history finds out whether a
// reminder whose send was cut off reached Slack after all. Needs the im:history bot scope.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { openDm } from '../admin/responder';
import type { ChecklistMetadata } from '../onboarding/onboarding-service';

export const REMINDER_EVENT_TYPE = 'slotline_reminder';
/** Our clock and Slack's may disagree a little: the history is read from this long before the claim. */
const CLOCK_SKEW_MS = 5 * 60_000;
const HISTORY_PAGE_SIZE = 200;

export function reminderMetadata(nudgeId: string): ChecklistMetadata {
  return { event_type: REMINDER_EVENT_TYPE, event_payload: { nudge_id: nudgeId } };
}

const historyPage = z.object({
  messages: z.array(z.looseObject({ ts: z.string(), bot_id: z.string().nullish(), metadata: z.unknown().optional() })).default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.looseObject({ next_cursor: z.string().optional() }).optional(),
});
const reminderTag = z.object({ event_type: z.literal(REMINDER_EVENT_TYPE), event_payload: z.looseObject({ nudge_id: z.string() }) });

/** "1764324000.000100" ↔ instants. */
function slackTs(at: Date): string {
  return (at.getTime() / 1000).toFixed(6);
}

function instantOf(ts: string): Date {
  return new Date(Math.floor(Number(ts) * 1000));
}

function dmChannel(client: WebClient, employee: { slackUserId: string; dmChannelId: string | null }): Promise<string> {
  return employee.dmChannelId ? Promise.resolve(employee.dmChannelId) : openDm(client, employee.slackUserId);
}

export interface FoundReminder {
  channel: string;
  ts: string;
  sentAt: Date;
}

/**
 * The bot's DM carrying this reminder's metadata, posted at or after `since` (the claim), or null when Slack has no
 * such message. Throws what Slack answered when it cannot tell (`missing_scope` for an install without im:history).
 */
export async function findPostedReminder(
  ctx: Pick<AppContext, 'slack' | 'logger'>,
  options: { slackTeamId: string; employee: { slackUserId: string; dmChannelId: string | null }; nudgeId: string; since: Date },
): Promise<FoundReminder | null> {
  const client = await ctx.slack.forTeam(options.slackTeamId);
  const channel = await dmChannel(client, options.employee);
  const oldest = slackTs(new Date(options.since.getTime() - CLOCK_SKEW_MS));
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const page = historyPage.parse(await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE_SIZE, cursor }));
    for (const message of page.messages) {
      const tag = reminderTag.safeParse(message.metadata);
      if (message.bot_id && tag.success && tag.data.event_payload.nudge_id === options.nudgeId) found.push(message.ts);
    }
    const next = page.has_more ? page.response_metadata?.next_cursor : undefined;
    cursor = next && next !== cursor ? next : undefined;
  } while (cursor);
  if (found.length === 0) return null;
  // Newest first: the last one is the first that was posted (a WebClient retry after a lost answer can post again).
  if (found.length > 1) ctx.logger.warn('a reminder is in the DM more than once', { nudgeId: options.nudgeId, copies: found.length });
  const ts = found[found.length - 1];
  return { channel, ts, sentAt: instantOf(ts) };
}
