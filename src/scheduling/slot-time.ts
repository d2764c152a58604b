// All slot and time arithmetic for scheduling, in one pure module: search windows in the recruiter's zone,
// working hours in each interviewer's own zone, and how a slot reads for each viewer. Instants are epoch
// milliseconds (UTC); wall-clock work goes through TZDate so daylight-saving changes are the zone database's job.
import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns/format';

export interface Period {
  start: number;
  end: number;
}

export interface WorkingHours {
  /** Local wall-clock `HH:mm`; `end` may be `24:00`. */
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
}

/** A search window as the recruiter picks it: two local calendar dates (inclusive) in their zone. */
export interface DateWindow {
  startDate: string;
  endDate: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Cronofy's availability limits: query periods within 35 days, at most 50 periods (reference §5). */
export const MAX_WINDOW_DAYS = 35;
export const MAX_PERIODS = 50;
/** Nobody wants an interview that starts in five minutes. */
export const MIN_NOTICE_MINUTES = 30;
export const DEFAULT_WINDOW_WORKING_DAYS = 5;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 240;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function dateParts(date: string): [number, number, number] {
  if (!isLocalDate(date)) throw new Error(`not a calendar date: ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return [year, month - 1, day];
}

export function isClock(value: string): boolean {
  return CLOCK_PATTERN.test(value);
}

function clockParts(value: string): [number, number] {
  if (!isClock(value)) throw new Error(`not a wall-clock time: ${value}`);
  const [hour, minute] = value.split(':').map(Number);
  return [hour, minute];
}

/** Zones already found valid: building an Intl.DateTimeFormat to check one costs more than the rest of a check. */
const VALID_ZONES = new Set<string>();

export function isValidZone(zone: string): boolean {
  if (VALID_ZONES.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    return false;
  }
  VALID_ZONES.add(zone);
  return true;
}

/** A zone Slack gave us, or UTC when it is missing or unknown to this runtime. */
export function safeZone(zone: string | null | undefined): string {
  return zone && isValidZone(zone) ? zone : 'UTC';
}

/** "1,2,3,4,5" → [1,2,3,4,5]; anything unreadable falls back to Monday–Friday. */
export function parseWorkingDays(setting: string): number[] {
  const days = [...new Set(setting.split(',').map((d) => Number(d.trim())))].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  return days.length > 0 ? days.sort((a, b) => a - b) : [1, 2, 3, 4, 5];
}

export function workingHoursOf(settings: { workingHoursStart: string; workingHoursEnd: string; workingDays: string }): WorkingHours {
  const valid = isClock(settings.workingHoursStart) && isClock(settings.workingHoursEnd) && settings.workingHoursStart < settings.workingHoursEnd;
  return {
    start: valid ? settings.workingHoursStart : '09:00',
    end: valid ? settings.workingHoursEnd : '17:00',
    days: parseWorkingDays(settings.workingDays),
  };
}

/**
 * The calendar date an instant falls on in a zone, `YYYY-MM-DD`: the instant moved by the zone's offset then, read as
 * UTC. Every scheduling form's submission asks this before its ack; building a TZDate and formatting it cost 4–5×
 * as much.
 */
export function localDate(instant: number, zone: string): string {
  return new Date(instant + tzOffset(zone, new Date(instant)) * MINUTE_MS).toISOString().slice(0, 10);
}

/** Pure calendar arithmetic on `YYYY-MM-DD` (no zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month, day + days)).toISOString().slice(0, 10);
}

export function isoWeekday(date: string): number {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month, day)).getUTCDay() || 7;
}

/** The instant a local date begins in a zone (the first existing minute if midnight is skipped). */
export function startOfLocalDate(date: string, zone: string): number {
  const [year, month, day] = dateParts(date);
  return new TZDate(year, month, day, 0, 0, zone).getTime();
}

function wallClock(date: string, clock: string, zone: string): number {
  if (clock === '24:00') return startOfLocalDate(addDays(date, 1), zone);
  const [year, month, day] = dateParts(date);
  const [hour, minute] = clockParts(clock);
  return new TZDate(year, month, day, hour, minute, zone).getTime();
}

function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = dateParts(from);
  const [ty, tm, td] = dateParts(to);
  return Math.round((Date.UTC(ty, tm, td) - Date.UTC(fy, fm, fd)) / DAY_MS);
}

/** The working day `count` working days after `date` (not counting `date` itself). */
export function nthWorkingDayAfter(date: string, count: number, workingDays: number[]): string {
  let current = date;
  for (let found = 0; found < count; ) {
    current = addDays(current, 1);
    if (workingDays.includes(isoWeekday(current))) found += 1;
  }
  return current;
}

/** Default search: the rest of today plus the next five working days, in the recruiter's zone. */
export function defaultWindow(now: number, zone: string, workingDays: number[], count = DEFAULT_WINDOW_WORKING_DAYS): DateWindow {
  const today = localDate(now, zone);
  return { startDate: today, endDate: nthWorkingDayAfter(today, count, workingDays) };
}

/** The window pushed `count` more working days out, never past Cronofy's 35-day limit; null when it cannot grow. */
export function widerWindow(window: DateWindow, workingDays: number[], count = DEFAULT_WINDOW_WORKING_DAYS): DateWindow | null {
  const limit = addDays(window.startDate, MAX_WINDOW_DAYS - 1);
  if (window.endDate >= limit) return null;
  const wanted = nthWorkingDayAfter(window.endDate, count, workingDays);
  return { startDate: window.startDate, endDate: wanted > limit ? limit : wanted };
}

export type WindowProblem = { field: 'window_start' | 'window_end'; message: string };

/** Why a picked window cannot be searched, in words a recruiter can act on. */
export function windowProblems(window: DateWindow, zone: string, now: number): WindowProblem[] {
  const problems: WindowProblem[] = [];
  if (!isLocalDate(window.startDate)) problems.push({ field: 'window_start', message: 'Pick the first day to search.' });
  if (!isLocalDate(window.endDate)) problems.push({ field: 'window_end', message: 'Pick the last day to search.' });
  if (problems.length > 0) return problems;
  const today = localDate(now, zone);
  if (window.endDate < today) return [{ field: 'window_end', message: 'This window is in the past. Pick days from today on.' }];
  if (window.startDate < today) problems.push({ field: 'window_start', message: 'The window cannot start in the past. Pick today or a later day.' });
  if (window.endDate < window.startDate) problems.push({ field: 'window_end', message: 'The last day must be on or after the first day.' });
  else if (daysBetween(window.startDate, window.endDate) + 1 > MAX_WINDOW_DAYS) {
    problems.push({ field: 'window_end', message: `Cronofy searches at most ${MAX_WINDOW_DAYS} days at once. Pick a last day within ${MAX_WINDOW_DAYS} days of the first.` });
  }
  return problems;
}

/** The instants a date window covers, starting no earlier than the minimum notice from now. */
export function windowPeriod(window: DateWindow, zone: string, now: number): Period {
  const earliest = ceilTo(now + MIN_NOTICE_MINUTES * MINUTE_MS, 15 * MINUTE_MS);
  return { start: Math.max(startOfLocalDate(window.startDate, zone), earliest), end: startOfLocalDate(addDays(window.endDate, 1), zone) };
}

/** The date window (in a zone) that a stored instant range stands for. */
export function dateWindowOf(period: Period, zone: string): DateWindow {
  return { startDate: localDate(period.start, zone), endDate: localDate(period.end - 1, zone) };
}

/** Working hours in a person's own zone, as instants, clipped to a range. DST-safe: each day is built from its wall clock. */
export function workingPeriods(hours: WorkingHours, zone: string, range: Period): Period[] {
  const first = addDays(localDate(range.start, zone), -1);
  const last = addDays(localDate(range.end, zone), 1);
  const periods: Period[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (!hours.days.includes(isoWeekday(date))) continue;
    periods.push({ start: wallClock(date, hours.start, zone), end: wallClock(date, hours.end, zone) });
  }
  return intersect(periods, [range]);
}

export function normalize(periods: Period[]): Period[] {
  const sorted = periods.filter((p) => p.end > p.start).sort((a, b) => a.start - b.start);
  const merged: Period[] = [];
  for (const period of sorted) {
    const last = merged[merged.length - 1];
    if (last && period.start <= last.end) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }
  return merged;
}

export function intersect(a: Period[], b: Period[]): Period[] {
  const left = normalize(a);
  const right = normalize(b);
  const result: Period[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (end > start) result.push({ start, end });
    if (left[i].end < right[j].end) i += 1;
    else j += 1;
  }
  return result;
}

/** The longest stretch (minutes) when every set is open at once, e.g. overlapping working hours. */
export function longestSharedMinutes(sets: Period[][]): number {
  if (sets.length === 0) return 0;
  const shared = sets.reduce((all, next) => intersect(all, next));
  return Math.max(0, ...shared.map((p) => (p.end - p.start) / MINUTE_MS));
}

/** Whole hours and half hours read better; other lengths step by a quarter hour. */
export function startIntervalMinutes(durationMinutes: number): 15 | 30 {
  return durationMinutes % 30 === 0 ? 30 : 15;
}

function ceilTo(instant: number, step: number): number {
  return Math.ceil(instant / step) * step;
}

/**
 * "45", "45m", "45 min", "1h", "1h30", "1h 30m", "1.5h", "90 minutes" → minutes; null when unreadable.
 * Range checks are the caller's (so "300" can be refused with a message rather than misread).
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  if (value === '') return null;
  const minutesOnly = /^(\d{1,4})(m|min|mins|minute|minutes)?$/.exec(value);
  if (minutesOnly) return Number(minutesOnly[1]);
  const hours = /^(\d{1,2}(?:\.\d+)?)(h|hr|hrs|hour|hours)(?:(\d{1,2})(m|min|mins|minutes)?)?$/.exec(value);
  if (!hours) return null;
  const total = Number(hours[1]) * 60 + (hours[3] ? Number(hours[3]) : 0);
  return Number.isInteger(total) ? total : null;
}

/** "1h 30m", "45 min": how a duration reads back to people. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "London", "New York", "UTC": a zone as a short place name. */
export function zoneLabel(zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** "GMT+1", "GMT-4": the offset in force at that instant. */
export function offsetLabel(instant: number, zone: string): string {
  return format(new TZDate(instant, zone), 'zzz');
}

export function formatTime(instant: number, zone: string): string {
  return format(new TZDate(instant, zone), 'HH:mm');
}

/** "Mon 15 Mar". */
export function formatDate(instant: number, zone: string): string {
  return format(new TZDate(instant, zone), 'EEE d MMM');
}

/** "Mon 15 Mar, 13:00–14:00" in the viewer's zone (an end on another day names it). */
export function formatSlot(slot: Period, zone: string): string {
  const start = new TZDate(slot.start, zone);
  const sameDay = localDate(slot.start, zone) === localDate(slot.end - 1, zone);
  const end = sameDay ? formatTime(slot.end, zone) : format(new TZDate(slot.end, zone), 'EEE HH:mm');
  return `${formatDate(slot.start, zone)}, ${format(start, 'HH:mm')}–${end}`;
}

/** "Mon 15 Mar, 09:00–10:00 (New York time, GMT-4)": a slot as one person reads it in a DM. */
export function formatSlotForPerson(slot: Period, zone: string): string {
  return `${formatSlot(slot, zone)} (${zoneLabel(zone)} time, ${offsetLabel(slot.start, zone)})`;
}

/** An interviewer's start time next to the recruiter's: "09:00", or "Tue 01:00" when their date differs. */
export function localStartFor(slotStart: number, zone: string, viewerZone: string): string {
  const differs = localDate(slotStart, zone) !== localDate(slotStart, viewerZone);
  return differs ? format(new TZDate(slotStart, zone), 'EEE HH:mm') : formatTime(slotStart, zone);
}

/**
 * The slots worth showing: earliest first, at most `perDay` per day in the recruiter's zone so the list
 * spans several days, topped up with the rest when days are few.
 */
export function bestSlots(slots: Period[], zone: string, max: number, perDay = 3): Period[] {
  const sorted = [...slots].sort((a, b) => a.start - b.start);
  const perDate = new Map<string, number>();
  const chosen: Period[] = [];
  const skipped: Period[] = [];
  for (const slot of sorted) {
    const date = localDate(slot.start, zone);
    const count = perDate.get(date) ?? 0;
    if (count < perDay && chosen.length < max) {
      chosen.push(slot);
      perDate.set(date, count + 1);
    } else skipped.push(slot);
  }
  for (const slot of skipped) {
    if (chosen.length >= max) break;
    chosen.push(slot);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

export function toIso(instant: number): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}
