// Small fakes of the ports for unit tests.
import type { Clock } from '../../src/platform/clock';
import type { IdGenerator } from '../../src/platform/ids';

export function fakeClock(start = new Date('2026-11-23T10:00:00Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (date) => {
      now = date.getTime();
    },
  };
}

export function sequentialIds(): IdGenerator {
  let next = 0;
  return { id: (prefix) => `${prefix ?? 'id'}_${(next += 1)}` };
}
