// tz_label and tz_offset as Slack reports them: for the given instant, so they follow daylight saving.

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`Unknown IANA time zone "${timeZone}"`);
  }
}

function timeZoneNamePart(timeZone: string, at: Date, style: 'long' | 'longOffset'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

export function timeZoneLabel(timeZone: string, at: Date): string {
  return timeZoneNamePart(timeZone, at, 'long');
}

export function timeZoneOffsetSeconds(timeZone: string, at: Date): number {
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(timeZoneNamePart(timeZone, at, 'longOffset'));
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}
