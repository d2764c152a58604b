// Pure availability computation: Cronofy's participant groups, buffers, start intervals and the
// three response formats. Inputs and outputs are UTC instants; zones are resolved by the caller.
import { covers, intersect, normalize, subtract, type Interval } from './intervals';

export interface AvailabilityMember {
  id: string;
  busy: Interval[];
  /** When present the member can only be booked inside these (working hours, member available_periods). */
  windows?: Interval[];
}

export interface AvailabilityGroup {
  members: AvailabilityMember[];
  required: 'all' | number;
}

export type ResponseFormat = 'periods' | 'slots' | 'overlapping_slots';

export interface AvailabilityQuery {
  groups: AvailabilityGroup[];
  queryPeriods: Interval[];
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  startIntervalMs: number;
  format: ResponseFormat;
  maxResults: number;
}

export interface AvailableTime extends Interval {
  participants: string[];
}

type FreeTime = Map<string, Interval[]>;

export function findAvailability(query: AvailabilityQuery): AvailableTime[] {
  const periods = normalize(query.queryPeriods);
  const free: FreeTime = new Map();
  for (const member of query.groups.flatMap((group) => group.members)) {
    free.set(member.id, freeTime(member, periods, query));
  }
  const found = query.format === 'periods' ? findPeriods(query, free) : findSlots(query, periods, free);
  return found.slice(0, query.maxResults);
}

function freeTime(member: AvailabilityMember, periods: Interval[], query: AvailabilityQuery): Interval[] {
  const bookable = member.windows ? intersect(periods, member.windows) : periods;
  // A booking needs its buffers clear of busy time, so busy time grows by the opposite buffer on each side.
  const blocked = member.busy.map((busy) => ({
    start: busy.start - query.bufferAfterMs,
    end: busy.end + query.bufferBeforeMs,
  }));
  return subtract(bookable, blocked);
}

function findSlots(query: AvailabilityQuery, periods: Interval[], free: FreeTime): AvailableTime[] {
  const step = query.startIntervalMs;
  const slots: AvailableTime[] = [];
  for (const period of periods) {
    let start = alignUp(period.start, step);
    while (start + query.durationMs <= period.end && slots.length < query.maxResults) {
      const slot = { start, end: start + query.durationMs };
      const participants = freeParticipants(query.groups, free, slot);
      if (satisfies(query.groups, participants)) {
        slots.push({ ...slot, participants });
        if (query.format === 'slots') {
          start = alignUp(slot.end, step);
          continue;
        }
      }
      start += step;
    }
  }
  return slots;
}

/**
 * Walks the elementary segments between all free-time boundaries and grows each period while the
 * participants free throughout it still satisfy every group.
 */
function findPeriods(query: AvailabilityQuery, free: FreeTime): AvailableTime[] {
  const boundaries = [...new Set([...free.values()].flat().flatMap((i) => [i.start, i.end]))].sort((a, b) => a - b);
  const periods: AvailableTime[] = [];
  let current: AvailableTime | undefined;
  for (let index = 0; index + 1 < boundaries.length; index++) {
    const segment = { start: boundaries[index], end: boundaries[index + 1] };
    const participants = freeParticipants(query.groups, free, segment);
    if (current && current.end === segment.start) {
      const shared = current.participants.filter((id) => participants.includes(id));
      if (satisfies(query.groups, shared)) {
        current.end = segment.end;
        current.participants = shared;
        continue;
      }
    }
    if (current) periods.push(current);
    current = satisfies(query.groups, participants) ? { ...segment, participants } : undefined;
  }
  if (current) periods.push(current);
  return periods.filter((period) => period.end - period.start >= query.durationMs);
}

function freeParticipants(groups: AvailabilityGroup[], free: FreeTime, target: Interval): string[] {
  const ids = groups.flatMap((group) => group.members.map((member) => member.id));
  return [...new Set(ids)].filter((id) => covers(free.get(id) ?? [], target));
}

function satisfies(groups: AvailabilityGroup[], participants: string[]): boolean {
  return groups.every((group) => {
    const needed = group.required === 'all' ? group.members.length : group.required;
    return group.members.filter((member) => participants.includes(member.id)).length >= needed;
  });
}

function alignUp(instant: number, step: number): number {
  return Math.ceil(instant / step) * step;
}
