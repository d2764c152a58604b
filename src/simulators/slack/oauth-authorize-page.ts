// The browser half of "Add to Slack": a consent page whose plain HTML form redirects back with ?code&state.
import { z } from 'zod';
import type { SimulatorContext } from './context';
import { SLACKBOT_ID, type SimUser } from './directory';
import { type HttpAnswer, redirectAnswer, textAnswer } from './http-io';

const authorizeParams = z.object({
  client_id: z.string(),
  redirect_uri: z.url(),
  scope: z.string().default(''),
  user_scope: z.string().default(''),
  state: z.string().default(''),
  team: z.string().optional(),
});

const decisionParams = authorizeParams.extend({
  decision: z.enum(['allow', 'deny']).default('allow'),
  /** `<teamId>:<userId>`; the page preselects an admin of the first (or requested) workspace. */
  installer: z.string().optional(),
});

type AuthorizeParams = z.output<typeof authorizeParams>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function errorPage(message: string): HttpAnswer {
  return textAnswer(400, `<!doctype html><title>Slack simulator</title><p>${escapeHtml(message)}</p>`, 'text/html; charset=utf-8');
}

function parse<T extends z.ZodType>(schema: T, params: URLSearchParams, sim: SimulatorContext): z.output<T> | HttpAnswer {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return errorPage(`Invalid authorize request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if ((parsed.data as AuthorizeParams).client_id !== sim.app.clientId) return errorPage('invalid_client_id');
  return parsed.data;
}

function installers(sim: SimulatorContext, teamId: string | undefined): SimUser[] {
  const teams = sim.directory.workspaces().filter((w) => !teamId || w.teamId === teamId);
  const people = teams.flatMap((w) => sim.directory.usersOf(w.teamId)).filter((u) => !u.isBot && !u.deleted && u.id !== SLACKBOT_ID);
  return [...people.filter((u) => u.isAdmin || u.isOwner), ...people.filter((u) => !u.isAdmin && !u.isOwner)];
}

export function answerAuthorizePage(sim: SimulatorContext, query: URLSearchParams): HttpAnswer {
  const params = parse(authorizeParams, query, sim);
  if ('status' in params) return params;
  const candidates = installers(sim, params.team);
  if (candidates.length === 0) return errorPage('No workspace with a person who could install the app; seed one with addWorkspace() and addUser().');
  const hidden = (['client_id', 'redirect_uri', 'scope', 'user_scope', 'state'] as const)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name])}">`)
    .join('\n    ');
  const options = candidates
    .map((u) => `<option value="${u.teamId}:${u.id}">${escapeHtml(u.realName)} — ${escapeHtml(sim.directory.requireWorkspace(u.teamId).name)}</option>`)
    .join('');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>Install ${escapeHtml(sim.app.appName)} (Slack simulator)</title></head>
<body>
  <h1>${escapeHtml(sim.app.appName)} is requesting permission to access your Slack workspace</h1>
  <p>Bot scopes: ${escapeHtml(params.scope || '(none)')}</p>
  <form method="post" action="/oauth/v2/authorize">
    ${hidden}
    <label>Install as <select name="installer">${options}</select></label>
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Cancel</button>
  </form>
</body></html>`;
  return textAnswer(200, html, 'text/html; charset=utf-8');
}

export function answerAuthorizeDecision(sim: SimulatorContext, form: URLSearchParams): HttpAnswer {
  const params = parse(decisionParams, form, sim);
  if ('status' in params) return params;
  const back = new URL(params.redirect_uri);
  if (params.decision === 'deny') {
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', params.state);
    return redirectAnswer(back.toString());
  }
  const [teamId, userId] = params.installer?.split(':') ?? [];
  const installer = installers(sim, params.team).find((u) => !params.installer || (u.teamId === teamId && u.id === userId));
  if (!installer) return errorPage(`Unknown installer ${params.installer ?? ''}`);
  const code = sim.oauthGrants.issue({
    teamId: installer.teamId,
    userId: installer.id,
    scope: params.scope,
    userScope: params.user_scope,
    redirectUri: params.redirect_uri,
  });
  back.searchParams.set('code', code);
  back.searchParams.set('state', params.state);
  return redirectAnswer(back.toString());
}
