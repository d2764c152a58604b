// Enterprise Connect: POST /v1/service_account_authorizations (single or batch) answers 202, then
// POSTs each result, HMAC-signed, to its callback_url. A success carries a code exchangeable at
// /oauth/token with redirect_uri = that callback_url.
import { z } from 'zod';
import { linkPerson } from '../accounts';
import { authenticate } from '../auth';
import { parseValue, readBody } from '../body';
import type { SimContext } from '../config';
import { FieldErrorList, fieldError, insufficientScope } from '../errors';
import { emptyResponse, isHttpUrl, type SimRequest, type SimResponse } from '../http';
import type { CalendarProvider, ServiceAccount } from '../model';
import type { Route } from '../router';
import { expandScope, KNOWN_ACCOUNT_SCOPES, parseScope, scopeAllows } from '../scopes';
import { findPerson } from '../store';
import { issueCode } from '../tokens';

const authorizationSchema = z.object({
  email: z.email(),
  callback_url: z.string().refine(isHttpUrl, 'must be an absolute http(s) URL'),
  scope: z.string(),
  state: z.string().optional(),
});

const batchSchema = z.object({ service_account_authorizations: z.array(authorizationSchema).min(1) });

type MailboxAuthorization = z.infer<typeof authorizationSchema>;

const MANAGE_ACCOUNTS = ['service_account/accounts/manage', 'service_account/accounts/unrestricted_access'];

export const serviceAccountAuthorizationRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/service_account_authorizations', handler: authorizeMailboxes },
];

function authorizeMailboxes(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticate(ctx, request);
  if (caller.kind !== 'service_account' || !MANAGE_ACCOUNTS.some((scope) => caller.grant.scope.includes(scope))) {
    throw insufficientScope(MANAGE_ACCOUNTS[0]);
  }
  const authorizations = parseAuthorizations(readBody(request));
  checkWithinDelegatedScope(caller.serviceAccount, authorizations);
  for (const authorization of authorizations) {
    ctx.tasks.later(ctx.config.callbackDelayMs, () => {
      const result = authorizeMailbox(ctx, caller.serviceAccount, authorization);
      ctx.outbound.send(authorization.callback_url, 'service_account_authorization', { authorization: result }, 0);
    });
  }
  return emptyResponse(202);
}

function parseAuthorizations(body: unknown): MailboxAuthorization[] {
  const fields = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  if (!fields.includes('service_account_authorizations')) return [parseValue(authorizationSchema, body)];
  if (fields.some((field) => field in authorizationSchema.shape)) {
    throw fieldError('base', 'mixed_request', 'Send either one authorization or service_account_authorizations, not both');
  }
  return parseValue(batchSchema, body).service_account_authorizations;
}

function checkWithinDelegatedScope(serviceAccount: ServiceAccount, authorizations: MailboxAuthorization[]): void {
  const errors = new FieldErrorList();
  authorizations.forEach((authorization, index) => {
    const scope = parseScope(authorization.scope, KNOWN_ACCOUNT_SCOPES);
    const where = authorizations.length > 1 ? `service_account_authorizations.${index}.scope` : 'scope';
    if (!scope) {
      errors.add('scope', 'invalid', `${where} is missing or contains an unknown value`);
    } else if ([...expandScope(scope)].some((value) => !scopeAllows(serviceAccount.delegatedScope, value))) {
      errors.add('scope', 'not_within_delegated_scope', `${where} asks for more than the delegated_scope the administrator granted`);
    }
  });
  errors.throwIfAny();
}

const SAME_DIRECTORY: Record<ServiceAccount['provider'], CalendarProvider[]> = {
  google: ['google'],
  office365: ['office365', 'exchange'],
  exchange: ['office365', 'exchange'],
};

function authorizeMailbox(ctx: SimContext, serviceAccount: ServiceAccount, authorization: MailboxAuthorization) {
  const { email } = authorization;
  if (email.split('@')[1]?.toLowerCase() !== serviceAccount.domain.toLowerCase()) {
    return {
      error: 'access_denied',
      error_key: 'outside_linked_domain',
      error_description: `${email} is outside ${serviceAccount.domain}, the domain linked to this service account.`,
    };
  }
  const person = findPerson(ctx.store, email);
  if (!person || !SAME_DIRECTORY[serviceAccount.provider].includes(person.provider)) {
    return { error: 'not_found', error_key: 'mailbox_not_found', error_description: `No mailbox was found for ${email}.` };
  }
  if (person.sharedMailbox) {
    return {
      error: 'unsupported_mailbox',
      error_key: 'shared_mailbox',
      error_description: `${email} is a shared mailbox and cannot be authorized as a person.`,
    };
  }
  const account = linkPerson(ctx, person);
  const code = issueCode(ctx, {
    subject: { kind: 'account', id: account.id },
    scope: parseScope(authorization.scope, KNOWN_ACCOUNT_SCOPES) ?? [],
    redirectUri: authorization.callback_url,
    linkingProfileId: person.profileId,
  });
  return { code, ...(authorization.state !== undefined ? { state: authorization.state } : {}) };
}
