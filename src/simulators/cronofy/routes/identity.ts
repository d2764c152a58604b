// Who the token belongs to: /v1/userinfo, /v1/account, /v1/profiles, /v1/calendars, profile
// revocation and link tokens.
import { unlinkPerson } from '../accounts';
import { authenticate, authenticateAccount } from '../auth';
import type { SimContext } from '../config';
import { insufficientScope, notFound } from '../errors';
import { emptyResponse, jsonResponse, type SimRequest, type SimResponse } from '../http';
import { accountUserinfo, accountView, calendarView, profileView, serviceAccountUserinfo } from '../identity-views';
import { newSecret } from '../ids';
import type { Route } from '../router';
import { accountPeople, personByProfileId } from '../store';

const LINK_TOKEN_TTL_MS = 5 * 60 * 1000;

export const identityRoutes: Route[] = [
  { method: 'GET', pattern: '/v1/userinfo', handler: userinfo },
  { method: 'GET', pattern: '/v1/account', handler: account },
  { method: 'GET', pattern: '/v1/profiles', handler: profiles },
  { method: 'GET', pattern: '/v1/calendars', handler: calendars },
  { method: 'POST', pattern: '/v1/profiles/:profileId/revoke', handler: revokeProfile },
  { method: 'POST', pattern: '/v1/link_tokens', handler: createLinkToken },
];

function userinfo(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticate(ctx, request);
  if (caller.kind === 'app') throw insufficientScope('read_account');
  if (caller.kind === 'service_account') {
    return jsonResponse(200, serviceAccountUserinfo(caller.serviceAccount, caller.grant));
  }
  return jsonResponse(200, accountUserinfo(ctx, caller.account, caller.grant));
}

function account(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request, 'read_account');
  return jsonResponse(200, { account: accountView(caller.account) });
}

function profiles(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request);
  return jsonResponse(200, { profiles: accountPeople(ctx.store, caller.account).map((person) => profileView(ctx, person)) });
}

function calendars(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request, 'list_calendars');
  return jsonResponse(200, { calendars: accountPeople(ctx.store, caller.account).map(calendarView) });
}

function revokeProfile(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request);
  const person = personByProfileId(ctx.store, request.params.profileId);
  if (!person || person.accountId !== caller.account.id) throw notFound();
  unlinkPerson(ctx, person);
  return emptyResponse(202);
}

function createLinkToken(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request);
  const value = newSecret();
  ctx.store.linkTokens.set(value, { value, accountId: caller.account.id, expiresAt: ctx.config.clock() + LINK_TOKEN_TTL_MS });
  return jsonResponse(200, { link_token: value });
}
