// POST /v1/calendars/:calendarId/events (upsert by event_id, 202) and DELETE of the same path.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { authenticateAccount, requireConnected, type AccountCaller } from '../auth';
import { parseBody } from '../body';
import { applyConferencing, conferencingRequestProblem, sameConferencingRequest } from '../conferencing';
import type { SimContext } from '../config';
import { FieldErrorList, notFound } from '../errors';
import { emptyResponse, isHttpUrl, type SimRequest, type SimResponse } from '../http';
import { newEventUid } from '../ids';
import type { Attendee, EventTime, Person, SimEvent } from '../model';
import { pushEventChange } from '../push';
import type { Route } from '../router';
import { personByCalendarId } from '../store';
import { isDate, isValidZone, parseInstant, parseTimeInZone, startOfDate } from '../time-formats';

const timeSchema = z.union([z.string(), z.object({ time: z.string(), tzid: z.string() })]);

const upsertSchema = z.looseObject({
  event_id: z.string().min(1),
  summary: z.string().optional(),
  description: z.string().optional(),
  start: timeSchema,
  end: timeSchema,
  tzid: z.string().optional(),
  location: z.looseObject({ description: z.string().optional(), lat: z.string().optional(), long: z.string().optional() }).optional(),
  attendees: z
    .object({
      invite: z.array(z.object({ email: z.email(), display_name: z.string().optional() })).optional(),
      remove: z.array(z.object({ email: z.string() })).optional(),
    })
    .optional(),
  conferencing: z
    .looseObject({ profile_id: z.string().min(1), provider_description: z.string().optional(), join_url: z.string().optional() })
    .optional(),
  transparency: z.enum(['opaque', 'transparent']).optional(),
  url: z.string().optional(),
  subscriptions: z
    .array(
      z.object({
        type: z.literal('webhook'),
        uri: z.string().refine(isHttpUrl, 'must be an absolute http(s) URL'),
        interactions: z.array(z.object({ type: z.string() })).min(1),
      }),
    )
    .optional(),
});

type UpsertBody = z.infer<typeof upsertSchema>;

const deleteSchema = z
  .object({ event_id: z.string().min(1).optional(), event_uid: z.string().min(1).optional() })
  .refine((body) => body.event_id !== undefined || body.event_uid !== undefined, {
    path: ['event_id'],
    message: 'event_id or event_uid is required',
  });

export const eventWriteRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/calendars/:calendarId/events', handler: upsertEvent },
  { method: 'DELETE', pattern: '/v1/calendars/:calendarId/events', handler: deleteEvent },
];

function writableCalendarOwner(request: SimRequest, ctx: SimContext, caller: AccountCaller): Person {
  const owner = personByCalendarId(ctx.store, request.params.calendarId);
  if (!owner || owner.accountId !== caller.account.id) throw notFound();
  requireConnected(owner);
  return owner;
}

function upsertEvent(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request, 'create_event');
  const owner = writableCalendarOwner(request, ctx, caller);
  const body = parseBody(upsertSchema, request);
  const { start, end, tzid } = validateUpsert(body, owner, caller);

  const existing = ctx.store.events.find((event) => event.calendarId === owner.calendarId && event.eventId === body.event_id);
  const content = {
    summary: body.summary ?? '',
    description: body.description ?? '',
    start,
    end,
    tzid,
    location: body.location,
    attendees: mergeAttendees(existing?.attendees ?? [], body.attendees),
    transparency: body.transparency ?? 'opaque',
    url: body.url,
    deleted: false,
    subscriptions:
      body.subscriptions?.map((s) => ({ uri: s.uri, interactions: s.interactions.map((i) => i.type) })) ??
      existing?.subscriptions ??
      [],
  } satisfies Partial<SimEvent>;
  const conferencingChanged =
    body.conferencing !== undefined && (existing?.deleted || !sameConferencingRequest(existing?.conferencing, body.conferencing));
  if (existing && !conferencingChanged && isDeepStrictEqual(pick(existing, content), content)) return emptyResponse(202);

  const now = ctx.config.clock();
  const event: SimEvent = existing ?? {
    ...content,
    calendarId: owner.calendarId,
    eventUid: newEventUid(),
    eventId: body.event_id,
    createdAt: now,
    updatedAt: now,
  };
  if (existing) Object.assign(existing, content, { updatedAt: now });
  else ctx.store.events.push(event);
  if (body.conferencing && conferencingChanged) applyConferencing(ctx, event, owner, caller.account, body.conferencing);
  pushEventChange(ctx, event);
  return emptyResponse(202);
}

function validateUpsert(body: UpsertBody, owner: Person, caller: AccountCaller): { start: EventTime; end: EventTime; tzid: string } {
  const errors = new FieldErrorList();
  const tzid = body.tzid ?? (typeof body.start === 'object' ? body.start.tzid : 'Etc/UTC');
  if (!isValidZone(tzid)) errors.add('tzid', 'invalid', `${tzid} is not a known time zone`);
  const allDayZone = body.tzid && isValidZone(body.tzid) ? body.tzid : owner.zone;
  const start = parseEventTime(body.start, allDayZone);
  const end = parseEventTime(body.end, allDayZone);
  if (!start) errors.add('start', 'invalid', 'start must be a UTC timestamp, a date or {time, tzid}');
  if (!end) errors.add('end', 'invalid', 'end must be a UTC timestamp, a date or {time, tzid}');
  if (start && end && (start.date === undefined) !== (end.date === undefined)) {
    errors.add('end', 'invalid', 'start and end must both be dates or both be times');
  } else if (start && end && end.ms < start.ms) {
    errors.add('end', 'end_before_start', 'end must not be before start');
  }
  const conferencingProblem = body.conferencing && conferencingRequestProblem(caller.account, body.conferencing);
  if (conferencingProblem) errors.add('conferencing', 'invalid', conferencingProblem);
  errors.throwIfAny();
  return { start: start as EventTime, end: end as EventTime, tzid };
}

function parseEventTime(input: UpsertBody['start'], allDayZone: string): EventTime | undefined {
  if (typeof input === 'object') {
    const ms = isValidZone(input.tzid) ? parseTimeInZone(input.time, input.tzid) : undefined;
    return ms === undefined ? undefined : { ms };
  }
  if (isDate(input)) {
    const ms = startOfDate(input, allDayZone);
    return ms === undefined ? undefined : { ms, date: input };
  }
  const ms = parseInstant(input);
  return ms === undefined ? undefined : { ms };
}

function mergeAttendees(current: Attendee[], change: UpsertBody['attendees']): Attendee[] {
  const removed = new Set((change?.remove ?? []).map((attendee) => attendee.email.toLowerCase()));
  const merged = new Map(current.map((attendee) => [attendee.email.toLowerCase(), attendee]));
  for (const invite of change?.invite ?? []) {
    merged.set(invite.email.toLowerCase(), { email: invite.email, displayName: invite.display_name });
  }
  return [...merged.values()].filter((attendee) => !removed.has(attendee.email.toLowerCase()));
}

function pick<T extends object>(source: SimEvent, shape: T): T {
  return Object.fromEntries(Object.keys(shape).map((key) => [key, source[key as keyof SimEvent]])) as T;
}

function deleteEvent(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request, 'delete_event');
  const owner = writableCalendarOwner(request, ctx, caller);
  const body = parseBody(deleteSchema, request);
  const event = ctx.store.events.find(
    (candidate) =>
      candidate.calendarId === owner.calendarId &&
      (body.event_id !== undefined ? candidate.eventId === body.event_id : candidate.eventUid === body.event_uid),
  );
  if (event && !event.deleted) {
    event.deleted = true;
    event.updatedAt = ctx.config.clock();
    pushEventChange(ctx, event);
  }
  return emptyResponse(202);
}
