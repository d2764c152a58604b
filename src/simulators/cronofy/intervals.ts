// Half-open time intervals in epoch milliseconds and the set operations availability needs.

export interface Interval {
  start: number;
  end: number;
}

/** Sorts, drops empty intervals and merges overlapping or touching ones. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = normalize(a);
  const right = normalize(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (end > start) result.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return result;
}

export function subtract(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const removals = normalize(remove);
  const result: Interval[] = [];
  for (const interval of normalize(from)) {
    let cursor = interval.start;
    for (const cut of removals) {
      if (cut.end <= cursor || cut.start >= interval.end) continue;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** True when `target` lies entirely inside one of the (normalized) intervals. */
export function covers(intervals: readonly Interval[], target: Interval): boolean {
  return intervals.some((i) => i.start <= target.start && i.end >= target.end);
}
