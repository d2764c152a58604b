// chat.postMessage, chat.update, chat.delete and chat.postEphemeral.
import { z } from 'zod';
import type { MessageRecord } from '../records';
import { slackMessage } from '../slack-shapes';
import { parseArgs } from './args';
import { SlackApiError } from './errors';
import type { WebApiCall, WebApiMethod } from './method';

const postArgs = z.looseObject({
  channel: z.string().optional(),
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  thread_ts: z.string().optional(),
  metadata: z.unknown().optional(),
});
const updateArgs = z.looseObject({ channel: z.string().optional(), ts: z.string().optional(), text: z.string().optional(), blocks: z.unknown().optional() });
const deleteArgs = z.looseObject({ channel: z.string().optional(), ts: z.string().optional() });
const ephemeralArgs = postArgs.extend({ user: z.string().optional() });

function existingMessage({ sim, workspace }: WebApiCall, channel: string | undefined, ts: string | undefined): MessageRecord {
  const conversation = sim.messaging.resolveChannel(workspace.teamId, channel);
  const message = ts ? sim.messaging.findMessage(workspace.teamId, conversation.id, ts) : undefined;
  if (!message || message.deleted) throw new SlackApiError('message_not_found');
  return message;
}

function render({ sim, workspace }: WebApiCall, message: MessageRecord, options: { metadata?: boolean } = {}) {
  const files = message.fileIds.flatMap((id) => sim.uploads.fileById(id) ?? []);
  return slackMessage(message, workspace, sim.app, files, options);
}

export const chatMethods: Record<string, WebApiMethod> = {
  'chat.postMessage': (call) => {
    const { sim, workspace } = call;
    const args = parseArgs(postArgs, call.args);
    const conversation = sim.messaging.resolveChannel(workspace.teamId, args.channel);
    sim.messaging.assertBotCanPost(workspace.teamId, conversation);
    const content = { text: args.text, blocks: args.blocks, threadTs: args.thread_ts, metadata: args.metadata };
    const message = sim.messaging.post(workspace.teamId, conversation.id, content, 'chat.postMessage');
    return { channel: conversation.id, ts: message.ts, message: render(call, message, { metadata: true }) };
  },

  'chat.update': (call) => {
    const args = parseArgs(updateArgs, call.args);
    const message = existingMessage(call, args.channel, args.ts);
    call.sim.messaging.update(message, { text: args.text, blocks: args.blocks }, 'chat.update');
    return { channel: message.channel, ts: message.ts, text: message.text, message: render(call, message) };
  },

  'chat.delete': (call) => {
    const args = parseArgs(deleteArgs, call.args);
    const message = existingMessage(call, args.channel, args.ts);
    call.sim.messaging.remove(message);
    return { channel: message.channel, ts: message.ts };
  },

  'chat.postEphemeral': ({ sim, workspace, args: raw }) => {
    const args = parseArgs(ephemeralArgs, raw);
    const user = args.user ? sim.directory.user(workspace.teamId, args.user) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    const conversation = sim.messaging.resolveChannel(workspace.teamId, args.channel);
    sim.messaging.assertBotCanPost(workspace.teamId, conversation);
    if (!conversation.members.includes(user.id)) throw new SlackApiError('user_not_in_channel');
    const content = { text: args.text, blocks: args.blocks, threadTs: args.thread_ts };
    const ephemeral = sim.messaging.postEphemeral(workspace.teamId, conversation.id, user.id, content, 'chat.postEphemeral');
    return { message_ts: ephemeral.ts };
  },
};
