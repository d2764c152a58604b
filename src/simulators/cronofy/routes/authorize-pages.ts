// Cronofy's authorize pages: Individual Connect (`/oauth/authorize`) and the Enterprise Connect
// admin consent (`/enterprise_connect/oauth/authorize`). GET validates and shows the consent form;
// POST decides and redirects back with `code`+`state` or `error=access_denied`+`state`.
import { z } from 'zod';
import { linkPerson } from '../accounts';
import { readBody } from '../body';
import type { SimContext } from '../config';
import { consentPage, errorPage } from '../consent-pages';
import { htmlResponse, isHttpUrl, redirectResponse, withQuery, type SimRequest, type SimResponse } from '../http';
import { newSecret, newServiceAccountId } from '../ids';
import { CALENDAR_PROVIDERS, type CalendarProvider, type ConsentKind, type ConsentRequest } from '../model';
import type { Route } from '../router';
import { KNOWN_ACCOUNT_SCOPES, parseScope, SERVICE_ACCOUNT_SCOPES } from '../scopes';
import { findPerson } from '../store';
import { issueCode, type NewCode } from '../tokens';

const CONSENT_TTL_MS = 30 * 60 * 1000;
const SESSION_COOKIE = 'cronofy_sim_session';

const PROVIDER_LABELS: Record<CalendarProvider, string> = {
  google: 'Google',
  office365: 'Microsoft 365',
  exchange: 'Exchange',
  apple: 'iCloud',
  live_connect: 'Outlook.com',
};

const PATHS: Record<ConsentKind, string> = {
  individual: '/oauth/authorize',
  enterprise: '/enterprise_connect/oauth/authorize',
};

class InvalidAuthorizeRequest extends Error {}

const decisionSchema = z.object({
  request_id: z.string(),
  decision: z.enum(['allow', 'deny']),
  email: z.string().optional(),
  chosen_email: z.string().optional(),
});

export const authorizePageRoutes: Route[] = (['individual', 'enterprise'] as const).flatMap((kind) => [
  { method: 'GET', pattern: PATHS[kind], handler: (request, ctx) => showConsent(kind, request, ctx) },
  { method: 'POST', pattern: PATHS[kind], handler: (request, ctx) => decideConsent(kind, request, ctx) },
]);

function showConsent(kind: ConsentKind, request: SimRequest, ctx: SimContext): SimResponse {
  let consent: ConsentRequest;
  try {
    consent = parseAuthorizeRequest(kind, request, ctx);
  } catch (error) {
    if (!(error instanceof InvalidAuthorizeRequest)) throw error;
    return htmlResponse(400, errorPage('Invalid authorization request', error.message));
  }
  ctx.store.consentRequests.set(consent.id, consent);
  return htmlResponse(200, renderConsent(ctx, consent));
}

function parseAuthorizeRequest(kind: ConsentKind, request: SimRequest, ctx: SimContext): ConsentRequest {
  const query = request.query;
  if (query.get('response_type') !== 'code') fail('response_type must be "code".');
  if (query.get('client_id') !== ctx.config.clientId) fail('client_id is missing or not recognised.');
  const redirectUri = query.get('redirect_uri') ?? fail('redirect_uri is required.');
  if (!isHttpUrl(redirectUri)) fail('redirect_uri must be an absolute http(s) URL.');

  const knownScopes: readonly string[] = kind === 'individual' ? KNOWN_ACCOUNT_SCOPES : SERVICE_ACCOUNT_SCOPES;
  const scope = parseScope(query.get('scope') ?? undefined, knownScopes) ?? fail('scope is missing or contains an unknown value.');
  const delegatedScope =
    kind === 'enterprise'
      ? (parseScope(query.get('delegated_scope') ?? undefined, KNOWN_ACCOUNT_SCOPES) ??
        fail('delegated_scope is missing or contains an unknown value.'))
      : [];

  const providerName = query.get('provider_name') ?? undefined;
  if (providerName !== undefined && !CALENDAR_PROVIDERS.includes(providerName as CalendarProvider)) {
    fail(`provider_name "${providerName}" is not supported.`);
  }
  const avoidLinking = query.get('avoid_linking');
  if (avoidLinking !== null && avoidLinking !== 'true' && avoidLinking !== 'false') {
    fail('avoid_linking must be true or false.');
  }
  const linkTokenValue = query.get('link_token');
  let linkAccountId: string | undefined;
  if (linkTokenValue !== null) {
    const linkToken = ctx.store.linkTokens.get(linkTokenValue);
    if (!linkToken || linkToken.expiresAt <= ctx.config.clock()) fail('link_token is unknown or expired.');
    linkAccountId = linkToken.accountId;
  }

  return {
    id: newSecret(),
    kind,
    redirectUri,
    scope,
    delegatedScope,
    state: query.get('state') ?? undefined,
    providerName: providerName as CalendarProvider | undefined,
    avoidLinking: avoidLinking === 'true',
    linkAccountId,
    sessionId: sessionIdFrom(request),
    expiresAt: ctx.config.clock() + CONSENT_TTL_MS,
  };
}

function fail(message: string): never {
  throw new InvalidAuthorizeRequest(message);
}

function renderConsent(ctx: SimContext, consent: ConsentRequest, error?: string): string {
  const hidden = { request_id: consent.id };
  if (consent.kind === 'enterprise') {
    return consentPage({
      title: 'Enterprise Connect',
      lines: [
        'Sign in as a domain administrator to let this application manage calendars in your organization.',
        `Service account access: ${consent.scope.join(', ')}`,
        `Access it may request for each person: ${consent.delegatedScope.join(', ')}`,
      ],
      action: PATHS.enterprise,
      hidden,
      email: {},
      error,
    });
  }
  const provider = consent.providerName;
  const suggestions = provider
    ? [...ctx.store.people.values()]
        .filter((person) => person.provider === provider)
        .map((person) => ({ value: person.email, label: `${person.name} <${person.email}>` }))
    : undefined;
  return consentPage({
    title: provider ? `Sign in with ${PROVIDER_LABELS[provider]}` : 'Connect your calendar',
    lines: [`This application would like access to your calendar: ${consent.scope.join(', ')}`],
    action: PATHS.individual,
    hidden,
    email: { suggestions },
    error,
  });
}

function decideConsent(kind: ConsentKind, request: SimRequest, ctx: SimContext): SimResponse {
  const form = decisionSchema.safeParse(readBody(request));
  const consent = form.success ? ctx.store.consentRequests.get(form.data.request_id) : undefined;
  if (!form.success || !consent || consent.kind !== kind || consent.expiresAt <= ctx.config.clock()) {
    return htmlResponse(400, errorPage('Invalid authorization request', 'This sign-in page has expired. Start again from the application.'));
  }
  if (form.data.decision === 'deny') {
    ctx.store.consentRequests.delete(consent.id);
    return redirectResponse(withQuery(consent.redirectUri, { error: 'access_denied', state: consent.state }));
  }
  const email = (form.data.email || form.data.chosen_email || '').trim();
  const outcome = kind === 'individual' ? authorizePerson(ctx, consent, email) : authorizeAdmin(ctx, consent, email);
  if ('error' in outcome) return htmlResponse(422, renderConsent(ctx, consent, outcome.error));

  ctx.store.consentRequests.delete(consent.id);
  const code = issueCode(ctx, { ...outcome.code, scope: consent.scope, redirectUri: consent.redirectUri });
  return redirectResponse(withQuery(consent.redirectUri, { code, state: consent.state }), outcome.headers);
}

type Outcome = { code: Pick<NewCode, 'subject' | 'linkingProfileId'>; headers?: Record<string, string> } | { error: string };

function authorizePerson(ctx: SimContext, consent: ConsentRequest, email: string): Outcome {
  const person = email ? findPerson(ctx.store, email) : undefined;
  if (!person) return { error: email ? `No calendar account was found for ${email}.` : 'Enter your email address.' };
  if (consent.providerName && person.provider !== consent.providerName) {
    return { error: `${email} is not a ${PROVIDER_LABELS[consent.providerName]} account.` };
  }
  const sessionAccountId = consent.sessionId ? ctx.store.sessions.get(consent.sessionId) : undefined;
  const account = linkPerson(ctx, person, consent.linkAccountId ?? (consent.avoidLinking ? undefined : sessionAccountId));
  const sessionId = consent.sessionId ?? newSecret();
  ctx.store.sessions.set(sessionId, account.id);
  return {
    code: { subject: { kind: 'account', id: account.id }, linkingProfileId: person.profileId },
    headers: { 'Set-Cookie': `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax` },
  };
}

function authorizeAdmin(ctx: SimContext, consent: ConsentRequest, email: string): Outcome {
  const domain = [...ctx.store.enterpriseDomains.values()].find(
    (candidate) => candidate.adminEmail.toLowerCase() === email.toLowerCase(),
  );
  if (!domain) return { error: `${email || 'This account'} is not an administrator of a connected domain.` };
  const existing = [...ctx.store.serviceAccounts.values()].find((account) => account.domain === domain.domain);
  const serviceAccount = existing ?? { id: newServiceAccountId(), ...domain, delegatedScope: [] };
  serviceAccount.delegatedScope = consent.delegatedScope;
  ctx.store.serviceAccounts.set(serviceAccount.id, serviceAccount);
  return { code: { subject: { kind: 'service_account', id: serviceAccount.id } } };
}

function sessionIdFrom(request: SimRequest): string | undefined {
  const cookies = String(request.headers.cookie ?? '').split(';');
  const session = cookies.map((cookie) => cookie.trim().split('=')).find(([name]) => name === SESSION_COOKIE);
  return session?.[1];
}
