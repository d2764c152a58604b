// Expands a weekly working-hours rule into UTC intervals, honouring the person's time zone and its
// daylight-saving changes.
import { TZDate } from '@date-fns/tz';
import { intersect, type Interval } from './intervals';

export interface WorkingHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local wall-clock times, `HH:mm`; `end` may be `24:00`. */
  start: string;
  end: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function workingIntervals(hours: WorkingHours, zone: string, range: Interval): Interval[] {
  const [startHour, startMinute] = parseClock(hours.start);
  const [endHour, endMinute] = parseClock(hours.end);
  const first = new TZDate(range.start - DAY_MS, zone);
  const dayCount = Math.ceil((range.end - range.start) / DAY_MS) + 2;
  const intervals: Interval[] = [];
  for (let offset = 0; offset <= dayCount; offset++) {
    const year = first.getFullYear();
    const month = first.getMonth();
    const date = first.getDate() + offset;
    // Noon is never skipped by a DST change, so it identifies the local weekday safely.
    const isoWeekday = new TZDate(year, month, date, 12, 0, zone).getDay() || 7;
    if (!hours.days.includes(isoWeekday)) continue;
    intervals.push({
      start: new TZDate(year, month, date, startHour, startMinute, zone).getTime(),
      end: new TZDate(year, month, date, endHour, endMinute, zone).getTime(),
    });
  }
  return intersect(intervals, [range]);
}

export function isValidClock(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(value);
}

function parseClock(value: string): [number, number] {
  if (!isValidClock(value)) throw new Error(`Invalid wall-clock time "${value}", expected HH:mm`);
  const [hour, minute] = value.split(':').map(Number);
  return [hour, minute];
}
