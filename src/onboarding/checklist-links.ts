// Issues the short, signed, single-use links behind a checklist's Connect buttons (PUBLIC_URL/l/<token>).
import type { LinkService } from '../links/link-service';
import { isAuthorizableProvider, type AuthorizableProvider } from '../readiness/providers';
import type { Readiness } from '../readiness/readiness';
import type { CalendarAction } from './calendar-action';

/** How long a button in a DM or the Home tab keeps working; Refresh issues new ones. */
export const CHECKLIST_LINK_TTL_DAYS = 7;
export const CONNECT_LINK_PATH = '/l';

export interface ChecklistLinks {
  /** Calendar choice id (google, office365…), `relink` or `sync` → URL. */
  calendar: Record<string, string>;
  conferencing: Partial<Record<AuthorizableProvider, string>>;
}

/** Conferencing providers the person still has to authorize themselves (Zoom, GoTo, Teams outside Graph). */
export function providersToAuthorize(readiness: Readiness): AuthorizableProvider[] {
  return readiness.conferencing
    .filter((item) => item.needsAuthorization && item.status !== 'connected' && item.status !== 'native' && item.status !== 'unavailable')
    .map((item) => item.provider)
    .filter(isAuthorizableProvider);
}

export async function issueChecklistLinks(
  links: LinkService,
  options: { workspaceId: string; slackUserId: string; readiness: Readiness; calendarAction: CalendarAction },
): Promise<ChecklistLinks> {
  const { workspaceId, slackUserId, readiness, calendarAction } = options;
  const ttlMinutes = CHECKLIST_LINK_TTL_DAYS * 24 * 60;
  const issue = async (purpose: 'calendar_connect' | 'conferencing_connect' | 'calendar_sync', provider?: string, data?: Record<string, unknown>) =>
    (await links.issue({ workspaceId, slackUserId, purpose, provider, data, ttlMinutes, path: CONNECT_LINK_PATH })).url;

  const calendar: Record<string, string> = {};
  if (calendarAction.kind === 'choose') {
    for (const choice of calendarAction.choices) calendar[choice.id] = await issue('calendar_connect', choice.cronofyProvider);
  } else if (calendarAction.kind === 'relink') {
    calendar.relink = await issue('calendar_connect', calendarAction.choice.cronofyProvider, { relink: true });
  } else if (calendarAction.kind === 'sync') {
    calendar.sync = await issue('calendar_sync');
  }

  const conferencing: ChecklistLinks['conferencing'] = {};
  // Cronofy ties conferencing to the calendar account, so these only work once the calendar is connected.
  if (readiness.calendar.state === 'connected') {
    for (const provider of providersToAuthorize(readiness)) conferencing[provider] = await issue('conferencing_connect', provider);
  }
  return { calendar, conferencing };
}
