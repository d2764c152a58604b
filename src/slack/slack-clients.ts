// Web API clients per workspace, for work that happens outside a Slack request (callbacks, jobs, reminders).
import { WebClient, retryPolicies, type WebClientOptions } from '@slack/web-api';
import type { InstallationStore } from '@slack/bolt';
import type { SlackConfig } from '../config/env';
import { AppError } from '../errors';

export interface SlackClients {
  forTeam(slackTeamId: string): Promise<WebClient>;
}

export function slackClientOptions(config: SlackConfig, overrides: Partial<WebClientOptions> = {}): WebClientOptions {
  return { slackApiUrl: config.apiUrl, retryConfig: retryPolicies.fiveRetriesInFiveMinutes, timeout: 15_000, ...overrides };
}

export function createSlackClients(config: SlackConfig, installationStore?: InstallationStore, overrides: Partial<WebClientOptions> = {}): SlackClients {
  const options = slackClientOptions(config, overrides);
  const single = config.mode === 'single-workspace' ? new WebClient(config.botToken, options) : undefined;
  const byToken = new Map<string, WebClient>();
  return {
    async forTeam(slackTeamId) {
      if (single) return single;
      if (!installationStore) throw new AppError('internal', { message: 'OAuth mode without an installation store' });
      const installation = await installationStore.fetchInstallation({ teamId: slackTeamId, enterpriseId: undefined, isEnterpriseInstall: false });
      const token = installation.bot?.token;
      if (!token) throw new AppError('slack_api_failed', { message: `no bot token stored for team ${slackTeamId}`, userMessage: 'Slotline is not installed in this workspace any more.' });
      let client = byToken.get(token);
      if (!client) {
        client = new WebClient(token, { ...options, teamId: slackTeamId });
        byToken.set(token, client);
      }
      return client;
    },
  };
}
