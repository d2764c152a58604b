// oauth.v2.access: exchanges a code from the simulated consent page for the installation Bolt's installer stores.
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SimulatorContext } from '../context';
import type { SlackObject } from '../records';
import { parseArgs } from './args';
import { SlackApiError } from './errors';

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
}

const accessArgs = z.looseObject({
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
});

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Client credentials may come as HTTP Basic auth or as form fields; Slack accepts both. */
export function basicAuthCredentials(authorization: string | undefined): ClientCredentials {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (!match) return {};
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? {} : { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

export function oauthV2Access(sim: SimulatorContext, args: SlackObject, basicAuth: ClientCredentials): SlackObject {
  const parsed = parseArgs(accessArgs, args);
  const clientId = basicAuth.clientId ?? parsed.client_id;
  const clientSecret = basicAuth.clientSecret ?? parsed.client_secret;
  if (clientId !== sim.app.clientId) throw new SlackApiError('invalid_client_id');
  if (!clientSecret || !sameSecret(clientSecret, sim.app.clientSecret)) throw new SlackApiError('bad_client_secret');
  if (!parsed.code) throw new SlackApiError('invalid_code');
  const grant = sim.oauthGrants.redeem(parsed.code, parsed.redirect_uri);
  const workspace = sim.directory.requireWorkspace(grant.teamId);
  const scopes = sim.directory.grantBotScopes(grant.teamId, grant.scope.split(',').map((scope) => scope.trim()).filter(Boolean));
  return {
    app_id: sim.app.appId,
    authed_user: { id: grant.userId, ...(grant.userScope ? { scope: grant.userScope } : {}) },
    scope: scopes.join(','),
    token_type: 'bot',
    access_token: workspace.botToken,
    bot_user_id: workspace.botUserId,
    team: { id: workspace.teamId, name: workspace.name },
    enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: workspace.enterpriseName } : null,
    is_enterprise_install: false,
  };
}
