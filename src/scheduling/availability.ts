// Finds slots when every interviewer is free inside their own working hours, through Cronofy's availability API,
// and when nothing fits, says why (working hours that never overlap, a calendar not syncing, someone fully booked).
import type { AvailabilityQuery, CronofyGateway } from '../cronofy/cronofy-gateway';
import { AppError } from '../errors';
import type { Person } from './panel';
import {
  MAX_PERIODS,
  formatDuration,
  longestSharedMinutes,
  startIntervalMinutes,
  toIso,
  workingPeriods,
  zoneLabel,
  type Period,
  type WorkingHours,
} from './slot-time';

/** Room around each interview, so nobody runs from one call into the next. */
export const BUFFER_MINUTES = 10;
const MAX_RESULTS = 200;

export interface SlotSearch {
  interviewers: Person[];
  hours: WorkingHours;
  durationMinutes: number;
  period: Period;
}

export type SearchResult = { kind: 'slots'; slots: Period[] } | { kind: 'none'; reasons: string[] };

interface Member {
  person: Person & { cronofySub: string };
  available: Period[];
}

function members(search: SlotSearch, period: Period): Member[] {
  return search.interviewers.map((person) => {
    if (!person.cronofySub) {
      throw new AppError('bad_request', { message: 'availability asked for an interviewer without a connected calendar', userMessage: `${person.name}’s calendar is not connected any more. Check the panel again.` });
    }
    return { person: person as Member['person'], available: workingPeriods(search.hours, person.timeZone, period) };
  });
}

function query(search: SlotSearch, list: Member[], period: Period, options: { required: 'all' | number; format: 'slots' | 'overlapping_slots' }): AvailabilityQuery {
  return {
    participants: [
      {
        members: list.map((m) => ({ sub: m.person.cronofySub, available_periods: m.available.map((p) => ({ start: toIso(p.start), end: toIso(p.end) })) })),
        required: options.required,
      },
    ],
    required_duration: { minutes: search.durationMinutes },
    query_periods: [{ start: toIso(period.start), end: toIso(period.end) }],
    buffer: { before: { minutes: BUFFER_MINUTES }, after: { minutes: BUFFER_MINUTES } },
    start_interval: { minutes: startIntervalMinutes(search.durationMinutes) },
    response_format: options.format,
    max_results: MAX_RESULTS,
    include_member_statuses: true,
  };
}

function hoursOf(member: Member, hours: WorkingHours): string {
  return `${member.person.name} ${hours.start}–${hours.end} ${zoneLabel(member.person.timeZone)}`;
}

/** Reasons that need no Cronofy call: somebody has no working hours in the window, or the hours never overlap. */
function workingHourReasons(search: SlotSearch, list: Member[]): string[] {
  const idle = list.filter((m) => m.available.length === 0);
  if (idle.length > 0) return idle.map((m) => `${m.person.name} has no working hours in this window (${hoursOf(m, search.hours)}, working days only).`);
  if (longestSharedMinutes(list.map((m) => m.available)) < search.durationMinutes) {
    return [`Their working hours never overlap for ${formatDuration(search.durationMinutes)} in this window: ${list.map((m) => hoursOf(m, search.hours)).join('; ')}.`];
  }
  return [];
}

export async function searchSlots(cronofy: CronofyGateway, search: SlotSearch): Promise<SearchResult> {
  if (search.period.end - search.period.start < search.durationMinutes * 60_000) {
    return { kind: 'none', reasons: ['This window has already passed (or is too short). Search a later window.'] };
  }
  const list = members(search, search.period);
  const early = workingHourReasons(search, list);
  if (early.length > 0) return { kind: 'none', reasons: early };
  if (list.some((m) => m.available.length > MAX_PERIODS)) {
    throw new AppError('bad_request', { message: 'too many working periods for one availability query', userMessage: `That window is too long for one search (Cronofy takes at most ${MAX_PERIODS} periods). Pick fewer days.` });
  }

  const found = await cronofy.availability(query(search, list, search.period, { required: 'all', format: 'slots' }));
  const slots = (found.available_slots ?? []).map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })).filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end));
  if (slots.length > 0) return { kind: 'slots', slots };
  return { kind: 'none', reasons: await explainNothing(cronofy, search, list, found.member_statuses ?? []) };
}

async function explainNothing(cronofy: CronofyGateway, search: SlotSearch, list: Member[], statuses: Array<{ sub: string; sync_status: string }>): Promise<string[]> {
  const reasons = statuses
    .filter((s) => s.sync_status !== 'active')
    .flatMap((s) => list.filter((m) => m.person.cronofySub === s.sub).map((m) => `${m.person.name}’s calendar is not syncing with Cronofy right now (${s.sync_status}); they may need to reconnect it.`));
  if (list.length === 1) return [...reasons, `${list[0].person.name} is busy during all of their working hours in this window (${hoursOf(list[0], search.hours)}).`];

  // Who is free at all: any one of them may be free, and each slot lists who is.
  const alone = await cronofy.availability(query(search, list, search.period, { required: 1, format: 'overlapping_slots' }));
  const freeSomewhere = new Set((alone.available_slots ?? []).flatMap((s) => (s.participants ?? []).map((p) => p.sub)));
  const busy = list.filter((m) => !freeSomewhere.has(m.person.cronofySub));
  for (const member of busy) reasons.push(`${member.person.name} is busy during all of their working hours in this window (${hoursOf(member, search.hours)}).`);
  if (busy.length === 0) reasons.push(`Everyone has some free time, but never all at once for ${formatDuration(search.durationMinutes)} (with ${BUFFER_MINUTES} minutes either side).`);
  return reasons;
}

/** Whether one slot is still free for everyone (checked right before booking it). */
export async function isSlotFree(cronofy: CronofyGateway, search: SlotSearch, slot: Period): Promise<boolean> {
  const list = members(search, slot);
  if (list.some((m) => m.available.length === 0)) return false;
  const found = await cronofy.availability(query(search, list, slot, { required: 'all', format: 'slots' }));
  return (found.available_slots ?? []).some((s) => Date.parse(s.start) === slot.start);
}
