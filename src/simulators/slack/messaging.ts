// Messages and ephemerals the app posts, however it posts them (Web API, response_url, command ack, file share).
import { messageBlockProblems, MAX_MESSAGE_TEXT } from './block-kit-limits';
import { withFilledIds } from './blocks';
import type { Conversation, Directory } from './directory';
import type { IdFactory } from './ids';
import { checkMetadata } from './message-metadata';
import type { EphemeralRecord, MessageRecord, MessageUpdate, SlackObject } from './records';
import type { SimStore } from './store';
import { SlackApiError, schemaError } from './web-api/errors';

export interface MessageContent {
  text?: string;
  blocks?: unknown;
  threadTs?: string;
  /** Only chat.postMessage passes it on; see message-metadata.ts. */
  metadata?: unknown;
}

interface CheckedContent {
  text: string;
  blocks: SlackObject[] | null;
  threadTs: string | null;
}

export class Messaging {
  constructor(
    private readonly directory: Directory,
    private readonly store: SimStore,
    private readonly ids: IdFactory,
    private readonly clock: () => number,
  ) {}

  /** A channel argument as Slack reads it: a conversation id, or a user id meaning the bot's DM with them. */
  resolveChannel(teamId: string, channel: string | undefined): Conversation {
    if (!channel) throw new SlackApiError('channel_not_found');
    const existing = this.directory.conversation(teamId, channel);
    if (existing) return existing;
    const user = this.directory.user(teamId, channel);
    if (!user) throw new SlackApiError('channel_not_found');
    if (user.isBot) throw new SlackApiError('cannot_dm_bot');
    if (user.deleted) throw new SlackApiError('is_archived');
    return this.directory.openIm(teamId, user.id);
  }

  assertBotCanPost(teamId: string, conversation: Conversation): void {
    const botUserId = this.directory.requireWorkspace(teamId).botUserId;
    if (!conversation.members.includes(botUserId)) throw new SlackApiError('not_in_channel');
  }

  post(teamId: string, channel: string, content: MessageContent, via: MessageRecord['via'], fileIds: string[] = []): MessageRecord {
    const checked = this.check(content, fileIds.length > 0);
    const metadata = checkMetadata(content.metadata);
    return this.store.add<MessageRecord>({
      kind: 'message',
      teamId,
      channel,
      ts: this.ids.nextTs(),
      ...checked,
      userId: this.directory.requireWorkspace(teamId).botUserId,
      fileIds,
      via,
      postedAt: this.clock(),
      updates: [],
      deleted: false,
      metadata,
    });
  }

  postEphemeral(teamId: string, channel: string, userId: string, content: MessageContent, via: EphemeralRecord['via']): EphemeralRecord {
    return this.store.add<EphemeralRecord>({
      kind: 'ephemeral',
      teamId,
      channel,
      userId,
      ts: this.ids.nextTs(),
      ...this.check(content, false),
      via,
      postedAt: this.clock(),
      updates: [],
      deleted: false,
    });
  }

  findMessage(teamId: string, channel: string, ts: string): MessageRecord | undefined {
    return this.store.list('message').find((m) => m.teamId === teamId && m.channel === channel && m.ts === ts);
  }

  findEphemeral(teamId: string, channel: string, ts: string): EphemeralRecord | undefined {
    return this.store.list('ephemeral').find((m) => m.teamId === teamId && m.channel === channel && m.ts === ts);
  }

  /** Fields left out of `content` keep their current value; `blocks: []` removes the blocks. */
  update(record: MessageRecord | EphemeralRecord, content: MessageContent, via: MessageUpdate['via']): void {
    const hasFiles = record.kind === 'message' && record.fileIds.length > 0;
    const checked = this.check({ text: content.text ?? record.text, blocks: content.blocks ?? record.blocks }, hasFiles);
    record.text = checked.text;
    record.blocks = checked.blocks;
    record.updates.push({ at: this.clock(), text: checked.text, blocks: checked.blocks, via });
    this.store.changed(record);
  }

  remove(record: MessageRecord | EphemeralRecord): void {
    record.deleted = true;
    this.store.changed(record);
  }

  private check(content: MessageContent, hasFiles: boolean): CheckedContent {
    const blocks = this.checkBlocks(content.blocks);
    const text = content.text ?? '';
    if (text === '' && !blocks && !hasFiles) throw new SlackApiError('no_text');
    if (text.length > MAX_MESSAGE_TEXT) throw new SlackApiError('msg_too_long');
    return { text, blocks, threadTs: content.threadTs ?? null };
  }

  private checkBlocks(blocks: unknown): SlackObject[] | null {
    if (blocks === undefined || blocks === null || blocks === '') return null;
    let parsed = blocks;
    if (typeof blocks === 'string') {
      try {
        parsed = JSON.parse(blocks);
      } catch {
        throw new SlackApiError('invalid_blocks_format');
      }
    }
    const problems = messageBlockProblems(parsed);
    if (problems.length > 0) throw schemaError('invalid_blocks', problems, true);
    const list = parsed as SlackObject[];
    return list.length === 0 ? null : withFilledIds(list, () => this.ids.shortId());
  }
}
