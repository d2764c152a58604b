// What differs between video-conferencing providers: display names and the shape of their join URLs.
import { randomUUID } from 'node:crypto';
import { randomDigits, randomText } from './ids';
import type { ConferencingProvider } from './model';

/** Providers a conference can come from: linked accounts plus Google Meet, which is only integrated. */
export type MeetingProvider = ConferencingProvider | 'google_meet';

export const PROVIDER_DISPLAY_NAMES: Record<MeetingProvider, string> = {
  zoom: 'Zoom',
  ms_teams: 'Microsoft Teams',
  go_to: 'GoTo Meeting',
  google_meet: 'Google Meet',
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const JOIN_URLS: Record<MeetingProvider, () => string> = {
  zoom: () => `https://us05web.zoom.us/j/${randomDigits(11)}?pwd=${randomText(32, ALPHANUMERIC)}`,
  ms_teams: () =>
    `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomText(48, ALPHANUMERIC)}%40thread.v2/0` +
    `?context=%7b%22Tid%22%3a%22${randomUUID()}%22%2c%22Oid%22%3a%22${randomUUID()}%22%7d`,
  go_to: () => `https://meet.goto.com/${randomDigits(9)}`,
  google_meet: () => `https://meet.google.com/${randomText(3, LETTERS)}-${randomText(4, LETTERS)}-${randomText(3, LETTERS)}`,
};

export function newJoinUrl(provider: MeetingProvider): string {
  return JOIN_URLS[provider]();
}
