// Which calendar button a person's checklist offers. The one place that decides it, so Enterprise Connect
// (issue 4) turns "Connect …" into "Sync calendar" here and nowhere else.
import type { CalendarFacts } from '../readiness/readiness';
import { CALENDAR_CHOICES } from '../readiness/providers';

export type CalendarChoiceEntry = (typeof CALENDAR_CHOICES)[number];

export type CalendarAction =
  /** Nothing to do: the calendar is connected. */
  | { kind: 'none' }
  /** Pick a provider: one Connect button per calendar choice. */
  | { kind: 'choose'; choices: readonly CalendarChoiceEntry[] }
  /** Sign in again to the provider that disconnected (preselected on Cronofy's page). */
  | { kind: 'relink'; choice: CalendarChoiceEntry }
  /** The company linked Enterprise Connect: one "Sync calendar" button, no sign-in for the person. */
  | { kind: 'sync' };

export function decideCalendarAction(calendar: CalendarFacts, options: { enterpriseConnect: boolean }): CalendarAction {
  if (calendar.state === 'connected') return { kind: 'none' };
  if (options.enterpriseConnect) return { kind: 'sync' };
  const previous = CALENDAR_CHOICES.find((choice) => choice.cronofyProvider === calendar.providerName);
  if (calendar.state === 'disconnected' && previous) return { kind: 'relink', choice: previous };
  return { kind: 'choose', choices: CALENDAR_CHOICES };
}

