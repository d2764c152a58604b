// When a reminder may reach a person: the company's working hours, read in the person's own Slack time zone.
import { safeZone, workingHoursOf, workingPeriods } from '../scheduling/slot-time';

const DAY_MS = 24 * 60 * 60_000;

export interface ReminderHours {
  workingHoursStart: string;
  workingHoursEnd: string;
  workingDays: string;
}

/** `from` itself when it falls inside the person's working hours, else the start of their next working period. */
export function nextWorkingInstant(from: Date, zone: string | null | undefined, settings: ReminderHours): Date {
  const hours = workingHoursOf(settings);
  const start = from.getTime();
  // Eight days always contain a working day (workingHoursOf never yields an empty week).
  const [first] = workingPeriods(hours, safeZone(zone), { start, end: start + 8 * DAY_MS });
  return first ? new Date(Math.max(start, first.start)) : from;
}

/** The next reminder after one sent at `sentAt`: the cadence first, then the person's working hours. */
export function followUpTime(sentAt: Date, intervalHours: number, zone: string | null | undefined, settings: ReminderHours): Date {
  return nextWorkingInstant(new Date(sentAt.getTime() + Math.max(1, intervalHours) * 60 * 60_000), zone, settings);
}
