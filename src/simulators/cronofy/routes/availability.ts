// POST /v1/availability: validates the query the way Cronofy does (422 with field errors), turns
// each member's calendars and working hours into intervals and hands them to availability.ts.
import { z } from 'zod';
import { authenticate } from '../auth';
import { parseBody } from '../body';
import { findAvailability, type AvailabilityMember, type AvailableTime } from '../availability';
import type { SimContext } from '../config';
import { FieldErrorList, insufficientScope } from '../errors';
import { jsonResponse, type SimRequest, type SimResponse } from '../http';
import { intersect, type Interval } from '../intervals';
import type { Account } from '../model';
import type { Route } from '../router';
import { accountPeople, hasActiveGrant } from '../store';
import { formatUtc, parseInstant } from '../time-formats';
import { workingIntervals } from '../working-hours';

const MINUTE_MS = 60 * 1000;
const MAX_PERIODS = 50;
const MAX_SPAN_MS = 35 * 24 * 60 * MINUTE_MS;
const DEFAULT_START_INTERVAL_MINUTES = 15;

const minutesSchema = (minimum: number) => z.object({ minutes: z.number().int().min(minimum) });
const periodSchema = z.object({ start: z.string(), end: z.string() });

const memberSchema = z.looseObject({
  sub: z.string().min(1),
  calendar_ids: z.array(z.string()).optional(),
  available_periods: z.array(periodSchema).optional(),
  managed_availability: z.boolean().optional(),
});

const availabilitySchema = z.looseObject({
  participants: z
    .array(
      z.object({
        members: z.array(memberSchema).min(1),
        required: z.union([z.literal('all'), z.number().int().positive()]).default('all'),
      }),
    )
    .min(1),
  required_duration: minutesSchema(1),
  query_periods: z.array(periodSchema).optional(),
  /** The older name of query_periods. */
  available_periods: z.array(periodSchema).optional(),
  buffer: z.object({ before: minutesSchema(0).optional(), after: minutesSchema(0).optional() }).optional(),
  start_interval: minutesSchema(1).optional(),
  response_format: z.enum(['periods', 'slots', 'overlapping_slots']).default('periods'),
  max_results: z.number().int().min(1).max(512).default(512),
  include_member_statuses: z.boolean().optional(),
});

type AvailabilityBody = z.infer<typeof availabilitySchema>;

export const availabilityRoutes: Route[] = [{ method: 'POST', pattern: '/v1/availability', handler: queryAvailability }];

interface ResolvedMember {
  account: Account;
  calendarIds?: string[];
  managedAvailability: boolean;
  availablePeriods?: Interval[];
}

interface ResolvedGroup {
  required: 'all' | number;
  members: ResolvedMember[];
}

function queryAvailability(request: SimRequest, ctx: SimContext): SimResponse {
  if (authenticate(ctx, request).kind === 'service_account') throw insufficientScope('read_free_busy');
  const body = parseBody(availabilitySchema, request);
  const { periods, groups } = validate(body, ctx);
  const now = ctx.config.clock();
  const queryPeriods = periods.map((period) => ({ start: Math.max(period.start, now), end: period.end }));
  const range = { start: Math.min(...queryPeriods.map((p) => p.start)), end: Math.max(...queryPeriods.map((p) => p.end)) };

  const found = findAvailability({
    groups: groups.map((group) => ({
      required: group.required,
      members: group.members.map((member) => availabilityMember(ctx, member, range)),
    })),
    queryPeriods,
    durationMs: body.required_duration.minutes * MINUTE_MS,
    bufferBeforeMs: (body.buffer?.before?.minutes ?? 0) * MINUTE_MS,
    bufferAfterMs: (body.buffer?.after?.minutes ?? 0) * MINUTE_MS,
    startIntervalMs: (body.start_interval?.minutes ?? DEFAULT_START_INTERVAL_MINUTES) * MINUTE_MS,
    format: body.response_format,
    maxResults: body.max_results,
  });

  const listKey = body.response_format === 'periods' ? 'available_periods' : 'available_slots';
  const accounts = new Set(groups.flatMap((group) => group.members.map((member) => member.account)));
  return jsonResponse(200, {
    [listKey]: found.map(availableTimeView),
    ...(body.include_member_statuses ? { member_statuses: [...accounts].map((account) => memberStatus(ctx, account)) } : {}),
  });
}

function validate(body: AvailabilityBody, ctx: SimContext): { periods: Interval[]; groups: ResolvedGroup[] } {
  const errors = new FieldErrorList();
  const now = ctx.config.clock();
  const rawPeriods = body.query_periods ?? body.available_periods ?? [];
  if (rawPeriods.length === 0) errors.add('query_periods', 'required', 'query_periods is required');
  if (rawPeriods.length > MAX_PERIODS) errors.add('query_periods', 'too_many', `at most ${MAX_PERIODS} query_periods are allowed`);
  const periods = parsePeriods(rawPeriods, 'query_periods', errors);
  if (periods.some((period) => period.end <= now)) errors.add('query_periods', 'in_the_past', 'query_periods must end in the future');
  if (periods.length > 0) {
    const span = Math.max(...periods.map((p) => p.end)) - Math.min(...periods.map((p) => p.start));
    if (span > MAX_SPAN_MS) errors.add('query_periods', 'too_long', 'query_periods must fall within 35 days');
  }

  const groups = body.participants.map((group, index): ResolvedGroup => {
    if (typeof group.required === 'number' && group.required > group.members.length) {
      errors.add('participants', 'invalid', `participants.${index}.required is more than the number of members`);
    }
    const members = group.members.flatMap((member): ResolvedMember[] => {
      const account = ctx.store.accounts.get(member.sub);
      const availablePeriods = member.available_periods && parsePeriods(member.available_periods, 'participants', errors);
      if (!account || !hasActiveGrant(ctx.store, account.id)) {
        errors.add('participants', 'unknown_sub', `${member.sub} is not an account authorized by this application`);
        return [];
      }
      return [{ account, calendarIds: member.calendar_ids, managedAvailability: member.managed_availability ?? false, availablePeriods }];
    });
    return { required: group.required, members };
  });
  errors.throwIfAny();
  return { periods, groups };
}

function parsePeriods(raw: Array<{ start: string; end: string }>, field: string, errors: FieldErrorList): Interval[] {
  return raw.flatMap((period) => {
    const start = parseInstant(period.start);
    const end = parseInstant(period.end);
    if (start === undefined || end === undefined || end <= start) {
      errors.add(field, 'invalid', `${period.start} – ${period.end} is not a valid period`);
      return [];
    }
    return [{ start, end }];
  });
}

function availabilityMember(ctx: SimContext, member: ResolvedMember, range: Interval): AvailabilityMember {
  const people = accountPeople(ctx.store, member.account);
  const calendarIds = people
    .map((person) => person.calendarId)
    .filter((id) => !member.calendarIds || member.calendarIds.includes(id));
  const busy = ctx.store.events
    .filter((event) => calendarIds.includes(event.calendarId) && !event.deleted && event.transparency === 'opaque')
    .map((event) => ({ start: event.start.ms, end: event.end.ms }));

  const windowSets: Interval[][] = [];
  const owner = people[0];
  if (member.managedAvailability && owner) windowSets.push(workingIntervals(owner.workingHours, owner.zone, range));
  if (member.availablePeriods) windowSets.push(member.availablePeriods);
  const windows = windowSets.length > 0 ? windowSets.reduce((all, next) => intersect(all, next)) : undefined;
  return { id: member.account.id, busy, windows };
}

function memberStatus(ctx: SimContext, account: Account) {
  const connected = accountPeople(ctx.store, account).every((person) => person.connected);
  return { sub: account.id, sync_status: connected ? 'active' : 'disconnected' };
}

function availableTimeView(time: AvailableTime) {
  return {
    start: formatUtc(time.start),
    end: formatUtc(time.end),
    participants: time.participants.map((sub) => ({ sub })),
  };
}
