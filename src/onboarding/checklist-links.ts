// Issues the short, signed, single-use links behind a checklist's Connect buttons (PUBLIC_URL/l/<token>).
import type { LinkRequest, LinkService } from '../links/link-service';
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
  // Every button's link in one write: a reminder campaign issues these for thousands of people in a row.
  const requests: Array<LinkRequest & { put(url: string): void }> = [];
  const calendar: Record<string, string> = {};
  const conferencing: ChecklistLinks['conferencing'] = {};
  if (calendarAction.kind === 'choose') {
    for (const choice of calendarAction.choices) requests.push({ purpose: 'calendar_connect', provider: choice.cronofyProvider, put: (url) => (calendar[choice.id] = url) });
  } else if (calendarAction.kind === 'relink') {
    requests.push({ purpose: 'calendar_connect', provider: calendarAction.choice.cronofyProvider, data: { relink: true }, put: (url) => (calendar.relink = url) });
  } else if (calendarAction.kind === 'sync') {
    requests.push({ purpose: 'calendar_sync', put: (url) => (calendar.sync = url) });
  }
  // Cronofy ties conferencing to the calendar account, so these only work once the calendar is connected.
  if (readiness.calendar.state === 'connected') {
    for (const provider of providersToAuthorize(readiness)) requests.push({ purpose: 'conferencing_connect', provider, put: (url) => (conferencing[provider] = url) });
  }
  const issued = await links.issueMany({
    workspaceId,
    slackUserId,
    links: requests.map(({ purpose, provider, data }) => ({ purpose, provider, data })),
    ttlMinutes: CHECKLIST_LINK_TTL_DAYS * 24 * 60,
    path: CONNECT_LINK_PATH,
  });
  requests.forEach((request, i) => request.put(issued[i].url));
  return { calendar, conferencing };
}
