// Where an admin's answer goes: the command's or message's response_url when there is one (ephemeral,
// optionally replacing the message clicked), otherwise (App Home buttons) the admin's DM with Slotline.
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from './blocks';

export interface AdminReply {
  text: string;
  blocks?: KnownBlock[];
  /** Replace the message the admin clicked in (paging the status list). */
  replaceOriginal?: boolean;
}

export type Responder = (reply: AdminReply) => Promise<void>;

export async function openDm(client: WebClient, slackUserId: string): Promise<string> {
  const opened = await client.conversations.open({ users: slackUserId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  return channel;
}

export function responderFor(respond: RespondFn | undefined, client: WebClient, slackUserId: string): Responder {
  if (respond) {
    return async ({ text, blocks, replaceOriginal }) => {
      await respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}), ...(replaceOriginal ? { replace_original: true } : {}) });
    };
  }
  return async ({ text, blocks }) => {
    await client.chat.postMessage({ channel: await openDm(client, slackUserId), text, ...(blocks ? { blocks } : {}) });
  };
}
