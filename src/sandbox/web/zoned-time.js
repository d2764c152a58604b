// Wall-clock time in a person's IANA zone with Intl only (no library in the browser): formatting instants,
// and converting a datetime-local field to epoch seconds and back.

/** @type {Map<string, Intl.DateTimeFormat>} */
const partsFormats = new Map();

/**
 * @param {string} timeZone
 * @returns {Intl.DateTimeFormat}
 */
function partsFormat(timeZone) {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The wall-clock fields of an instant in a zone.
 * @param {number} ms
 * @param {string} timeZone
 * @returns {{ year: number, month: number, day: number, hour: number, minute: number, second: number }}
 */
function wallClock(ms, timeZone) {
  /** @type {Record<string, number>} */
  const fields = {};
  for (const part of partsFormat(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second };
}

/**
 * Offset of the zone from UTC at an instant, in milliseconds.
 * @param {number} ms
 * @param {string} timeZone
 */
function offsetAt(ms, timeZone) {
  const wall = wallClock(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * `YYYY-MM-DDTHH:mm` for an <input type="datetime-local">, as the person's clock shows the instant.
 * @param {number} epochSeconds
 * @param {string} timeZone
 */
export function toLocalInput(epochSeconds, timeZone) {
  const wall = wallClock(epochSeconds * 1000, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * Epoch seconds of a `YYYY-MM-DDTHH:mm` wall-clock time in the zone; null when the text is not one.
 * A time skipped by a daylight-saving change is read with the offset from before the change.
 * @param {string} local
 * @param {string} timeZone
 * @returns {number | null}
 */
export function fromLocalInput(local, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset near the wall-clock time, then the offset at the instant that gives: they differ only near a change.
  const firstGuess = asUtc - offsetAt(asUtc, timeZone);
  const secondGuess = asUtc - offsetAt(firstGuess, timeZone);
  const exact = [firstGuess, secondGuess].find((guess) => guess + offsetAt(guess, timeZone) === asUtc);
  return Math.floor((exact ?? Math.max(firstGuess, secondGuess)) / 1000);
}

/**
 * "Tue 14 Jan, 09:30" in the zone.
 * @param {number} ms
 * @param {string} timeZone
 */
export function formatDateTime(ms, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

/**
 * "09:30" in the zone.
 * @param {number} ms
 * @param {string} timeZone
 */
export function formatClock(ms, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

/**
 * "Tue 14 Jan" in the zone.
 * @param {number} ms
 * @param {string} timeZone
 */
export function formatDay(ms, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(ms));
}

/**
 * The zone's short name at an instant, e.g. "CET" or "GMT-5".
 * @param {number} ms
 * @param {string} timeZone
 */
export function zoneAbbreviation(ms, timeZone) {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
  return part ? part.value : timeZone;
}
