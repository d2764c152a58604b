// Calendar and conferencing providers as Slotline names and shows them.
export const CONFERENCING_PROVIDERS = ['google_meet', 'ms_teams', 'zoom', 'go_to'] as const;
export type ConferencingProvider = (typeof CONFERENCING_PROVIDERS)[number];

/** Providers a person authorizes through Cronofy's conferencing flow (Cronofy's `provider_name` values). */
export const AUTHORIZABLE_PROVIDERS = ['zoom', 'ms_teams', 'go_to'] as const;
export type AuthorizableProvider = (typeof AUTHORIZABLE_PROVIDERS)[number];

export const CONFERENCING_LABELS: Record<ConferencingProvider, string> = {
  google_meet: 'Google Meet',
  ms_teams: 'Microsoft Teams',
  zoom: 'Zoom',
  go_to: 'GoTo Meeting',
};

/** Calendar choices offered on the Connect buttons, with the `provider_name` Cronofy preselects. */
export const CALENDAR_CHOICES = [
  { id: 'google', label: 'Google', cronofyProvider: 'google' },
  { id: 'office365', label: 'Microsoft 365', cronofyProvider: 'office365' },
  { id: 'exchange', label: 'Exchange', cronofyProvider: 'exchange' },
  { id: 'apple', label: 'iCloud', cronofyProvider: 'apple' },
] as const;
export type CalendarChoice = (typeof CALENDAR_CHOICES)[number]['id'];

export function isConferencingProvider(value: string): value is ConferencingProvider {
  return (CONFERENCING_PROVIDERS as readonly string[]).includes(value);
}

export function isAuthorizableProvider(value: string): value is AuthorizableProvider {
  return (AUTHORIZABLE_PROVIDERS as readonly string[]).includes(value);
}

/** A human label for a calendar profile, e.g. "Microsoft 365 (Exchange Web Services)". */
export function calendarLabel(providerName: string | null | undefined, protocol?: string | null): string {
  const base: Record<string, string> = { google: 'Google', office365: 'Microsoft 365', exchange: 'Exchange', apple: 'iCloud', live_connect: 'Outlook.com' };
  const label = (providerName && base[providerName]) ?? providerName ?? 'Calendar';
  if (providerName === 'office365' && protocol) return `${label} (${protocol === 'graph_api' ? 'Graph API' : 'Exchange Web Services'})`;
  return label;
}
