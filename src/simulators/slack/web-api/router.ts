// POST /api/<method>: authenticate, rate-limit, run the method, record the call, answer as Slack does.
import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatorContext } from '../context';
import type { Workspace } from '../directory';
import { type HttpAnswer, jsonAnswer } from '../http-io';
import type { ApiCallRecord, SlackObject } from '../records';
import { authAndTeamMethods } from './auth-and-team';
import { chatMethods } from './chat';
import { conversationMethods } from './conversations';
import { historyMethods } from './conversations-history';
import { SlackApiError } from './errors';
import { fileMethods } from './files';
import type { WebApiMethod } from './method';
import { rateLimitChecksFor } from './method-tiers';
import { basicAuthCredentials, oauthV2Access } from './oauth';
import { readArgs } from './args';
import { userGroupMethods } from './usergroups';
import { userMethods } from './users';
import { viewMethods } from './views';

const TOKEN_METHODS: Record<string, WebApiMethod> = {
  ...authAndTeamMethods,
  ...userMethods,
  ...userGroupMethods,
  ...conversationMethods,
  ...historyMethods,
  ...chatMethods,
  ...viewMethods,
  ...fileMethods,
};

export interface WebApiRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  query: URLSearchParams;
}

type Outcome = { workspace: Workspace | null; result: SlackObject } | { workspace: Workspace | null; error: SlackApiError } | { workspace: Workspace | null; retryAfterSec: number };

function bearerToken(headers: IncomingHttpHeaders, args: SlackObject): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (match) return match[1];
  return typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
}

/** Socket Mode's URL, for the app-level token only (a bot token gets not_allowed_token_type, as from Slack). */
function appsConnectionsOpen(sim: SimulatorContext, token: string | undefined): SlackObject {
  if (!token) throw new SlackApiError('not_authed');
  if (token !== sim.app.appToken) throw new SlackApiError(sim.directory.workspaceByToken(token) ? 'not_allowed_token_type' : 'invalid_auth');
  return { url: sim.socketMode.openUrl(sim.baseUrl()) };
}

function rateLimited(sim: SimulatorContext, method: string, scope: string, teamId: string | null, args: SlackObject): number | null {
  if (!sim.rateLimiter) return null;
  const decision = sim.rateLimiter.attempt(rateLimitChecksFor(method, scope, args), sim.clock());
  if (decision.allowed) return null;
  sim.store.add({ kind: 'rateLimited', method, teamId, bucket: decision.key, retryAfterSec: decision.retryAfterSec, at: sim.clock() });
  return decision.retryAfterSec;
}

function settle(workspace: Workspace | null, produce: () => SlackObject): Outcome {
  try {
    return { workspace, result: produce() };
  } catch (error) {
    if (error instanceof SlackApiError) return { workspace, error };
    throw error;
  }
}

function run(sim: SimulatorContext, request: WebApiRequest, args: SlackObject): Outcome {
  const { method } = request;
  if (method === 'oauth.v2.access') {
    const retryAfterSec = rateLimited(sim, method, `client:${sim.app.clientId}`, null, args);
    if (retryAfterSec !== null) return { workspace: null, retryAfterSec };
    return settle(null, () => oauthV2Access(sim, args, basicAuthCredentials(request.headers.authorization)));
  }
  if (method === 'apps.connections.open') return settle(null, () => appsConnectionsOpen(sim, bearerToken(request.headers, args)));
  const handler = TOKEN_METHODS[method];
  if (!handler) return { workspace: null, error: new SlackApiError('unknown_method') };
  const token = bearerToken(request.headers, args);
  if (!token) return { workspace: null, error: new SlackApiError('not_authed') };
  const workspace = sim.directory.workspaceByToken(token);
  if (!workspace) return { workspace: null, error: new SlackApiError('invalid_auth') };
  const retryAfterSec = rateLimited(sim, method, workspace.teamId, workspace.teamId, args);
  if (retryAfterSec !== null) return { workspace, retryAfterSec };
  return settle(workspace, () => handler({ sim, workspace, args }));
}

export function answerWebApiCall(sim: SimulatorContext, request: WebApiRequest): HttpAnswer {
  let args: SlackObject;
  try {
    args = readArgs(request.headers['content-type'], request.body, request.query);
  } catch {
    return jsonAnswer(200, { ok: false, error: 'invalid_json' });
  }
  const { token: _token, client_secret: _secret, ...recordedArgs } = args;
  const outcome = run(sim, request, args);
  const record: ApiCallRecord = { kind: 'apiCall', method: request.method, teamId: outcome.workspace?.teamId ?? null, args: recordedArgs, at: sim.clock(), status: 200 };
  if ('retryAfterSec' in outcome) {
    sim.store.add({ ...record, status: 429, error: 'ratelimited' });
    return jsonAnswer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(outcome.retryAfterSec) });
  }
  if ('error' in outcome) {
    sim.store.add({ ...record, error: outcome.error.code });
    return jsonAnswer(200, { ok: false, error: outcome.error.code, ...outcome.error.extra });
  }
  sim.store.add(record);
  return jsonAnswer(200, { ok: true, ...outcome.result });
}
