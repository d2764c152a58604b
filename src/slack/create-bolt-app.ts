// Builds the Bolt app: HTTP mode on PORT (or Socket Mode with SLACK_APP_TOKEN), one workspace or many via OAuth.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, defaultBodyLimit, type InstallationStore } from '@slack/bolt';
import type { SlackConfig } from '../config/env';
import type { HttpRoute } from '../http/route';
import type { Logger } from '../platform/logger';
import { boltLogger } from './bolt-logger';
import { answerUndispatched, sendInstallFailure } from './receiver-answers';
import type { ReplayGuard } from './replay-guard';
import { guardSlackRequests } from './request-guard';
import { slackClientOptions } from './slack-clients';

const SLACK_ENDPOINT = '/slack/events';
/** Bolt's own limit (4 MB); Slack's payloads are far smaller. */
const SLACK_BODY_LIMIT = defaultBodyLimit;

/** im:history lets the reminder dispatcher look in a DM for a reminder whose send was cut off (src/reminders/dispatch.ts). */
export const BOT_SCOPES = ['chat:write', 'commands', 'im:write', 'im:history', 'users:read', 'users:read.email', 'usergroups:read', 'team:read', 'files:write'];

export function createBoltApp(options: {
  slack: SlackConfig;
  port: number;
  publicUrl: string;
  customRoutes: HttpRoute[];
  installationStore?: InstallationStore;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logger: Logger;
  replays: ReplayGuard;
}): App {
  const { slack, customRoutes, installationStore, logger } = options;
  const clientOptions = slackClientOptions(slack);
  const bolt = boltLogger(logger, { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR }[options.logLevel]);
  const token = slack.mode === 'single-workspace' ? { token: slack.botToken } : {};
  const oauth =
    slack.mode === 'oauth'
      ? {
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
            // oauth.v2.access goes where the Web API does (Bolt copies this only into receivers it builds itself).
            clientOptions,
            callbackOptions: { failure: (error: unknown, _options: unknown, _req: unknown, res: ServerResponse) => sendInstallFailure(logger, error, res) },
          },
          redirectUri: `${options.publicUrl}/slack/oauth_redirect`,
        }
      : {};
  // Bolt's conversation store is a per-process memory Slotline never reads; it would only cost each request a lookup.
  const common = { clientOptions, logger: bolt, deferInitialization: true, convoStore: false as const, ...token };
  if (slack.appToken) {
    // Socket Mode: Slack's requests arrive over Slack's WebSocket, so there is no HTTP endpoint to guard.
    return new App({ ...common, ...oauth, signingSecret: slack.signingSecret, customRoutes, port: options.port, socketMode: true, appToken: slack.appToken });
  }
  const onDispatchError = (error: unknown, req: IncomingMessage, res: ServerResponse) => answerUndispatched(logger, error, req, res);
  const receiver = new HTTPReceiver({
    ...oauth,
    signingSecret: slack.signingSecret,
    // The request guard below checks every signature before Bolt sees the request; a second check would only
    // read and hash each body again.
    signatureVerification: false,
    endpoints: [SLACK_ENDPOINT],
    customRoutes,
    port: options.port,
    logger: bolt,
    bodyLimit: SLACK_BODY_LIMIT,
    dispatchErrorHandler: ({ error, request, response }) => onDispatchError(error, request, response),
  });
  guardSlackRequests(receiver, { endpoint: SLACK_ENDPOINT, signingSecret: slack.signingSecret, bodyLimit: SLACK_BODY_LIMIT, replays: options.replays, logger, onDispatchError });
  return new App({ ...common, receiver });
}
