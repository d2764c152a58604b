// POST /oauth/token (authorization_code and refresh_token grants) and POST /oauth/token/revoke.
import { z } from 'zod';
import { revokeSubject } from '../accounts';
import { sameSecret } from '../auth';
import { readBody } from '../body';
import type { SimContext } from '../config';
import { oauthError } from '../errors';
import { emptyResponse, jsonResponse, type SimRequest, type SimResponse } from '../http';
import { accountUserinfo, linkingProfileView } from '../identity-views';
import type { Grant } from '../model';
import type { Route } from '../router';
import { personByProfileId } from '../store';
import { createGrant, issueTokens, type TokenPair } from '../tokens';

const clientSchema = z.object({ client_id: z.string(), client_secret: z.string() });

const grantSchema = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('authorization_code'), code: z.string().min(1), redirect_uri: z.string().min(1) }),
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1) }),
]);

const revokeSchema = z.object({
  token: z.string().min(1).optional(),
  sub: z.string().min(1).optional(),
  request_pii_erasure: z.union([z.boolean(), z.string()]).optional(),
});

export const oauthTokenRoutes: Route[] = [
  { method: 'POST', pattern: '/oauth/token', handler: exchangeToken },
  { method: 'POST', pattern: '/oauth/token/revoke', handler: revokeToken },
];

function authenticateClient(ctx: SimContext, body: unknown): void {
  const client = clientSchema.safeParse(body);
  if (
    !client.success ||
    client.data.client_id !== ctx.config.clientId ||
    !sameSecret(client.data.client_secret, ctx.config.clientSecret)
  ) {
    throw oauthError('invalid_client');
  }
}

function exchangeToken(request: SimRequest, ctx: SimContext): SimResponse {
  const body = readBody(request);
  authenticateClient(ctx, body);
  const grantType = (body as { grant_type?: unknown }).grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw grantType === undefined ? oauthError('invalid_request', 'grant_type is required') : oauthError('unsupported_grant_type');
  }
  const parsed = grantSchema.safeParse(body);
  if (!parsed.success) throw oauthError('invalid_request', parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  const input = parsed.data;

  if (input.grant_type === 'refresh_token') {
    const refresh = ctx.store.refreshTokens.get(input.refresh_token);
    const grant = refresh && ctx.store.grants.get(refresh.grantId);
    if (!refresh || !grant || refresh.rotated || grant.revoked) throw oauthError('invalid_grant');
    refresh.rotated = true;
    return tokenResponse(ctx, grant, issueTokens(ctx, grant));
  }

  const code = ctx.store.codes.get(input.code);
  if (!code || code.used || code.expiresAt <= ctx.config.clock() || code.redirectUri !== input.redirect_uri) {
    throw oauthError('invalid_grant');
  }
  code.used = true;
  const grant = createGrant(ctx, code.subject, code.scope);
  return tokenResponse(ctx, grant, issueTokens(ctx, grant), code.linkingProfileId);
}

function tokenResponse(ctx: SimContext, grant: Grant, tokens: TokenPair, linkingProfileId?: string): SimResponse {
  const common = {
    token_type: 'bearer',
    access_token: tokens.access.value,
    expires_in: ctx.config.accessTokenTtlSec,
    refresh_token: tokens.refresh.value,
    scope: grant.scope.join(' '),
  };
  const noStore = { 'Cache-Control': 'no-store' };
  if (grant.subject.kind === 'service_account') {
    return jsonResponse(200, { ...common, service_account_id: grant.subject.id, sub: grant.subject.id }, noStore);
  }
  const account = ctx.store.accounts.get(grant.subject.id);
  if (!account) throw oauthError('invalid_grant');
  const linkingPerson = linkingProfileId ? personByProfileId(ctx.store, linkingProfileId) : undefined;
  return jsonResponse(
    200,
    {
      ...common,
      account_id: account.id,
      sub: account.id,
      ...(linkingPerson ? { linking_profile: linkingProfileView(linkingPerson) } : {}),
      userinfo: accountUserinfo(ctx, account, grant),
    },
    noStore,
  );
}

function revokeToken(request: SimRequest, ctx: SimContext): SimResponse {
  const body = readBody(request);
  authenticateClient(ctx, body);
  const parsed = revokeSchema.safeParse(body);
  if (!parsed.success || (!parsed.data.token && !parsed.data.sub)) throw oauthError('invalid_request', 'token or sub is required');
  const { token, sub } = parsed.data;
  if (token) {
    const tokenRecord = ctx.store.accessTokens.get(token) ?? ctx.store.refreshTokens.get(token);
    const grant = tokenRecord && ctx.store.grants.get(tokenRecord.grantId);
    if (grant) revokeSubject(ctx, grant.subject);
  }
  if (sub) revokeSubject(ctx, { kind: sub.startsWith('ser_') ? 'service_account' : 'account', id: sub });
  // RFC 7009: unknown tokens are not an error, so the client cannot probe which tokens exist.
  return emptyResponse(200);
}
