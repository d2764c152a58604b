// auth.test and team.info.
import { z } from 'zod';
import { slackTeam } from '../slack-shapes';
import { parseArgs } from './args';
import { SlackApiError } from './errors';
import type { WebApiMethod } from './method';

const teamInfoArgs = z.looseObject({ team: z.string().optional() });

export const authAndTeamMethods: Record<string, WebApiMethod> = {
  'auth.test': ({ sim, workspace }) => ({
    url: `https://${workspace.domain}.slack.com/`,
    team: workspace.name,
    user: sim.app.appName.toLowerCase(),
    team_id: workspace.teamId,
    user_id: workspace.botUserId,
    bot_id: workspace.botId,
    is_enterprise_install: false,
    ...(workspace.enterpriseId ? { enterprise_id: workspace.enterpriseId } : {}),
  }),

  'team.info': ({ workspace, args }) => {
    const { team } = parseArgs(teamInfoArgs, args);
    if (team !== undefined && team !== workspace.teamId) throw new SlackApiError('team_not_found');
    return { team: slackTeam(workspace) };
  },
};
