// conversations.open: the bot's DM with one person (a stable D… id) or a group DM with several.
import { z } from 'zod';
import { flag, parseArgs } from './args';
import { SlackApiError } from './errors';
import type { WebApiMethod } from './method';

const MAX_GROUP_DM_USERS = 8;

const openArgs = z.looseObject({ users: z.string().optional(), channel: z.string().optional(), return_im: flag.optional() });

export const conversationMethods: Record<string, WebApiMethod> = {
  'conversations.open': ({ sim, workspace, args }) => {
    const { users, channel, return_im } = parseArgs(openArgs, args);
    const { teamId } = workspace;
    if (channel) {
      const existing = sim.directory.conversation(teamId, channel);
      if (!existing) throw new SlackApiError('channel_not_found');
      return { channel: { id: existing.id } };
    }
    const userIds = (users ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    if (userIds.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (userIds.length > MAX_GROUP_DM_USERS) throw new SlackApiError('too_many_users');
    for (const userId of userIds) {
      const user = sim.directory.user(teamId, userId);
      if (!user) throw new SlackApiError('user_not_found');
      if (user.deleted) throw new SlackApiError('user_disabled');
      if (userIds.length === 1 && user.isBot) throw new SlackApiError('cannot_dm_bot');
    }
    const alreadyOpen = sim.directory.conversationsOf(teamId).length;
    const conversation = userIds.length === 1 ? sim.directory.openIm(teamId, userIds[0]) : sim.directory.openMpim(teamId, userIds);
    const reopened = sim.directory.conversationsOf(teamId).length === alreadyOpen;
    const details = return_im ? { created: Math.floor(conversation.createdAt / 1000), is_im: conversation.type === 'im', user: conversation.imUserId } : {};
    return {
      ...(reopened ? { no_op: true, already_open: true } : {}),
      channel: { id: conversation.id, ...details },
    };
  },
};
