// Read-only copies of simulator state for tests and for GET /_sim/state (the browser sandbox).
import type { SimContext } from './config';
import { hasIntegratedConferencing } from './identity-views';
import type { Account, Person, SimEvent } from './model';
import { accountPeople, hasActiveGrant } from './store';
import { formatUtc } from './time-formats';
import { timeView } from './event-views';

export interface PersonSnapshot {
  email: string;
  name: string;
  zone: string;
  provider: Person['provider'];
  protocol?: Person['protocol'];
  sharedMailbox: boolean;
  profileId: string;
  calendarId: string;
  accountId?: string;
  connected: boolean;
  conferencingAccounts: Person['conferencingAccounts'];
  workingHours: Person['workingHours'];
}

export interface AccountSnapshot {
  accountId: string;
  email: string;
  name: string;
  zone: string;
  /** False once the app's authorization was revoked. */
  authorized: boolean;
  profiles: Array<{ profileId: string; calendarId: string; email: string; provider: Person['provider']; connected: boolean }>;
  conferencingProfiles: Array<{ profileId: string; provider: string; profileName: string; connected: boolean }>;
}

export interface EventSnapshot {
  calendarId: string;
  ownerEmail?: string;
  eventUid: string;
  /** Present for events the app wrote. */
  eventId?: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  tzid: string;
  deleted: boolean;
  attendees: Array<{ email: string; displayName?: string }>;
  conferencing?: {
    requestedProfileId: string;
    providerName: string;
    status: 'pending' | 'assigned' | 'failing';
    joinUrl?: string;
  };
  created: string;
  updated: string;
}

export interface TokenSnapshot {
  type: 'access' | 'refresh';
  token: string;
  /** `acc_…` or `ser_…`. */
  sub: string;
  scope: string;
  revoked: boolean;
  /** Access tokens only. */
  expired?: boolean;
  /** Refresh tokens only: replaced by a newer one. */
  rotated?: boolean;
}

export function personSnapshot(person: Person): PersonSnapshot {
  return structuredClone(person);
}

export function accountSnapshot(ctx: SimContext, account: Account): AccountSnapshot {
  return {
    accountId: account.id,
    email: account.email,
    name: account.name,
    zone: account.zone,
    authorized: hasActiveGrant(ctx.store, account.id),
    profiles: accountPeople(ctx.store, account).map((person) => ({
      profileId: person.profileId,
      calendarId: person.calendarId,
      email: person.email,
      provider: person.provider,
      connected: person.connected,
    })),
    conferencingProfiles: account.conferencingProfiles.map((profile) => ({
      profileId: profile.id,
      provider: profile.provider,
      profileName: profile.profileName,
      connected: profile.connected,
    })),
  };
}

export function eventSnapshot(ctx: SimContext, event: SimEvent): EventSnapshot {
  const owner = [...ctx.store.people.values()].find((person) => person.calendarId === event.calendarId);
  return structuredClone({
    calendarId: event.calendarId,
    ownerEmail: owner?.email,
    eventUid: event.eventUid,
    eventId: event.eventId,
    summary: event.summary,
    description: event.description,
    start: timeView(event.start),
    end: timeView(event.end),
    tzid: event.tzid,
    deleted: event.deleted,
    attendees: event.attendees,
    conferencing: event.conferencing && {
      requestedProfileId: event.conferencing.requestedProfileId,
      providerName: event.conferencing.providerName,
      status: event.conferencing.status,
      joinUrl: event.conferencing.joinUrl,
    },
    created: formatUtc(event.createdAt),
    updated: formatUtc(event.updatedAt),
  });
}

export function tokenSnapshots(ctx: SimContext): TokenSnapshot[] {
  const now = ctx.config.clock();
  const describe = (grantId: string) => {
    const grant = ctx.store.grants.get(grantId);
    return { sub: grant?.subject.id ?? '', scope: grant?.scope.join(' ') ?? '', revoked: grant?.revoked ?? true };
  };
  return [
    ...[...ctx.store.accessTokens.values()].map((token) => ({
      type: 'access' as const,
      token: token.value,
      ...describe(token.grantId),
      expired: token.expiresAt <= now,
    })),
    ...[...ctx.store.refreshTokens.values()].map((token) => ({
      type: 'refresh' as const,
      token: token.value,
      ...describe(token.grantId),
      rotated: token.rotated,
    })),
  ];
}

export function simulatorState(ctx: SimContext) {
  const people = [...ctx.store.people.values()];
  return {
    now: formatUtc(ctx.config.clock()),
    apiUrl: ctx.baseUrl,
    siteUrl: ctx.baseUrl,
    people: people.map(personSnapshot),
    accounts: [...ctx.store.accounts.values()].map((account) => accountSnapshot(ctx, account)),
    calendars: people.map((person) => ({
      calendarId: person.calendarId,
      profileId: person.profileId,
      ownerEmail: person.email,
      provider: person.provider,
      integratedConferencing: hasIntegratedConferencing(person),
    })),
    events: ctx.store.events.map((event) => eventSnapshot(ctx, event)),
  };
}
