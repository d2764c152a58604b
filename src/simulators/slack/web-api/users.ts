// users.list (cursor pagination, like Slack's: bots, deleted users and Slackbot included), users.info, users.lookupByEmail.
import { z } from 'zod';
import { slackUser } from '../slack-shapes';
import { integer, parseArgs } from './args';
import { SlackApiError } from './errors';
import type { WebApiCall, WebApiMethod } from './method';

const MAX_PAGE = 1000;

const listArgs = z.looseObject({ cursor: z.string().optional(), limit: integer.optional() });
const infoArgs = z.looseObject({ user: z.string().optional() });
const lookupArgs = z.looseObject({ email: z.string().optional() });

function encodeCursor(userId: string): string {
  return Buffer.from(`user:${userId}`).toString('base64');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith('user:')) throw new SlackApiError('invalid_cursor');
  return decoded.slice('user:'.length);
}

function render({ sim, workspace }: WebApiCall, userId: string) {
  const user = sim.directory.user(workspace.teamId, userId);
  if (!user) throw new SlackApiError('user_not_found');
  return slackUser(user, workspace, sim.app, sim.clock());
}

export const userMethods: Record<string, WebApiMethod> = {
  'users.list': (call) => {
    const { sim, workspace } = call;
    const { cursor, limit } = parseArgs(listArgs, call.args);
    const users = sim.directory.usersOf(workspace.teamId);
    let start = 0;
    if (cursor) {
      start = users.findIndex((user) => user.id === decodeCursor(cursor));
      if (start === -1) throw new SlackApiError('invalid_cursor');
    }
    const pageSize = !limit || limit <= 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE);
    const page = users.slice(start, start + pageSize);
    const next = users[start + pageSize];
    return {
      members: page.map((user) => slackUser(user, workspace, sim.app, sim.clock())),
      cache_ts: Math.floor(sim.clock() / 1000),
      response_metadata: { next_cursor: next ? encodeCursor(next.id) : '' },
    };
  },

  'users.info': (call) => {
    const { user } = parseArgs(infoArgs, call.args);
    if (!user) throw new SlackApiError('user_not_found');
    return { user: render(call, user) };
  },

  'users.lookupByEmail': (call) => {
    const { email } = parseArgs(lookupArgs, call.args);
    const user = email ? call.sim.directory.findUserByEmail(call.workspace.teamId, email) : undefined;
    if (!user) throw new SlackApiError('users_not_found');
    return { user: render(call, user.id) };
  },
};
