// Who can host interviews, derived from stored connection states and the company's conferencing choices. Pure.
import { CONFERENCING_PROVIDERS, type ConferencingProvider } from './providers';

export const CONNECTION_STATES = ['not_connected', 'pending', 'connected', 'disconnected'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface CalendarFacts {
  state: ConnectionState;
  reason: string | null;
  providerName: string | null;
  providerProtocol: string | null;
  integratedConferencing: boolean;
  relinkUrl: string | null;
  viaEnterpriseConnect: boolean;
  lastCheckedAt: Date | null;
}

export interface ConferencingFacts {
  provider: string;
  state: ConnectionState;
  reason: string | null;
  profileId: string | null;
  relinkUrl: string | null;
  lastCheckedAt: Date | null;
}

export type ConferencingStatus =
  /** The calendar provides it with no extra authorization (Meet on Google, Teams on 365 over Graph). */
  | 'native'
  | 'connected'
  | 'pending'
  | 'not_connected'
  | 'disconnected'
  /** Cannot be hosted by this person at all (e.g. Meet without a Google calendar, Teams from a shared mailbox). */
  | 'unavailable';

export interface ConferencingReadiness {
  provider: ConferencingProvider;
  status: ConferencingStatus;
  /** A person must authorize it before it counts (Zoom, GoTo, Teams outside Graph). */
  needsAuthorization: boolean;
  reason: string | null;
  profileId: string | null;
  relinkUrl: string | null;
}

export type MissingItem = { kind: 'calendar'; state: ConnectionState; reason: string | null } | { kind: 'conferencing'; provider: ConferencingProvider; state: ConnectionState; reason: string | null };

export interface Readiness {
  optedOut: boolean;
  calendar: CalendarFacts;
  conferencing: ConferencingReadiness[];
  missing: MissingItem[];
  /** Calendar connected and every required conferencing provider usable. */
  ready: boolean;
}

export const NOT_CONNECTED_CALENDAR: CalendarFacts = {
  state: 'not_connected',
  reason: null,
  providerName: null,
  providerProtocol: null,
  integratedConferencing: false,
  relinkUrl: null,
  viaEnterpriseConnect: false,
  lastCheckedAt: null,
};

/**
 * What the company uses: explicit providers, and/or `native` (whatever each person's calendar provides
 * by itself: Meet on Google, Teams on Microsoft 365 over Graph). Default: native plus Zoom.
 */
export type CompanyProvider = ConferencingProvider | 'native';
export const DEFAULT_COMPANY_PROVIDERS: CompanyProvider[] = ['native', 'zoom'];

export function companyProviders(setting: string | null | undefined): CompanyProvider[] {
  if (!setting) return DEFAULT_COMPANY_PROVIDERS;
  try {
    const parsed: unknown = JSON.parse(setting);
    if (Array.isArray(parsed)) {
      const known = (['native', ...CONFERENCING_PROVIDERS] as CompanyProvider[]).filter((p) => parsed.includes(p));
      if (known.length > 0) return known;
    }
  } catch {
    // an unreadable setting falls back to the default
  }
  return DEFAULT_COMPANY_PROVIDERS;
}

export function nativeProvider(calendar: CalendarFacts): ConferencingProvider | null {
  if (calendar.state !== 'connected' || !calendar.integratedConferencing) return null;
  if (calendar.providerName === 'google') return 'google_meet';
  if (calendar.providerName === 'office365' && calendar.providerProtocol !== 'exchange_web_services') return 'ms_teams';
  return null;
}

function conferencingFor(provider: ConferencingProvider, calendar: CalendarFacts, stored: ConferencingFacts | undefined): ConferencingReadiness {
  // One literal shape for every outcome (no spread): this runs for every person in a 50,000-person walk.
  const profileId = stored?.profileId ?? null;
  const relinkUrl = stored?.relinkUrl ?? null;
  if (nativeProvider(calendar) === provider) return { provider, status: 'native', needsAuthorization: false, reason: null, profileId, relinkUrl };
  if (provider === 'google_meet') {
    const reason = calendar.state === 'connected' ? 'needs_google_calendar' : 'calendar_not_connected';
    return { provider, status: 'unavailable', needsAuthorization: false, reason, profileId, relinkUrl };
  }
  // Zoom, GoTo, and Teams for anyone whose calendar does not provide it (EWS, Exchange, Google, iCloud).
  return { provider, status: stored?.state ?? 'not_connected', needsAuthorization: true, reason: stored?.reason ?? null, profileId, relinkUrl };
}

/** The stored row for a provider (the last one, should there be two). */
function storedFacts(rows: readonly ConferencingFacts[], provider: ConferencingProvider): ConferencingFacts | undefined {
  for (let i = rows.length - 1; i >= 0; i -= 1) if (rows[i].provider === provider) return rows[i];
  return undefined;
}

export function evaluateReadiness(input: {
  calendar: CalendarFacts | null;
  conferencing: ConferencingFacts[];
  companyProviders: CompanyProvider[];
  optedOut: boolean;
}): Readiness {
  const calendar = input.calendar ?? NOT_CONNECTED_CALENDAR;
  const native = nativeProvider(calendar);
  // Plain loops over these few-item lists: this runs for every person in a 50,000-person status or CSV, where
  // a Map, a Set and their intermediate arrays per person were most of what the walk allocated.
  const conferencing: ConferencingReadiness[] = [];
  for (const wanted of input.companyProviders) {
    const provider = wanted === 'native' ? native : wanted;
    if (provider === null || conferencing.some((item) => item.provider === provider)) continue;
    conferencing.push(conferencingFor(provider, calendar, storedFacts(input.conferencing, provider)));
  }
  const missing: MissingItem[] = [];
  if (calendar.state !== 'connected') missing.push({ kind: 'calendar', state: calendar.state, reason: calendar.reason });
  for (const item of conferencing) {
    if (!item.needsAuthorization) continue;
    if (item.status === 'connected' || item.status === 'native' || item.status === 'unavailable') continue;
    missing.push({ kind: 'conferencing', provider: item.provider, state: item.status as ConnectionState, reason: item.reason });
  }
  return { optedOut: input.optedOut, calendar, conferencing, missing, ready: missing.length === 0 };
}

/** Whether the person can host an interview with this provider right now. */
export function canHost(readiness: Readiness, provider: ConferencingProvider): boolean {
  if (readiness.calendar.state !== 'connected') return false;
  const item = readiness.conferencing.find((c) => c.provider === provider);
  if (item) return item.status === 'native' || item.status === 'connected';
  return nativeProvider(readiness.calendar) === provider;
}
