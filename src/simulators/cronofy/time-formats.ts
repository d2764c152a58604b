// Cronofy's wire formats for instants, dates and zones, converted to and from epoch milliseconds.
import { TZDate } from '@date-fns/tz';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2025-01-21T15:30:00Z`: Cronofy writes UTC timestamps to the second. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isDate(value: string): boolean {
  return DATE.test(value);
}

/** Parses a timestamp with an offset; undefined when the text is not one. */
export function parseInstant(value: string): number | undefined {
  if (!INSTANT.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Midnight at the start of a `YYYY-MM-DD` date in the zone. */
export function startOfDate(date: string, zone: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  return new TZDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 0, 0, zone).getTime();
}

/** A timestamp with an offset, or a wall-clock time without one read in the zone. */
export function parseTimeInZone(value: string, zone: string): number | undefined {
  const instant = parseInstant(value);
  if (instant !== undefined) return instant;
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  return new TZDate(year, month - 1, day, hour, minute, second, zone).getTime();
}

/** A query bound: a date (read in the zone) or a timestamp. */
export function parseDateOrInstant(value: string, zone: string): number | undefined {
  return isDate(value) ? startOfDate(value, zone) : parseInstant(value);
}
