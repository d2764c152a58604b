// conversations.history: a conversation's messages, newest first, between `oldest` and `latest`, paged by cursor.
// Needs the history scope of the conversation's kind (im:history for the bot's DMs); Tier 3.
import { z } from 'zod';
import { slackMessage } from '../slack-shapes';
import { flag, integer, parseArgs } from './args';
import { SlackApiError } from './errors';
import type { WebApiMethod } from './method';
import { historyScopeFor, requireScope } from './scopes';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;
const CURSOR_PREFIX = 'next_ts:';

const historyArgs = z.looseObject({
  channel: z.string().optional(),
  oldest: z.union([z.string(), z.number()]).optional(),
  latest: z.union([z.string(), z.number()]).optional(),
  inclusive: flag.optional(),
  limit: integer.optional(),
  cursor: z.string().optional(),
  include_all_metadata: flag.optional(),
});

/** A Slack timestamp ("1700000000.000100", also "1700000000" or a number) as whole microseconds. */
function micros(ts: string | number, error: string): number {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(ts).trim());
  if (!match) throw new SlackApiError(error);
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').slice(0, 6).padEnd(6, '0'));
}

/** Slack's cursors are opaque; this one is base64 of `next_ts:<microseconds>`, the first message of the next page. */
function encodeCursor(nextMicros: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${nextMicros}`).toString('base64');
}

function decodeCursor(cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX) || !/^\d+$/.test(decoded.slice(CURSOR_PREFIX.length))) throw new SlackApiError('invalid_cursor');
  return Number(decoded.slice(CURSOR_PREFIX.length));
}

export const historyMethods: Record<string, WebApiMethod> = {
  'conversations.history': ({ sim, workspace, args: raw }) => {
    const args = parseArgs(historyArgs, raw);
    const conversation = args.channel ? sim.directory.conversation(workspace.teamId, args.channel) : undefined;
    if (!conversation) throw new SlackApiError('channel_not_found');
    requireScope(workspace, historyScopeFor(conversation));
    if (!conversation.members.includes(workspace.botUserId)) throw new SlackApiError('not_in_channel');

    const oldest = args.oldest !== undefined && args.oldest !== '' ? micros(args.oldest, 'invalid_ts_oldest') : 0;
    const latest = args.latest !== undefined && args.latest !== '' ? micros(args.latest, 'invalid_ts_latest') : Number.MAX_SAFE_INTEGER;
    const inclusive = args.inclusive ?? false;
    const from = args.cursor ? decodeCursor(args.cursor) : Number.MAX_SAFE_INTEGER;
    const limit = Math.min(MAX_LIMIT, args.limit !== undefined && args.limit > 0 ? args.limit : DEFAULT_LIMIT);

    const inRange = sim.store
      .list('message')
      .filter((m) => m.teamId === workspace.teamId && m.channel === conversation.id && !m.deleted && (m.threadTs === null || m.threadTs === m.ts))
      .map((message) => ({ message, at: micros(message.ts, 'invalid_ts') }))
      .filter(({ at }) => (inclusive ? at >= oldest && at <= latest : at > oldest && at < latest) && at <= from)
      .sort((a, b) => b.at - a.at);
    const page = inRange.slice(0, limit);
    const next = inRange[limit];
    const files = (id: string) => sim.uploads.fileById(id) ?? [];
    return {
      messages: page.map(({ message }) => slackMessage(message, workspace, sim.app, message.fileIds.flatMap(files), { metadata: args.include_all_metadata ?? false })),
      has_more: next !== undefined,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: next ? encodeCursor(next.at) : '' },
    };
  },
};
