// The demo company's calendars are not empty: each person has a few recurring meetings over the next two working
// weeks, in their own zone, so availability searches and the sandbox's calendars panel have something to show.
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { isWeekend } from 'date-fns/isWeekend';
import type { BusySeed } from '../simulators/cronofy';
import type { DemoPerson } from './demo-company';

interface RecurringMeeting {
  summary: string;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  start: string;
  minutes: number;
}

const EVERYONE: RecurringMeeting[] = [{ summary: 'Team stand-up', days: [1, 2, 3, 4, 5], start: '09:30', minutes: 15 }];

const BY_ROLE: Record<DemoPerson['role'], RecurringMeeting[]> = {
  admin: [
    { summary: 'IT operations review', days: [2, 4], start: '14:00', minutes: 60 },
    { summary: 'Vendor call', days: [3], start: '11:00', minutes: 30 },
  ],
  recruiter: [
    { summary: 'Candidate screening calls', days: [1, 3, 5], start: '10:00', minutes: 90 },
    { summary: 'Hiring sync', days: [2], start: '15:00', minutes: 45 },
  ],
  employee: [
    { summary: 'Focus time', days: [1, 3], start: '13:00', minutes: 120 },
    { summary: 'Project sync', days: [2, 4], start: '11:00', minutes: 60 },
    { summary: '1:1 with manager', days: [5], start: '15:30', minutes: 30 },
  ],
};

const WORKING_DAYS_AHEAD = 10;

export function demoBusyTimes(person: Pick<DemoPerson, 'role' | 'tz'>, now: Date): BusySeed[] {
  const meetings = [...EVERYONE, ...BY_ROLE[person.role]];
  const seeds: BusySeed[] = [];
  const today = new TZDate(now.getTime(), person.tz);
  for (let offset = 0, workingDays = 0; workingDays < WORKING_DAYS_AHEAD; offset += 1) {
    const day = addDays(today, offset);
    if (isWeekend(day)) continue;
    workingDays += 1;
    const isoWeekday = day.getDay() === 0 ? 7 : day.getDay();
    for (const meeting of meetings.filter((candidate) => candidate.days.includes(isoWeekday))) {
      const [hour, minute] = meeting.start.split(':').map(Number);
      const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute, person.tz);
      if (start.getTime() + meeting.minutes * 60_000 <= now.getTime()) continue;
      seeds.push({ start: new Date(start.getTime()), end: new Date(start.getTime() + meeting.minutes * 60_000), summary: meeting.summary });
    }
  }
  return seeds;
}
