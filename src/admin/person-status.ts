// How one person's readiness reads to an admin: their bucket, what is missing and why, and the status filters.
import { z } from 'zod';
import { enterpriseReasonLabel } from '../enterprise/failure-reasons';
import type { EmployeeReadiness } from '../readiness/load-readiness';
import { CONFERENCING_LABELS, CONFERENCING_PROVIDERS, type ConferencingProvider } from '../readiness/providers';
import type { MissingItem, Readiness } from '../readiness/readiness';

/** Every person is in exactly one bucket, so the summary's numbers always add up to the head count. */
export type PersonBucket = 'ready' | 'missing' | 'opted_out';

export function bucketOf(readiness: Readiness): PersonBucket {
  if (readiness.optedOut) return 'opted_out';
  return readiness.ready ? 'ready' : 'missing';
}

const REASONS: Record<string, string> = {
  authorization_revoked: 'access was revoked',
  authorization_expired: 'access expired',
  provider_credentials_lost: 'the provider no longer accepts its credentials',
  profile_disconnected: 'the account was disconnected',
  profile_removed: 'the account was unlinked',
  no_calendar_profile: 'no calendar was found',
  no_writable_calendar: 'no writable calendar',
  needs_google_calendar: 'needs a Google calendar',
  calendar_not_connected: 'calendar not connected',
};

/** A stored reason code as words; unknown codes (new ones from Cronofy or other features) stay readable. */
export function reasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return REASONS[reason] ?? enterpriseReasonLabel(reason) ?? reason.replace(/_/g, ' ');
}

const STATE_PHRASES = { not_connected: 'not connected', pending: 'pending', disconnected: 'disconnected', connected: 'connected' } as const;

export function missingLabel(item: MissingItem): string {
  const why = reasonLabel(item.reason);
  if (item.kind === 'calendar') {
    const phrase = item.state === 'pending' ? 'connection pending' : STATE_PHRASES[item.state];
    return `Calendar ${phrase}${why ? ` (${why})` : ''}`;
  }
  const provider = CONFERENCING_LABELS[item.provider];
  const phrase = item.state === 'not_connected' ? 'not authorized' : item.state === 'pending' ? 'authorization pending' : STATE_PHRASES[item.state];
  return `${provider} ${phrase}${why ? ` (${why})` : ''}`;
}

/** The short machine form the CSV carries, e.g. `calendar:disconnected(authorization_revoked)`. */
export function missingCode(item: MissingItem): string {
  const what = item.kind === 'calendar' ? 'calendar' : item.provider;
  return `${what}:${item.state}${item.reason ? `(${item.reason})` : ''}`;
}

export const STATUS_FILTERS = ['missing', 'calendar', 'disconnected', 'pending', 'opted_out', ...CONFERENCING_PROVIDERS.map((p) => `p:${p}` as const)] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const statusFilterSchema = z.enum(STATUS_FILTERS);

export function filterLabel(filter: StatusFilter): string {
  switch (filter) {
    case 'missing':
      return 'Missing something';
    case 'calendar':
      return 'Calendar not ready';
    case 'disconnected':
      return 'Something disconnected';
    case 'pending':
      return 'Something pending';
    case 'opted_out':
      return 'Opted out';
    default:
      return `${CONFERENCING_LABELS[filter.slice(2) as ConferencingProvider]} missing`;
  }
}

export function matchesFilter(person: EmployeeReadiness, filter: StatusFilter): boolean {
  const { readiness } = person;
  const bucket = bucketOf(readiness);
  if (filter === 'opted_out') return bucket === 'opted_out';
  if (bucket !== 'missing') return false;
  switch (filter) {
    case 'missing':
      return true;
    case 'calendar':
      return readiness.missing.some((m) => m.kind === 'calendar');
    case 'disconnected':
      return readiness.missing.some((m) => m.state === 'disconnected');
    case 'pending':
      return readiness.missing.some((m) => m.state === 'pending');
    default: {
      const provider = filter.slice(2);
      return readiness.missing.some((m) => m.kind === 'conferencing' && m.provider === provider);
    }
  }
}
