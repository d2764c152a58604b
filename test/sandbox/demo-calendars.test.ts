import { TZDate } from '@date-fns/tz';
import { demoBusyTimes } from '../../src/sandbox/demo-calendars';

describe('demo busy times', () => {
  // Friday 11 January 2030, 12:00 UTC.
  const now = new Date(Date.UTC(2030, 0, 11, 12));

  it('fills the next ten working days with meetings in the person’s own zone, never on weekends', () => {
    const busy = demoBusyTimes({ role: 'employee', tz: 'America/Los_Angeles' }, now);
    const starts = busy.map((seed) => new TZDate((seed.start as Date).getTime(), 'America/Los_Angeles'));
    expect(starts.every((start) => start.getDay() !== 0 && start.getDay() !== 6)).toBe(true);
    const standUps = busy.filter((seed) => seed.summary === 'Team stand-up').map((seed) => new TZDate((seed.start as Date).getTime(), 'America/Los_Angeles'));
    expect(standUps).toHaveLength(10);
    expect(standUps.every((start) => start.getHours() === 9 && start.getMinutes() === 30)).toBe(true);
  });

  it('starts with what is still ahead today and gives each role its own meetings', () => {
    const busy = demoBusyTimes({ role: 'recruiter', tz: 'Europe/London' }, now);
    expect(busy.every((seed) => (seed.end as Date).getTime() > now.getTime())).toBe(true);
    expect(busy.some((seed) => seed.summary === 'Candidate screening calls')).toBe(true);
    expect(busy.some((seed) => seed.summary === 'Focus time')).toBe(false);
    // Friday's 09:30 London stand-up is over at 12:00 UTC, so the first one is Monday's.
    expect((busy[0].start as Date).toISOString()).toBe('2030-01-14T09:30:00.000Z');
  });
});
