// Readiness at a glance in plain text: a ten-cell bar and a percentage, readable in Slack and on the Home tab.
const CELLS = 10;

/** Whole percent, rounded down so "100%" only ever means everyone. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((Math.min(part, whole) / whole) * 100);
}

/** `▓▓▓▓▓▓░░░░ 62%`; a bar with any progress shows at least one filled cell. */
export function readinessBar(part: number, whole: number): string {
  const pct = percent(part, whole);
  const filled = part > 0 && whole > 0 ? Math.max(1, Math.floor((Math.min(part, whole) / whole) * CELLS)) : 0;
  return `${'▓'.repeat(filled)}${'░'.repeat(CELLS - filled)} ${pct}%`;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return numberFormat.format(n);
}

/** "1 person" / "2,345 people". */
export function people(n: number): string {
  return `${count(n)} ${n === 1 ? 'person' : 'people'}`;
}
