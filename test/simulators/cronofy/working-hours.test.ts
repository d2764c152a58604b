import { workingIntervals } from '../../../src/simulators/cronofy/working-hours';

const utc = (iso: string) => Date.parse(iso);
const asIso = (intervals: Array<{ start: number; end: number }>) =>
  intervals.map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()]);

const WEEKDAYS_NINE_TO_FIVE = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('workingIntervals', () => {
  it('keeps 09:00–17:00 London wall-clock time across the spring daylight-saving change', () => {
    // Clocks go forward on Sunday 30 March 2025: Friday is GMT, Monday is BST.
    const range = { start: utc('2025-03-28T00:00:00Z'), end: utc('2025-04-01T00:00:00Z') };
    expect(asIso(workingIntervals(WEEKDAYS_NINE_TO_FIVE, 'Europe/London', range))).toEqual([
      ['2025-03-28T09:00:00.000Z', '2025-03-28T17:00:00.000Z'],
      ['2025-03-31T08:00:00.000Z', '2025-03-31T16:00:00.000Z'],
    ]);
  });

  it('keeps New York hours across the autumn change', () => {
    // Clocks go back on Sunday 2 November 2025: Friday is EDT (UTC-4), Monday is EST (UTC-5).
    const range = { start: utc('2025-10-31T00:00:00Z'), end: utc('2025-11-04T00:00:00Z') };
    expect(asIso(workingIntervals(WEEKDAYS_NINE_TO_FIVE, 'America/New_York', range))).toEqual([
      ['2025-10-31T13:00:00.000Z', '2025-10-31T21:00:00.000Z'],
      ['2025-11-03T14:00:00.000Z', '2025-11-03T22:00:00.000Z'],
    ]);
  });

  it('uses the local weekday, not the UTC one, for zones ahead of UTC', () => {
    // 08:00 Monday in Auckland is still Sunday in UTC.
    const range = { start: utc('2025-06-01T12:00:00Z'), end: utc('2025-06-02T12:00:00Z') };
    expect(asIso(workingIntervals({ days: [1], start: '08:00', end: '10:00' }, 'Pacific/Auckland', range))).toEqual([
      ['2025-06-01T20:00:00.000Z', '2025-06-01T22:00:00.000Z'],
    ]);
  });

  it('clips working hours to the range and supports half-hour offsets', () => {
    const range = { start: utc('2025-06-02T05:00:00Z'), end: utc('2025-06-02T06:00:00Z') };
    expect(asIso(workingIntervals(WEEKDAYS_NINE_TO_FIVE, 'Asia/Kolkata', range))).toEqual([
      ['2025-06-02T05:00:00.000Z', '2025-06-02T06:00:00.000Z'],
    ]);
    expect(asIso(workingIntervals(WEEKDAYS_NINE_TO_FIVE, 'Asia/Kolkata', { start: 0, end: 1 }))).toEqual([]);
  });
});
