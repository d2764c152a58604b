// The video choices a recruiter picks from, and which Cronofy conferencing request each one becomes for an organizer.
import { CONFERENCING_LABELS, type ConferencingProvider } from '../readiness/providers';
import { canHost, nativeProvider, type Readiness } from '../readiness/readiness';

export const VIDEO_CHOICES = ['auto', 'google_meet', 'ms_teams', 'zoom', 'go_to', 'none'] as const;
export type VideoChoice = (typeof VIDEO_CHOICES)[number];

export const VIDEO_LABELS: Record<VideoChoice, string> = {
  auto: 'Auto (the organizer’s default)',
  google_meet: CONFERENCING_LABELS.google_meet,
  ms_teams: CONFERENCING_LABELS.ms_teams,
  zoom: CONFERENCING_LABELS.zoom,
  go_to: CONFERENCING_LABELS.go_to,
  none: 'No video',
};

export function isVideoChoice(value: unknown): value is VideoChoice {
  return typeof value === 'string' && (VIDEO_CHOICES as readonly string[]).includes(value);
}

/**
 * Which providers to evaluate an organizer's readiness against: the chosen one, every provider for Auto
 * (Cronofy's `default` takes whichever the organizer has), none for No video.
 */
export function providersToCheck(choice: VideoChoice): Array<ConferencingProvider | 'native'> {
  if (choice === 'none') return ['native'];
  if (choice === 'auto') return ['native', 'zoom', 'ms_teams', 'go_to'];
  return [choice];
}

export type Hosting =
  | { ok: true; conferencing: { profile_id: string } | null; provider: ConferencingProvider | null }
  | { ok: false; reason: 'calendar' | 'needs_google' | 'needs_authorization' | 'nothing_to_host'; provider: ConferencingProvider | null };

/**
 * How the organizer's calendar gets this video: the calendar's own Meet/Teams (`integrated`), a linked
 * Zoom/GoTo/Teams profile (its `pro_…` id), Cronofy's `default` for Auto, or no conferencing at all.
 * `readiness` must be evaluated against `providersToCheck(choice)`.
 */
export function hostingFor(choice: VideoChoice, readiness: Readiness): Hosting {
  if (readiness.calendar.state !== 'connected') return { ok: false, reason: 'calendar', provider: null };
  if (choice === 'none') return { ok: true, conferencing: null, provider: null };
  if (choice === 'auto') {
    const usable = readiness.conferencing.find((c) => c.status === 'native' || c.status === 'connected');
    return usable ? { ok: true, conferencing: { profile_id: 'default' }, provider: null } : { ok: false, reason: 'nothing_to_host', provider: null };
  }
  if (!canHost(readiness, choice)) {
    return { ok: false, reason: choice === 'google_meet' ? 'needs_google' : 'needs_authorization', provider: choice };
  }
  if (nativeProvider(readiness.calendar) === choice) return { ok: true, conferencing: { profile_id: 'integrated' }, provider: choice };
  const profileId = readiness.conferencing.find((c) => c.provider === choice)?.profileId;
  if (!profileId) return { ok: false, reason: 'needs_authorization', provider: choice };
  return { ok: true, conferencing: { profile_id: profileId }, provider: choice };
}
