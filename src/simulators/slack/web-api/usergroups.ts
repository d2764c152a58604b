// usergroups.list and usergroups.users.list.
import { z } from 'zod';
import { slackUserGroup } from '../slack-shapes';
import { flag, parseArgs } from './args';
import { SlackApiError } from './errors';
import type { WebApiMethod } from './method';

const listArgs = z.looseObject({ include_users: flag.optional() });
const usersArgs = z.looseObject({ usergroup: z.string().optional() });

export const userGroupMethods: Record<string, WebApiMethod> = {
  'usergroups.list': ({ sim, workspace, args }) => {
    const { include_users } = parseArgs(listArgs, args);
    return { usergroups: sim.directory.userGroups(workspace.teamId).map((group) => slackUserGroup(group, include_users ?? false)) };
  },

  'usergroups.users.list': ({ sim, workspace, args }) => {
    const { usergroup } = parseArgs(usersArgs, args);
    const group = sim.directory.userGroups(workspace.teamId).find((candidate) => candidate.id === usergroup);
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },
};
