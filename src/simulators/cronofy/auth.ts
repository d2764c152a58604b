// Resolves the bearer token of an API request to the app (API key), an account or a service account.
import { timingSafeEqual } from 'node:crypto';
import type { SimContext } from './config';
import { insufficientScope, invalidToken, locked } from './errors';
import type { SimRequest } from './http';
import type { Account, Grant, Person, ServiceAccount } from './model';
import { scopeAllows } from './scopes';

export type Caller =
  | { kind: 'app' }
  | { kind: 'account'; account: Account; grant: Grant }
  | { kind: 'service_account'; serviceAccount: ServiceAccount; grant: Grant };

export function authenticate(ctx: SimContext, request: SimRequest): Caller {
  const header = String(request.headers.authorization ?? '');
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) throw invalidToken('No access token was given');
  if (sameSecret(token, ctx.config.clientSecret)) return { kind: 'app' };

  const accessToken = ctx.store.accessTokens.get(token);
  const grant = accessToken && ctx.store.grants.get(accessToken.grantId);
  if (!accessToken || !grant) throw invalidToken('The access token is not recognised');
  if (grant.revoked) throw invalidToken('The access token has been revoked');
  if (accessToken.expiresAt <= ctx.config.clock()) throw invalidToken('The access token expired');

  if (grant.subject.kind === 'service_account') {
    const serviceAccount = ctx.store.serviceAccounts.get(grant.subject.id);
    if (!serviceAccount) throw invalidToken('The service account no longer exists');
    return { kind: 'service_account', serviceAccount, grant };
  }
  const account = ctx.store.accounts.get(grant.subject.id);
  if (!account) throw invalidToken('The account no longer exists');
  return { kind: 'account', account, grant };
}

export type AccountCaller = Extract<Caller, { kind: 'account' }>;

/** An account token, optionally carrying `scope`; service-account tokens and the API key are refused. */
export function authenticateAccount(ctx: SimContext, request: SimRequest, scope?: string): AccountCaller {
  const caller = authenticate(ctx, request);
  if (caller.kind !== 'account') throw insufficientScope(scope ?? 'read_account');
  if (scope && !scopeAllows(caller.grant.scope, scope)) throw insufficientScope(scope);
  return caller;
}

/** Calendar operations need working provider credentials for the calendar's profile. */
export function requireConnected(person: Person): void {
  if (!person.connected) throw locked();
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
