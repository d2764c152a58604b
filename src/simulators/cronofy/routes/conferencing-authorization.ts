// Linking a Zoom / Teams / GoTo account to a Cronofy account: POST
// /v1/conferencing_service_authorizations returns a page URL tied to the account; the page
// redirects back with `last_linked_profile_id` or `error=access_denied`.
import { z } from 'zod';
import { authenticateAccount } from '../auth';
import { parseBody, readBody } from '../body';
import type { SimContext } from '../config';
import { PROVIDER_DISPLAY_NAMES } from '../conferencing-providers';
import { consentPage, errorPage } from '../consent-pages';
import { htmlResponse, isHttpUrl, jsonResponse, redirectResponse, withQuery, type SimRequest, type SimResponse } from '../http';
import { newProfileId, newSecret } from '../ids';
import {
  CONFERENCING_PROVIDERS,
  type ConferencingAuthorizationRequest,
  type ConferencingProfile,
  type ConferencingProvider,
} from '../model';
import type { Route } from '../router';
import { accountPeople } from '../store';

const authorizationSchema = z.object({
  redirect_uri: z.string().refine(isHttpUrl, 'must be an absolute http(s) URL'),
  provider_name: z.enum(CONFERENCING_PROVIDERS).optional(),
});

const decisionSchema = z.object({
  decision: z.enum(['allow', 'deny']),
  provider: z.enum(CONFERENCING_PROVIDERS).optional(),
});

export const conferencingAuthorizationRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/conferencing_service_authorizations', handler: requestAuthorization },
  { method: 'GET', pattern: '/conferencing_services/:token', handler: showPage },
  { method: 'POST', pattern: '/conferencing_services/:token', handler: decide },
];

function requestAuthorization(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request);
  const body = parseBody(authorizationSchema, request);
  const token = newSecret();
  ctx.store.conferencingRequests.set(token, {
    token,
    accountId: caller.account.id,
    redirectUri: body.redirect_uri,
    providerName: body.provider_name,
    used: false,
  });
  return jsonResponse(200, { authorization_request: { url: `${ctx.baseUrl}/conferencing_services/${token}` } });
}

function pendingRequest(request: SimRequest, ctx: SimContext): ConferencingAuthorizationRequest | undefined {
  const pending = ctx.store.conferencingRequests.get(request.params.token);
  return pending && !pending.used ? pending : undefined;
}

const expiredPage = () =>
  htmlResponse(404, errorPage('Link expired', 'This conferencing link has expired. Start again from the application.'));

function showPage(request: SimRequest, ctx: SimContext): SimResponse {
  const pending = pendingRequest(request, ctx);
  return pending ? htmlResponse(200, renderPage(ctx, pending)) : expiredPage();
}

function renderPage(ctx: SimContext, pending: ConferencingAuthorizationRequest, error?: string): string {
  const account = ctx.store.accounts.get(pending.accountId);
  return consentPage({
    title: 'Connect video conferencing',
    lines: [`Let this application create meetings for ${account?.email ?? 'your account'}.`],
    action: `/conferencing_services/${pending.token}`,
    hidden: {},
    providerChoice: {
      options: CONFERENCING_PROVIDERS.map((provider) => ({ value: provider, label: PROVIDER_DISPLAY_NAMES[provider] })),
      selected: pending.providerName,
    },
    error,
  });
}

function decide(request: SimRequest, ctx: SimContext): SimResponse {
  const pending = pendingRequest(request, ctx);
  const account = pending && ctx.store.accounts.get(pending.accountId);
  if (!pending || !account) return expiredPage();
  const form = decisionSchema.safeParse(readBody(request));
  if (!form.success) return htmlResponse(422, renderPage(ctx, pending, 'Choose a provider, then Allow or Deny.'));
  if (form.data.decision === 'deny') {
    pending.used = true;
    return redirectResponse(withQuery(pending.redirectUri, { error: 'access_denied' }));
  }
  const provider = form.data.provider ?? pending.providerName;
  if (!provider) return htmlResponse(422, renderPage(ctx, pending, 'Choose a provider.'));
  const holder = accountPeople(ctx.store, account).find((person) => person.conferencingAccounts.includes(provider));
  if (!holder) {
    return htmlResponse(422, renderPage(ctx, pending, `No ${PROVIDER_DISPLAY_NAMES[provider]} account exists for ${account.email}.`));
  }
  pending.used = true;
  const profileId = linkConferencingProfile(account.conferencingProfiles, provider, holder.email);
  return redirectResponse(withQuery(pending.redirectUri, { last_linked_profile_id: profileId }));
}

function linkConferencingProfile(profiles: ConferencingProfile[], provider: ConferencingProvider, profileName: string): string {
  const existing = profiles.find((profile) => profile.provider === provider);
  if (existing) {
    existing.connected = true;
    return existing.id;
  }
  const id = newProfileId();
  profiles.push({ id, provider, profileName, connected: true });
  return id;
}
