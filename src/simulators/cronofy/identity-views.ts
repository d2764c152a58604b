// Wire shapes of accounts, profiles, calendars and userinfo (reference §2).
import type { SimContext } from './config';
import type { Account, CalendarProvider, ConferencingProfile, Grant, Person, ServiceAccount } from './model';
import { accountPeople } from './store';

const PROVIDER_SERVICES: Record<CalendarProvider, string> = {
  google: 'gsuite',
  office365: 'office365',
  exchange: 'exchange',
  apple: 'icloud',
  live_connect: 'outlook_com',
};

const CALENDAR_NAMES: Record<CalendarProvider, (person: Person) => string> = {
  google: (person) => person.email,
  office365: () => 'Calendar',
  exchange: () => 'Calendar',
  apple: () => 'Home',
  live_connect: () => 'Calendar',
};

/** Meet for Google, Teams for Microsoft 365 over Graph; never for shared mailboxes. */
export function hasIntegratedConferencing(person: Person): boolean {
  if (person.sharedMailbox) return false;
  return person.provider === 'google' || (person.provider === 'office365' && person.protocol === 'graph_api');
}

function relinkUrl(ctx: SimContext, person: Person): string {
  return `${ctx.baseUrl}/relink/${person.profileId}`;
}

export function profileView(ctx: SimContext, person: Person) {
  return {
    provider_name: person.provider,
    provider_service: PROVIDER_SERVICES[person.provider],
    ...(person.protocol ? { provider_protocol: person.protocol } : {}),
    ...(person.protocol === 'exchange_web_services'
      ? { graph_api_migration_url: `${ctx.baseUrl}/graph_api_migration/${person.profileId}` }
      : {}),
    profile_id: person.profileId,
    profile_name: person.email,
    profile_connected: person.connected,
    ...(person.connected ? {} : { profile_relink_url: relinkUrl(ctx, person) }),
  };
}

function calendarFields(person: Person) {
  return {
    calendar_id: person.calendarId,
    calendar_name: CALENDAR_NAMES[person.provider](person),
    calendar_readonly: false,
    calendar_deleted: false,
    calendar_primary: true,
    calendar_integrated_conferencing_available: hasIntegratedConferencing(person),
    calendar_attachments_available: false,
    permission_level: 'unrestricted',
  };
}

export function calendarView(person: Person) {
  return {
    provider_name: person.provider,
    profile_id: person.profileId,
    profile_name: person.email,
    ...calendarFields(person),
  };
}

function conferencingProfileView(profile: ConferencingProfile) {
  return {
    provider_name: profile.provider,
    profile_id: profile.id,
    profile_name: profile.profileName,
    profile_connected: profile.connected,
  };
}

export function accountUserinfo(ctx: SimContext, account: Account, grant: Grant) {
  return {
    sub: account.id,
    email: account.email,
    name: account.name,
    zoneinfo: account.zone,
    'cronofy.type': 'account',
    'cronofy.data': {
      authorization: { scope: grant.scope.join(' '), status: 'active' },
      profiles: accountPeople(ctx.store, account).map((person) => ({
        ...profileView(ctx, person),
        profile_initial_sync_required: false,
        profile_calendars: [calendarFields(person)],
      })),
      ...(account.conferencingProfiles.length > 0
        ? { conferencing_profiles: account.conferencingProfiles.map(conferencingProfileView) }
        : {}),
    },
  };
}

export function serviceAccountUserinfo(serviceAccount: ServiceAccount, grant: Grant) {
  return {
    sub: serviceAccount.id,
    email: serviceAccount.adminEmail,
    'cronofy.type': 'service_account',
    'cronofy.data': {
      authorization: {
        scope: grant.scope.join(' '),
        status: 'active',
        delegated_scope: serviceAccount.delegatedScope.join(' '),
      },
      service_account: { provider_name: serviceAccount.provider, domain: serviceAccount.domain },
    },
  };
}

export function linkingProfileView(person: Person) {
  return {
    provider_name: person.provider,
    provider_service: PROVIDER_SERVICES[person.provider],
    profile_id: person.profileId,
    profile_name: person.email,
  };
}

export function accountView(account: Account) {
  return { account_id: account.id, email: account.email, name: account.name, default_tzid: account.zone };
}
