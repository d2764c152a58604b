// Golden tests for scheduling time arithmetic, around the 2027 daylight-saving changes. The US and the EU
// change on different dates (US: 14 Mar and 7 Nov; EU: 28 Mar and 31 Oct), so London–New York overlaps shift twice.
import {
  addDays,
  bestSlots,
  dateWindowOf,
  defaultWindow,
  formatSlot,
  formatSlotForPerson,
  localDate,
  localStartFor,
  longestSharedMinutes,
  nthWorkingDayAfter,
  offsetLabel,
  parseDuration,
  parseWorkingDays,
  startIntervalMinutes,
  startOfLocalDate,
  widerWindow,
  windowPeriod,
  windowProblems,
  workingHoursOf,
  workingPeriods,
  type Period,
} from '../../src/scheduling/slot-time';

const at = (iso: string) => Date.parse(iso);
const iso = (periods: Period[]) => periods.map((p) => `${new Date(p.start).toISOString().slice(0, 16)}/${new Date(p.end).toISOString().slice(11, 16)}`);
const NINE_TO_FIVE = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';

describe('working hours in each person’s own zone', () => {
  it('moves New York’s working day an hour earlier in UTC after the US change on 14 March, while London stays put', () => {
    const range = { start: at('2027-03-12T00:00:00Z'), end: at('2027-03-17T00:00:00Z') };
    expect(iso(workingPeriods(NINE_TO_FIVE, NEW_YORK, range))).toEqual(['2027-03-12T14:00/22:00', '2027-03-15T13:00/21:00', '2027-03-16T13:00/21:00']);
    expect(iso(workingPeriods(NINE_TO_FIVE, LONDON, range))).toEqual(['2027-03-12T09:00/17:00', '2027-03-15T09:00/17:00', '2027-03-16T09:00/17:00']);
  });

  it('moves London’s working day an hour earlier in UTC after the EU change on 28 March', () => {
    const range = { start: at('2027-03-26T00:00:00Z'), end: at('2027-03-30T00:00:00Z') };
    expect(iso(workingPeriods(NINE_TO_FIVE, LONDON, range))).toEqual(['2027-03-26T09:00/17:00', '2027-03-29T08:00/16:00']);
  });

  it('gives London and New York 3 shared hours, then 4 in the week between the EU and US autumn changes, then 3 again', () => {
    const shared = (from: string, to: string) => {
      const range = { start: at(from), end: at(to) };
      return longestSharedMinutes([workingPeriods(NINE_TO_FIVE, LONDON, range), workingPeriods(NINE_TO_FIVE, NEW_YORK, range)]);
    };
    expect(shared('2027-10-27T00:00:00Z', '2027-10-28T00:00:00Z')).toBe(180);
    expect(shared('2027-11-02T00:00:00Z', '2027-11-03T00:00:00Z')).toBe(240);
    expect(shared('2027-11-09T00:00:00Z', '2027-11-10T00:00:00Z')).toBe(180);
  });

  it('keeps a round-the-clock day 23 hours long on the spring change and 25 on the autumn one', () => {
    const allDay = { start: '00:00', end: '24:00', days: [7] };
    const [spring] = workingPeriods(allDay, NEW_YORK, { start: at('2027-03-13T12:00:00Z'), end: at('2027-03-16T00:00:00Z') });
    const [autumn] = workingPeriods(allDay, NEW_YORK, { start: at('2027-11-06T12:00:00Z'), end: at('2027-11-09T00:00:00Z') });
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
  });

  it('handles half-hour offsets and clips to the range', () => {
    const range = { start: at('2027-03-15T05:00:00Z'), end: at('2027-03-15T10:00:00Z') };
    expect(iso(workingPeriods(NINE_TO_FIVE, 'Asia/Kolkata', range))).toEqual(['2027-03-15T05:00/10:00']);
    expect(iso(workingPeriods(NINE_TO_FIVE, 'Asia/Kolkata', { start: at('2027-03-15T00:00:00Z'), end: at('2027-03-16T00:00:00Z') }))).toEqual(['2027-03-15T03:30/11:30']);
  });

  it('reads workspace settings, falling back to 09:00–17:00 Monday–Friday when they are unreadable', () => {
    expect(workingHoursOf({ workingHoursStart: '08:30', workingHoursEnd: '18:00', workingDays: '1,2,3,4,7' })).toEqual({ start: '08:30', end: '18:00', days: [1, 2, 3, 4, 7] });
    expect(workingHoursOf({ workingHoursStart: '18:00', workingHoursEnd: '08:00', workingDays: 'x' })).toEqual(NINE_TO_FIVE);
    expect(parseWorkingDays('5, 1, 9, 1')).toEqual([1, 5]);
  });
});

describe('search windows in the recruiter’s zone', () => {
  it('defaults to the rest of today plus the next five working days', () => {
    expect(defaultWindow(at('2027-03-10T12:00:00Z'), LONDON, [1, 2, 3, 4, 5])).toEqual({ startDate: '2027-03-10', endDate: '2027-03-17' });
    // Saturday morning in Tokyo while it is still Friday in UTC.
    expect(defaultWindow(at('2027-03-12T20:00:00Z'), 'Asia/Tokyo', [1, 2, 3, 4, 5])).toEqual({ startDate: '2027-03-13', endDate: '2027-03-19' });
    expect(nthWorkingDayAfter('2027-03-12', 1, [1, 2, 3, 4, 5])).toBe('2027-03-15');
  });

  it('turns a date window into instants from local midnight across a DST change, starting no sooner than 30 minutes from now', () => {
    expect(startOfLocalDate('2027-03-29', LONDON)).toBe(at('2027-03-28T23:00:00Z'));
    const period = windowPeriod({ startDate: '2027-03-26', endDate: '2027-03-29' }, LONDON, at('2027-03-26T10:07:00Z'));
    expect(new Date(period.start).toISOString()).toBe('2027-03-26T10:45:00.000Z');
    expect(new Date(period.end).toISOString()).toBe('2027-03-29T23:00:00.000Z');
    expect(dateWindowOf(period, LONDON)).toEqual({ startDate: '2027-03-26', endDate: '2027-03-29' });
  });

  it('refuses windows in the past, backwards, or longer than Cronofy’s 35 days, naming the field', () => {
    const now = at('2027-03-10T12:00:00Z');
    expect(windowProblems({ startDate: '2027-03-01', endDate: '2027-03-05' }, LONDON, now)).toEqual([{ field: 'window_end', message: expect.stringContaining('in the past') }]);
    expect(windowProblems({ startDate: '2027-03-09', endDate: '2027-03-12' }, LONDON, now)).toEqual([{ field: 'window_start', message: expect.stringContaining('past') }]);
    expect(windowProblems({ startDate: '2027-03-12', endDate: '2027-03-11' }, LONDON, now)).toEqual([{ field: 'window_end', message: expect.stringContaining('on or after') }]);
    expect(windowProblems({ startDate: '2027-03-10', endDate: '2027-04-14' }, LONDON, now)).toEqual([{ field: 'window_end', message: expect.stringContaining('35 days') }]);
    expect(windowProblems({ startDate: '2027-03-10', endDate: '2027-04-13' }, LONDON, now)).toEqual([]);
    expect(windowProblems({ startDate: '2027-02-30', endDate: '2027-03-12' }, LONDON, now)).toEqual([{ field: 'window_start', message: expect.any(String) }]);
  });

  it('tells the local date of an instant at each side of midnight and of a DST change, in whole, half and quarter-hour zones', () => {
    expect(localDate(at('2027-03-13T04:59:00Z'), NEW_YORK)).toBe('2027-03-12');
    expect(localDate(at('2027-03-13T05:00:00Z'), NEW_YORK)).toBe('2027-03-13');
    // New York springs forward on 14 March: midnight is then 04:00 UTC, not 05:00.
    expect(localDate(at('2027-03-15T03:59:00Z'), NEW_YORK)).toBe('2027-03-14');
    expect(localDate(at('2027-03-15T04:00:00Z'), NEW_YORK)).toBe('2027-03-15');
    expect(localDate(at('2027-03-28T23:30:00Z'), LONDON)).toBe('2027-03-29');
    expect(localDate(at('2027-03-27T23:30:00Z'), LONDON)).toBe('2027-03-27');
    expect(localDate(at('2027-03-09T18:29:00Z'), 'Asia/Kolkata')).toBe('2027-03-09');
    expect(localDate(at('2027-03-09T18:30:00Z'), 'Asia/Kolkata')).toBe('2027-03-10');
    expect(localDate(at('2027-03-09T18:14:00Z'), 'Asia/Kathmandu')).toBe('2027-03-09');
    expect(localDate(at('2027-03-09T18:15:00Z'), 'Asia/Kathmandu')).toBe('2027-03-10');
    // Across the date line: the same instant is two different days.
    expect(localDate(at('2027-03-09T12:00:00Z'), 'Pacific/Kiritimati')).toBe('2027-03-10');
    expect(localDate(at('2027-03-09T12:00:00Z'), 'Pacific/Pago_Pago')).toBe('2027-03-09');
  });

  it('widens by five more working days up to the 35-day limit, then stops', () => {
    expect(widerWindow({ startDate: '2027-03-10', endDate: '2027-03-17' }, [1, 2, 3, 4, 5])).toEqual({ startDate: '2027-03-10', endDate: '2027-03-24' });
    expect(widerWindow({ startDate: '2027-03-10', endDate: '2027-04-10' }, [1, 2, 3, 4, 5])).toEqual({ startDate: '2027-03-10', endDate: addDays('2027-03-10', 34) });
    expect(widerWindow({ startDate: '2027-03-10', endDate: '2027-04-13' }, [1, 2, 3, 4, 5])).toBeNull();
  });
});

describe('how a slot reads for each viewer', () => {
  const slot = { start: at('2027-03-15T13:00:00Z'), end: at('2027-03-15T14:00:00Z') };

  it('shows the same instant in London, New York and Tokyo with the offset in force', () => {
    expect(formatSlot(slot, LONDON)).toBe('Mon 15 Mar, 13:00–14:00');
    expect(formatSlot(slot, NEW_YORK)).toBe('Mon 15 Mar, 09:00–10:00');
    expect(formatSlotForPerson(slot, NEW_YORK)).toBe('Mon 15 Mar, 09:00–10:00 (New York time, GMT-4)');
    expect(offsetLabel(at('2027-03-12T13:00:00Z'), NEW_YORK)).toBe('GMT-5');
    expect(offsetLabel(at('2027-03-29T13:00:00Z'), LONDON)).toBe('GMT+1');
    expect(formatSlot({ start: at('2027-03-15T14:30:00Z'), end: at('2027-03-15T15:30:00Z') }, 'Asia/Tokyo')).toBe('Mon 15 Mar, 23:30–Tue 00:30');
  });

  it('names the weekday of an interviewer whose date differs from the recruiter’s', () => {
    expect(localStartFor(slot.start, NEW_YORK, LONDON)).toBe('09:00');
    expect(localStartFor(at('2027-03-15T16:00:00Z'), 'Asia/Tokyo', LONDON)).toBe('Tue 01:00');
  });

  it('spreads the shown slots over several days, earliest first', () => {
    const hourly = (day: string, hours: number[]) => hours.map((h) => ({ start: at(`${day}T${String(h).padStart(2, '0')}:00:00Z`), end: at(`${day}T${String(h).padStart(2, '0')}:45:00Z`) }));
    const slots = [...hourly('2027-03-15', [9, 10, 11, 12, 13]), ...hourly('2027-03-16', [9, 10])];
    expect(iso(bestSlots(slots, LONDON, 5))).toEqual(['2027-03-15T09:00/09:45', '2027-03-15T10:00/10:45', '2027-03-15T11:00/11:45', '2027-03-16T09:00/09:45', '2027-03-16T10:00/10:45']);
    expect(bestSlots(slots, LONDON, 20)).toHaveLength(7);
  });
});

describe('durations', () => {
  it.each([
    ['45', 45],
    ['45m', 45],
    ['45 min', 45],
    ['1h', 60],
    ['1h30', 90],
    ['1h 30m', 90],
    ['1.5h', 90],
    ['90 minutes', 90],
    ['300', 300],
  ])('reads %p as %p minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', 'soon', '1.33h', '-5', '45s'])('does not guess at %p', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('steps by half hours for whole and half hours, quarter hours otherwise', () => {
    expect(startIntervalMinutes(60)).toBe(30);
    expect(startIntervalMinutes(90)).toBe(30);
    expect(startIntervalMinutes(45)).toBe(15);
  });
});
