// The records the simulator keeps in memory, shaped after Cronofy's own concepts.
import type { WorkingHours } from './working-hours';

export const CALENDAR_PROVIDERS = ['google', 'office365', 'exchange', 'apple', 'live_connect'] as const;
export type CalendarProvider = (typeof CALENDAR_PROVIDERS)[number];

export const OFFICE365_PROTOCOLS = ['graph_api', 'exchange_web_services'] as const;
export type Office365Protocol = (typeof OFFICE365_PROTOCOLS)[number];

export const CONFERENCING_PROVIDERS = ['zoom', 'ms_teams', 'go_to'] as const;
export type ConferencingProvider = (typeof CONFERENCING_PROVIDERS)[number];

export const ENTERPRISE_PROVIDERS = ['google', 'office365', 'exchange'] as const;
export type EnterpriseProvider = (typeof ENTERPRISE_PROVIDERS)[number];

/** Someone who can sign in at a calendar provider, with the Cronofy profile their calendar becomes. */
export interface Person {
  email: string;
  name: string;
  zone: string;
  provider: CalendarProvider;
  protocol?: Office365Protocol;
  sharedMailbox: boolean;
  workingHours: WorkingHours;
  conferencingAccounts: ConferencingProvider[];
  profileId: string;
  calendarId: string;
  accountId?: string;
  connected: boolean;
}

export interface ConferencingProfile {
  id: string;
  provider: ConferencingProvider;
  profileName: string;
  connected: boolean;
}

export interface Account {
  id: string;
  /** Taken from the person who created the account. */
  email: string;
  name: string;
  zone: string;
  /** Linked people, one calendar profile each. */
  personEmails: string[];
  conferencingProfiles: ConferencingProfile[];
}

export interface EnterpriseDomain {
  domain: string;
  provider: EnterpriseProvider;
  adminEmail: string;
}

export interface ServiceAccount {
  id: string;
  domain: string;
  provider: EnterpriseProvider;
  adminEmail: string;
  delegatedScope: string[];
}

export type Subject = { kind: 'account'; id: string } | { kind: 'service_account'; id: string };

/** One authorization of the app by an account or service account; tokens hang off it. */
export interface Grant {
  id: string;
  subject: Subject;
  scope: string[];
  revoked: boolean;
}

export interface AccessToken {
  value: string;
  grantId: string;
  expiresAt: number;
}

export interface RefreshToken {
  value: string;
  grantId: string;
  rotated: boolean;
}

export interface AuthorizationCode {
  value: string;
  subject: Subject;
  scope: string[];
  redirectUri: string;
  expiresAt: number;
  used: boolean;
  linkingProfileId?: string;
}

/** An instant; all-day events also keep their date. */
export interface EventTime {
  ms: number;
  date?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
}

export interface EventSubscription {
  uri: string;
  interactions: string[];
}

export interface EventConferencing {
  requestedProfileId: string;
  providerName: string;
  status: 'pending' | 'assigned' | 'failing';
  joinUrl?: string;
  providerDescription?: string;
}

export interface SimEvent {
  calendarId: string;
  eventUid: string;
  /** Set for events the app wrote ("managed"); absent for the person's own events. */
  eventId?: string;
  summary: string;
  description: string;
  start: EventTime;
  end: EventTime;
  tzid: string;
  location?: { description?: string; lat?: string; long?: string };
  attendees: Attendee[];
  transparency: 'opaque' | 'transparent';
  url?: string;
  deleted: boolean;
  createdAt: number;
  updatedAt: number;
  conferencing?: EventConferencing;
  subscriptions: EventSubscription[];
}

export interface ChannelFilters {
  calendar_ids?: string[];
  only_managed?: boolean;
}

export interface Channel {
  id: string;
  accountId: string;
  callbackUrl: string;
  filters: ChannelFilters;
}

export type ConsentKind = 'individual' | 'enterprise';

/** An authorize page the browser has opened and not yet answered. */
export interface ConsentRequest {
  id: string;
  kind: ConsentKind;
  redirectUri: string;
  scope: string[];
  delegatedScope: string[];
  state?: string;
  providerName?: CalendarProvider;
  avoidLinking: boolean;
  linkAccountId?: string;
  sessionId?: string;
  expiresAt: number;
}

export interface ConferencingAuthorizationRequest {
  token: string;
  accountId: string;
  redirectUri: string;
  providerName?: ConferencingProvider;
  used: boolean;
}

export interface LinkToken {
  value: string;
  accountId: string;
  expiresAt: number;
}

/** One later page of a paged listing, reachable at its `next_page` URL. */
export interface StoredPage {
  accountId: string;
  listKey: PagedList;
  pages: unknown[][];
  /** Zero-based index into `pages`. */
  index: number;
  /** Token of the page after this one. */
  nextToken?: string;
}

export type PagedList = 'events' | 'free_busy';
