// Cronofy's scope vocabulary: granular and simplified account scopes, and service-account powers.

const ACCOUNT_SCOPES = [
  'read_account',
  'list_calendars',
  'read_events',
  'create_event',
  'delete_event',
  'read_free_busy',
  'create_calendar',
  'change_participation_status',
  'free_busy_write',
] as const;

const SIMPLIFIED_SCOPES: Record<string, readonly string[]> = {
  read_write: ACCOUNT_SCOPES,
  read_only: ['read_account', 'list_calendars', 'read_events', 'read_free_busy'],
  free_busy: ['read_account', 'list_calendars', 'read_free_busy'],
};

/** Scopes that grant another one without naming it. */
const IMPLIED_SCOPES: Record<string, readonly string[]> = {
  read_events: ['read_free_busy'],
};

export const SERVICE_ACCOUNT_SCOPES = [
  'service_account/accounts/manage',
  'service_account/accounts/unrestricted_access',
  'service_account/resources/manage',
  'service_account/resources/unrestricted_access',
] as const;

/** Splits a space-separated scope; undefined when empty or any value is outside `known`. */
export function parseScope(text: string | undefined, known: readonly string[]): string[] | undefined {
  const values = (text ?? '').split(/\s+/).filter(Boolean);
  if (values.length === 0 || values.some((value) => !known.includes(value))) return undefined;
  return [...new Set(values)];
}

export const KNOWN_ACCOUNT_SCOPES = [...ACCOUNT_SCOPES, ...Object.keys(SIMPLIFIED_SCOPES)];

export function expandScope(scope: readonly string[]): Set<string> {
  const granted = new Set<string>();
  for (const value of scope.flatMap((s) => SIMPLIFIED_SCOPES[s] ?? [s])) {
    granted.add(value);
    for (const implied of IMPLIED_SCOPES[value] ?? []) granted.add(implied);
  }
  return granted;
}

export function scopeAllows(scope: readonly string[], needed: string): boolean {
  return expandScope(scope).has(needed);
}
