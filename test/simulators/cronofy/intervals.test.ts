import { covers, intersect, normalize, subtract } from '../../../src/simulators/cronofy/intervals';

const i = (start: number, end: number) => ({ start, end });

describe('intervals', () => {
  it('normalize merges overlapping and touching intervals and drops empty ones', () => {
    expect(normalize([i(5, 7), i(1, 3), i(3, 4), i(6, 9), i(10, 10)])).toEqual([i(1, 4), i(5, 9)]);
  });

  it('intersect keeps only time present in both sets', () => {
    expect(intersect([i(0, 10), i(20, 30)], [i(5, 25)])).toEqual([i(5, 10), i(20, 25)]);
  });

  it('subtract cuts busy time out of free time', () => {
    expect(subtract([i(0, 10)], [i(2, 3), i(5, 7), i(9, 12)])).toEqual([i(0, 2), i(3, 5), i(7, 9)]);
  });

  it('covers is true only when one interval holds the whole target', () => {
    expect(covers([i(0, 5), i(5, 10)], i(4, 6))).toBe(false);
    expect(covers(normalize([i(0, 5), i(5, 10)]), i(4, 6))).toBe(true);
  });
});
