// Instants as the viewing admin reads them: in their own time zone, with the zone's abbreviation.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

export function formatInZone(instant: Date, timeZone: string, pattern = 'EEE d MMM yyyy, HH:mm zzz'): string {
  try {
    return format(new TZDate(instant.getTime(), timeZone), pattern);
  } catch {
    // An unknown zone name from a profile must not break a status message.
    return format(new TZDate(instant.getTime(), 'UTC'), pattern);
  }
}
