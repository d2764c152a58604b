import { findAvailability, type AvailabilityQuery } from '../../../src/simulators/cronofy/availability';
import { workingIntervals } from '../../../src/simulators/cronofy/working-hours';

const MINUTE = 60 * 1000;
const utc = (iso: string) => Date.parse(iso);
const period = (start: string, end: string) => ({ start: utc(start), end: utc(end) });
const asIso = (found: Array<{ start: number; end: number; participants: string[] }>) =>
  found.map(({ start, end, participants }) => ({
    start: new Date(start).toISOString().slice(11, 16),
    end: new Date(end).toISOString().slice(11, 16),
    participants,
  }));

function query(overrides: Partial<AvailabilityQuery>): AvailabilityQuery {
  return {
    groups: [],
    queryPeriods: [period('2025-06-02T09:00:00Z', '2025-06-02T12:00:00Z')],
    durationMs: 60 * MINUTE,
    bufferBeforeMs: 0,
    bufferAfterMs: 0,
    startIntervalMs: 30 * MINUTE,
    format: 'periods',
    maxResults: 512,
    ...overrides,
  };
}

describe('findAvailability', () => {
  it('returns the periods every required member is free', () => {
    const found = findAvailability(
      query({
        groups: [
          {
            required: 'all',
            members: [
              { id: 'acc_a', busy: [period('2025-06-02T10:00:00Z', '2025-06-02T10:30:00Z')] },
              { id: 'acc_b', busy: [] },
            ],
          },
        ],
        durationMs: 30 * MINUTE,
      }),
    );
    expect(asIso(found)).toEqual([
      { start: '09:00', end: '10:00', participants: ['acc_a', 'acc_b'] },
      { start: '10:30', end: '12:00', participants: ['acc_a', 'acc_b'] },
    ]);
  });

  it('drops periods shorter than the required duration', () => {
    const found = findAvailability(
      query({ groups: [{ required: 'all', members: [{ id: 'acc_a', busy: [period('2025-06-02T09:30:00Z', '2025-06-02T11:30:00Z')] }] }] }),
    );
    expect(found).toEqual([]);
  });

  it('keeps buffers before and after clear of busy time', () => {
    const found = findAvailability(
      query({
        groups: [{ required: 'all', members: [{ id: 'acc_a', busy: [period('2025-06-02T10:00:00Z', '2025-06-02T10:30:00Z')] }] }],
        queryPeriods: [period('2025-06-02T08:00:00Z', '2025-06-02T13:00:00Z')],
        bufferBeforeMs: 15 * MINUTE,
        bufferAfterMs: 30 * MINUTE,
        durationMs: 30 * MINUTE,
        format: 'overlapping_slots',
      }),
    );
    // A slot must end 30 minutes before 10:00 and start 15 minutes after 10:30.
    expect(asIso(found).map((slot) => slot.start)).toEqual(['08:00', '08:30', '09:00', '11:00', '11:30', '12:00', '12:30']);
  });

  it('aligns slot starts to the start interval even when the period starts off the grid', () => {
    const found = findAvailability(
      query({
        groups: [{ required: 'all', members: [{ id: 'acc_a', busy: [] }] }],
        queryPeriods: [period('2025-06-02T09:10:00Z', '2025-06-02T11:30:00Z')],
        durationMs: 30 * MINUTE,
        startIntervalMs: 20 * MINUTE,
        format: 'overlapping_slots',
      }),
    );
    expect(asIso(found).map((slot) => slot.start)).toEqual(['09:20', '09:40', '10:00', '10:20', '10:40', '11:00']);
  });

  it('slots do not overlap while overlapping_slots start every interval', () => {
    const base = query({
      groups: [{ required: 'all', members: [{ id: 'acc_a', busy: [] }] }],
      queryPeriods: [period('2025-06-02T09:00:00Z', '2025-06-02T11:00:00Z')],
    });
    expect(asIso(findAvailability({ ...base, format: 'slots' })).map((slot) => slot.start)).toEqual(['09:00', '10:00']);
    expect(asIso(findAvailability({ ...base, format: 'overlapping_slots' })).map((slot) => slot.start)).toEqual([
      '09:00',
      '09:30',
      '10:00',
    ]);
  });

  it('a group with required 1 is satisfied by whichever member is free', () => {
    const found = findAvailability(
      query({
        groups: [
          {
            required: 1,
            members: [
              { id: 'acc_a', busy: [period('2025-06-02T09:00:00Z', '2025-06-02T10:00:00Z')] },
              { id: 'acc_b', busy: [period('2025-06-02T10:00:00Z', '2025-06-02T12:00:00Z')] },
            ],
          },
        ],
        format: 'slots',
      }),
    );
    expect(asIso(found)).toEqual([
      { start: '09:00', end: '10:00', participants: ['acc_b'] },
      { start: '10:00', end: '11:00', participants: ['acc_a'] },
      { start: '11:00', end: '12:00', participants: ['acc_a'] },
    ]);
  });

  it('finds the overlap of two people’s working hours in different zones across a DST change', () => {
    // London moves to BST on 30 March 2025; New York moved on 9 March. On Monday 31 March
    // London works 08:00–16:00 UTC and New York 13:00–21:00 UTC: they overlap 13:00–16:00 UTC.
    const range = period('2025-03-31T00:00:00Z', '2025-04-01T00:00:00Z');
    const hours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    const found = findAvailability(
      query({
        groups: [
          {
            required: 'all',
            members: [
              { id: 'acc_london', busy: [], windows: workingIntervals(hours, 'Europe/London', range) },
              { id: 'acc_new_york', busy: [], windows: workingIntervals(hours, 'America/New_York', range) },
            ],
          },
        ],
        queryPeriods: [range],
      }),
    );
    expect(asIso(found)).toEqual([{ start: '13:00', end: '16:00', participants: ['acc_london', 'acc_new_york'] }]);
  });

  it('stops at max_results', () => {
    const found = findAvailability(
      query({ groups: [{ required: 'all', members: [{ id: 'acc_a', busy: [] }] }], format: 'overlapping_slots', maxResults: 2 }),
    );
    expect(found).toHaveLength(2);
  });
});
