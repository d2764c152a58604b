// Pages behind `profile_relink_url` and `graph_api_migration_url`: the person signs in again and the
// profile is reconnected, or moved from Exchange Web Services to Microsoft Graph.
import { z } from 'zod';
import { setProfileConnected } from '../accounts';
import { readBody } from '../body';
import type { SimContext } from '../config';
import { consentPage, errorPage, messagePage } from '../consent-pages';
import { htmlResponse, redirectResponse, type SimRequest, type SimResponse } from '../http';
import type { Person } from '../model';
import type { Route } from '../router';
import { findPerson, personByProfileId } from '../store';

interface ProfileAction {
  path: string;
  title: string;
  explanation: string;
  done: string;
  apply(ctx: SimContext, person: Person): void;
}

const ACTIONS: ProfileAction[] = [
  {
    path: 'relink',
    title: 'Reconnect your calendar',
    explanation: 'Sign in again so this application can keep reading and writing your calendar.',
    done: 'Your calendar is connected again.',
    apply: (ctx, person) => setProfileConnected(ctx, person, true),
  },
  {
    path: 'graph_api_migration',
    title: 'Move to Microsoft Graph',
    explanation: 'Sign in again to move your Microsoft 365 calendar connection to Microsoft Graph.',
    done: 'Your calendar now connects through Microsoft Graph.',
    apply: (_ctx, person) => {
      person.protocol = 'graph_api';
    },
  },
];

const decisionSchema = z.object({ decision: z.enum(['allow', 'deny']), email: z.string().optional() });

export const profilePageRoutes: Route[] = ACTIONS.flatMap((action): Route[] => [
  { method: 'GET', pattern: `/${action.path}/:profileId`, handler: (request, ctx) => show(action, request, ctx) },
  { method: 'POST', pattern: `/${action.path}/:profileId`, handler: (request, ctx) => decide(action, request, ctx) },
  { method: 'GET', pattern: `/${action.path}/:profileId/done`, handler: (request) => done(action, request) },
]);

function render(action: ProfileAction, person: Person, error?: string): string {
  return consentPage({
    title: action.title,
    lines: [action.explanation],
    action: `/${action.path}/${person.profileId}`,
    hidden: {},
    email: { value: person.email },
    error,
  });
}

function show(action: ProfileAction, request: SimRequest, ctx: SimContext): SimResponse {
  const person = personByProfileId(ctx.store, request.params.profileId);
  if (!person) return htmlResponse(404, errorPage(action.title, 'This link is not valid.'));
  return htmlResponse(200, render(action, person));
}

function decide(action: ProfileAction, request: SimRequest, ctx: SimContext): SimResponse {
  const person = personByProfileId(ctx.store, request.params.profileId);
  const form = decisionSchema.safeParse(readBody(request));
  if (!person) return htmlResponse(404, errorPage(action.title, 'This link is not valid.'));
  if (!form.success) return htmlResponse(422, render(action, person, 'Choose Allow or Deny.'));
  if (form.data.decision === 'allow') {
    if (findPerson(ctx.store, form.data.email ?? '') !== person) {
      return htmlResponse(422, render(action, person, `Sign in as ${person.email}.`));
    }
    action.apply(ctx, person);
  }
  const outcome = form.data.decision === 'allow' ? 'done' : 'declined';
  return redirectResponse(`${ctx.baseUrl}/${action.path}/${person.profileId}/done?outcome=${outcome}`, {}, 303);
}

function done(action: ProfileAction, request: SimRequest): SimResponse {
  const declined = request.query.get('outcome') === 'declined';
  return htmlResponse(200, messagePage(action.title, declined ? 'Nothing was changed.' : action.done));
}
