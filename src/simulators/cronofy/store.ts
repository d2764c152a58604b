// All simulator state in one place, plus the lookups every route needs.
import type {
  AccessToken,
  Account,
  AuthorizationCode,
  Channel,
  ConferencingAuthorizationRequest,
  ConsentRequest,
  EnterpriseDomain,
  Grant,
  LinkToken,
  Person,
  RefreshToken,
  ServiceAccount,
  SimEvent,
  StoredPage,
} from './model';

export function createStore() {
  return {
    /** Keyed by lower-cased email. */
    people: new Map<string, Person>(),
    accounts: new Map<string, Account>(),
    /** Keyed by lower-cased domain. */
    enterpriseDomains: new Map<string, EnterpriseDomain>(),
    serviceAccounts: new Map<string, ServiceAccount>(),
    grants: new Map<string, Grant>(),
    accessTokens: new Map<string, AccessToken>(),
    refreshTokens: new Map<string, RefreshToken>(),
    codes: new Map<string, AuthorizationCode>(),
    events: [] as SimEvent[],
    channels: new Map<string, Channel>(),
    consentRequests: new Map<string, ConsentRequest>(),
    conferencingRequests: new Map<string, ConferencingAuthorizationRequest>(),
    linkTokens: new Map<string, LinkToken>(),
    /** Browser session id → the account last authorized in that browser. */
    sessions: new Map<string, string>(),
    /** `next_page` token → page. */
    pages: new Map<string, StoredPage>(),
  };
}

export type Store = ReturnType<typeof createStore>;

export function findPerson(store: Store, email: string): Person | undefined {
  return store.people.get(email.trim().toLowerCase());
}

export function personByProfileId(store: Store, profileId: string): Person | undefined {
  return [...store.people.values()].find((person) => person.profileId === profileId);
}

export function personByCalendarId(store: Store, calendarId: string): Person | undefined {
  return [...store.people.values()].find((person) => person.calendarId === calendarId);
}

export function accountPeople(store: Store, account: Account): Person[] {
  return account.personEmails.flatMap((email) => findPerson(store, email) ?? []);
}

export function hasActiveGrant(store: Store, accountId: string): boolean {
  return [...store.grants.values()].some(
    (grant) => !grant.revoked && grant.subject.kind === 'account' && grant.subject.id === accountId,
  );
}
