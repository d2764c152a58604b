import { followUpTime, nextWorkingInstant } from '../../src/reminders/working-hours';

const company = { workingHoursStart: '09:00', workingHoursEnd: '17:00', workingDays: '1,2,3,4,5' };
const at = (iso: string) => new Date(iso);

describe('reminder working hours', () => {
  it('keeps an instant that is inside the person’s working hours', () => {
    expect(nextWorkingInstant(at('2026-11-23T10:00:00Z'), 'Europe/London', company)).toEqual(at('2026-11-23T10:00:00Z'));
  });

  it('moves an evening to the next morning and a Friday evening to Monday, in the person’s zone', () => {
    expect(nextWorkingInstant(at('2026-11-23T18:30:00Z'), 'Europe/London', company)).toEqual(at('2026-11-24T09:00:00Z'));
    expect(nextWorkingInstant(at('2026-11-27T17:00:00Z'), 'Europe/London', company)).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('reads the company hours in each person’s own time zone', () => {
    // 10:00 UTC on a Monday is 19:00 in Tokyo: Tuesday 09:00 there is 00:00 UTC.
    expect(nextWorkingInstant(at('2026-11-23T10:00:00Z'), 'Asia/Tokyo', company)).toEqual(at('2026-11-24T00:00:00Z'));
    expect(nextWorkingInstant(at('2026-11-23T10:00:00Z'), 'America/New_York', company)).toEqual(at('2026-11-23T14:00:00Z'));
  });

  it('follows daylight-saving changes (Europe moves to summer time on 29 March 2026)', () => {
    expect(nextWorkingInstant(at('2026-03-28T12:00:00Z'), 'Europe/London', company)).toEqual(at('2026-03-30T08:00:00Z'));
  });

  it('falls back to UTC for an unknown zone and to Monday–Friday 09–17 for unreadable settings', () => {
    expect(nextWorkingInstant(at('2026-11-28T12:00:00Z'), 'Mars/Olympus', company)).toEqual(at('2026-11-30T09:00:00Z'));
    expect(nextWorkingInstant(at('2026-11-28T12:00:00Z'), 'UTC', { workingHoursStart: 'late', workingHoursEnd: '??', workingDays: 'x' })).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('honours custom working days (Sunday to Thursday)', () => {
    expect(nextWorkingInstant(at('2026-11-27T10:00:00Z'), 'UTC', { ...company, workingDays: '7,1,2,3,4' })).toEqual(at('2026-11-29T09:00:00Z'));
  });

  it('schedules a follow-up after the cadence, then into working hours', () => {
    // Sent Thursday 16:30 London; +48 h is Saturday 16:30; the next working moment is Monday 09:00.
    expect(followUpTime(at('2026-11-26T16:30:00Z'), 48, 'Europe/London', company)).toEqual(at('2026-11-30T09:00:00Z'));
    expect(followUpTime(at('2026-11-23T10:00:00Z'), 24, 'Europe/London', company)).toEqual(at('2026-11-24T10:00:00Z'));
  });
});
