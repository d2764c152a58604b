// GET /v1/events and GET /v1/free_busy, with their `next_page` URLs.
import { authenticateAccount, type AccountCaller } from '../auth';
import type { SimContext } from '../config';
import { FieldErrorList, locked } from '../errors';
import { eventView, timeView } from '../event-views';
import { jsonResponse, type SimRequest, type SimResponse } from '../http';
import type { PagedList, SimEvent } from '../model';
import { firstPage, storedPage } from '../paging';
import type { Route } from '../router';
import { accountPeople } from '../store';
import { isValidZone, parseDateOrInstant, parseInstant } from '../time-formats';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Cronofy's defaults when `from` / `to` are omitted. */
const DEFAULT_DAYS_BACK = 16;
const DEFAULT_DAYS_AHEAD = 201;

export const eventReadRoutes: Route[] = [
  { method: 'GET', pattern: '/v1/events', handler: (request, ctx) => readFirstPage(request, ctx, 'events') },
  { method: 'GET', pattern: '/v1/events/pages/:token', handler: (request, ctx) => readLaterPage(request, ctx, 'events') },
  { method: 'GET', pattern: '/v1/free_busy', handler: (request, ctx) => readFirstPage(request, ctx, 'free_busy') },
  { method: 'GET', pattern: '/v1/free_busy/pages/:token', handler: (request, ctx) => readLaterPage(request, ctx, 'free_busy') },
];

const REQUIRED_SCOPE: Record<PagedList, string> = { events: 'read_events', free_busy: 'read_free_busy' };

interface EventQuery {
  calendarIds: string[];
  from: number;
  to: number;
  includeManaged: boolean;
  onlyManaged: boolean;
  includeDeleted: boolean;
  lastModified?: number;
}

function readFirstPage(request: SimRequest, ctx: SimContext, listKey: PagedList): SimResponse {
  const caller = authenticateReader(request, ctx, listKey);
  const query = parseEventQuery(request, ctx, caller);
  const events = ctx.store.events
    .filter((event) => matches(event, query))
    .sort((a, b) => a.start.ms - b.start.ms || a.eventUid.localeCompare(b.eventUid));
  const items =
    listKey === 'events'
      ? events.map((event) => eventView(ctx, event))
      : events.filter((event) => event.transparency === 'opaque' && !event.deleted).map(freeBusyView);
  return jsonResponse(200, firstPage(ctx, caller.account.id, listKey, items));
}

function readLaterPage(request: SimRequest, ctx: SimContext, listKey: PagedList): SimResponse {
  const caller = authenticateReader(request, ctx, listKey);
  return jsonResponse(200, storedPage(ctx, caller.account.id, listKey, request.params.token));
}

/** Reading needs at least one calendar profile Cronofy can still sync. */
function authenticateReader(request: SimRequest, ctx: SimContext, listKey: PagedList): AccountCaller {
  const caller = authenticateAccount(ctx, request, REQUIRED_SCOPE[listKey]);
  const people = accountPeople(ctx.store, caller.account);
  if (people.length > 0 && people.every((person) => !person.connected)) throw locked();
  return caller;
}

function parseEventQuery(request: SimRequest, ctx: SimContext, caller: AccountCaller): EventQuery {
  const params = request.query;
  const errors = new FieldErrorList();
  const tzid = params.get('tzid') ?? 'Etc/UTC';
  if (!isValidZone(tzid)) errors.add('tzid', 'invalid', `${tzid} is not a known time zone`);
  const zone = isValidZone(tzid) ? tzid : 'Etc/UTC';
  const today = Math.floor(ctx.config.clock() / DAY_MS) * DAY_MS;
  const bound = (name: string, fallback: number): number => {
    const text = params.get(name);
    if (text === null) return fallback;
    const value = parseDateOrInstant(text, zone);
    if (value === undefined) errors.add(name, 'invalid', `${name} must be a date or a timestamp`);
    return value ?? fallback;
  };
  const from = bound('from', today - DEFAULT_DAYS_BACK * DAY_MS);
  const to = bound('to', today + DEFAULT_DAYS_AHEAD * DAY_MS);
  const lastModifiedText = params.get('last_modified');
  const lastModified = lastModifiedText === null ? undefined : parseInstant(lastModifiedText);
  if (lastModifiedText !== null && lastModified === undefined) errors.add('last_modified', 'invalid', 'last_modified must be a timestamp');
  errors.throwIfAny();

  const ownCalendars = accountPeople(ctx.store, caller.account).map((person) => person.calendarId);
  const requested = [...params.getAll('calendar_ids[]'), ...params.getAll('calendar_ids')];
  return {
    calendarIds: requested.length > 0 ? ownCalendars.filter((id) => requested.includes(id)) : ownCalendars,
    from,
    to,
    includeManaged: params.get('include_managed') === 'true',
    onlyManaged: params.get('only_managed') === 'true',
    includeDeleted: params.get('include_deleted') === 'true',
    lastModified,
  };
}

function matches(event: SimEvent, query: EventQuery): boolean {
  const managed = event.eventId !== undefined;
  if (!query.calendarIds.includes(event.calendarId)) return false;
  if (query.onlyManaged ? !managed : managed && !query.includeManaged) return false;
  // Changes since last_modified include deletions, so clients can see them.
  if (event.deleted && !query.includeDeleted && query.lastModified === undefined) return false;
  if (query.lastModified !== undefined && event.updatedAt < query.lastModified) return false;
  return event.end.ms > query.from && event.start.ms < query.to;
}

function freeBusyView(event: SimEvent) {
  return { calendar_id: event.calendarId, start: timeView(event.start), end: timeView(event.end), free_busy_status: 'busy' };
}
