// Authorization codes, grants and the access/refresh token pairs issued for them.
import type { SimContext } from './config';
import { newGrantId, newSecret } from './ids';
import type { AccessToken, AuthorizationCode, Grant, RefreshToken, Subject } from './model';

const CODE_TTL_MS = 10 * 60 * 1000;

export type NewCode = Pick<AuthorizationCode, 'subject' | 'scope' | 'redirectUri' | 'linkingProfileId'>;

export function issueCode(ctx: SimContext, code: NewCode): string {
  const value = newSecret();
  ctx.store.codes.set(value, { ...code, value, expiresAt: ctx.config.clock() + CODE_TTL_MS, used: false });
  return value;
}

export function createGrant(ctx: SimContext, subject: Subject, scope: string[]): Grant {
  const grant: Grant = { id: newGrantId(), subject, scope, revoked: false };
  ctx.store.grants.set(grant.id, grant);
  return grant;
}

export interface TokenPair {
  access: AccessToken;
  refresh: RefreshToken;
}

export function issueTokens(ctx: SimContext, grant: Grant): TokenPair {
  const access: AccessToken = {
    value: newSecret(),
    grantId: grant.id,
    expiresAt: ctx.config.clock() + ctx.config.accessTokenTtlSec * 1000,
  };
  const refresh: RefreshToken = { value: newSecret(), grantId: grant.id, rotated: false };
  ctx.store.accessTokens.set(access.value, access);
  ctx.store.refreshTokens.set(refresh.value, refresh);
  return { access, refresh };
}
