// Tallies a workspace's readiness in the same pass that lists people, so every number agrees with the list and the CSV.
// Pure: feed it evaluated people, read the summary.
import type { EmployeeReadiness } from '../readiness/load-readiness';
import { calendarLabel, type ConferencingProvider } from '../readiness/providers';
import type { CompanyProvider, ConferencingStatus } from '../readiness/readiness';
import { bucketOf, matchesFilter, STATUS_FILTERS, type StatusFilter } from './person-status';

export type StatusTally = Record<ConferencingStatus, number>;

export interface ProviderSummary {
  provider: CompanyProvider;
  /** Hosts who can use it right now (connected, or provided by their calendar). */
  usable: number;
  /** Hosts by status; hosts it does not apply to (another calendar's native provider) are left out. */
  statuses: StatusTally;
}

export interface ReadinessSummary {
  /** Active employees. */
  people: number;
  /** People who host interviews (everyone not opted out): ready + missing. */
  hosts: number;
  ready: number;
  missing: number;
  optedOut: number;
  /** Hosts with something disconnected / pending. */
  disconnected: number;
  pending: number;
  calendar: {
    connected: number;
    pending: number;
    disconnected: number;
    notConnected: number;
    viaEnterpriseConnect: number;
    /** Connected calendars by provider and protocol, e.g. "Microsoft 365 (Graph API)", most first. */
    byProvider: Array<{ label: string; count: number }>;
    googleWithMeet: number;
    exchangeWebServices: number;
    exchangeWebServicesWithTeams: number;
  };
  providers: ProviderSummary[];
  /** How many people each status filter would list. */
  filters: Record<StatusFilter, number>;
}

const emptyTally = (): StatusTally => ({ native: 0, connected: 0, pending: 0, not_connected: 0, disconnected: 0, unavailable: 0 });

export interface SummaryAccumulator {
  add(person: EmployeeReadiness): void;
  result(): ReadinessSummary;
}

export function createSummaryAccumulator(companyProviders: readonly CompanyProvider[]): SummaryAccumulator {
  const s = {
    people: 0,
    ready: 0,
    missing: 0,
    optedOut: 0,
    disconnected: 0,
    pending: 0,
    calendar: { connected: 0, pending: 0, disconnected: 0, notConnected: 0, viaEnterpriseConnect: 0, googleWithMeet: 0, exchangeWebServices: 0, exchangeWebServicesWithTeams: 0 },
  };
  const byProvider = new Map<string, number>();
  const providers = companyProviders.map((provider) => ({ provider, usable: 0, statuses: emptyTally() }));
  const filters = Object.fromEntries(STATUS_FILTERS.map((f) => [f, 0])) as Record<StatusFilter, number>;

  return {
    add(person) {
      const { readiness } = person;
      s.people += 1;
      for (const filter of STATUS_FILTERS) if (matchesFilter(person, filter)) filters[filter] += 1;
      const bucket = bucketOf(readiness);
      if (bucket === 'opted_out') {
        s.optedOut += 1;
        return;
      }
      if (bucket === 'ready') s.ready += 1;
      else s.missing += 1;
      if (readiness.missing.some((m) => m.state === 'disconnected')) s.disconnected += 1;
      if (readiness.missing.some((m) => m.state === 'pending')) s.pending += 1;

      const { calendar } = readiness;
      if (calendar.state === 'connected') {
        s.calendar.connected += 1;
        const label = calendarLabel(calendar.providerName, calendar.providerProtocol);
        byProvider.set(label, (byProvider.get(label) ?? 0) + 1);
        if (calendar.providerName === 'google' && calendar.integratedConferencing) s.calendar.googleWithMeet += 1;
        if (calendar.providerProtocol === 'exchange_web_services') {
          s.calendar.exchangeWebServices += 1;
          if (readiness.conferencing.some((c) => c.provider === 'ms_teams' && c.status === 'connected')) s.calendar.exchangeWebServicesWithTeams += 1;
        }
      } else if (calendar.state === 'pending') s.calendar.pending += 1;
      else if (calendar.state === 'disconnected') s.calendar.disconnected += 1;
      else s.calendar.notConnected += 1;
      if (calendar.state === 'connected' && calendar.viaEnterpriseConnect) s.calendar.viaEnterpriseConnect += 1;

      for (const tally of providers) {
        if (tally.provider === 'native') {
          const native = readiness.conferencing.find((c) => c.status === 'native');
          if (native) {
            tally.usable += 1;
            tally.statuses.native += 1;
          } else tally.statuses.unavailable += 1;
          continue;
        }
        const item = readiness.conferencing.find((c) => c.provider === (tally.provider as ConferencingProvider));
        if (!item) continue;
        tally.statuses[item.status] += 1;
        if (item.status === 'native' || item.status === 'connected') tally.usable += 1;
      }
    },

    result() {
      return {
        ...s,
        hosts: s.ready + s.missing,
        calendar: { ...s.calendar, byProvider: [...byProvider].map(([label, n]) => ({ label, count: n })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)) },
        providers: providers.map((p) => ({ ...p, statuses: { ...p.statuses } })),
        filters: { ...filters },
      };
    },
  };
}
