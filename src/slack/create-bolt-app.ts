// Builds the Bolt app: HTTP mode on PORT (or Socket Mode with SLACK_APP_TOKEN), one workspace or many via OAuth.
import { App, LogLevel, type InstallationStore } from '@slack/bolt';
import type { SlackConfig } from '../config/env';
import type { HttpRoute } from '../http/route';
import type { Logger } from '../platform/logger';
import { boltLogger } from './bolt-logger';
import { slackClientOptions } from './slack-clients';

export const BOT_SCOPES = ['chat:write', 'commands', 'im:write', 'users:read', 'users:read.email', 'usergroups:read', 'team:read', 'files:write'];

export function createBoltApp(options: {
  slack: SlackConfig;
  port: number;
  publicUrl: string;
  customRoutes: HttpRoute[];
  installationStore?: InstallationStore;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logger: Logger;
}): App {
  const { slack, customRoutes, installationStore } = options;
  const common = {
    signingSecret: slack.signingSecret,
    customRoutes,
    port: options.port,
    clientOptions: slackClientOptions(slack),
    logger: boltLogger(options.logger, { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR }[options.logLevel]),
    deferInitialization: true,
    ...(slack.appToken ? { socketMode: true, appToken: slack.appToken } : {}),
  };
  if (slack.mode === 'single-workspace') {
    return new App({ ...common, token: slack.botToken });
  }
  return new App({
    ...common,
    clientId: slack.clientId,
    clientSecret: slack.clientSecret,
    stateSecret: slack.stateSecret,
    scopes: BOT_SCOPES,
    installationStore,
    installerOptions: {
      directInstall: true,
      // Slack's browser authorize page lives on the Web API's host (slack.com), so a simulator override moves both.
      authorizationUrl: new URL('/oauth/v2/authorize', slack.apiUrl).toString(),
      redirectUriPath: '/slack/oauth_redirect',
      // Behind plain http (local use) a Secure cookie would be dropped and every install would fail.
      stateCookieName: 'slotline-slack-oauth-state',
    },
    redirectUri: `${options.publicUrl}/slack/oauth_redirect`,
  });
}
