// The panel the calendar-failure tests book with: Rita recruits, Alice (Google, the organizer) and Bob (Office 365)
// interview, all with connected calendars, on a clock the test moves and with Cronofy retries cut to milliseconds.
import type { StartOptions } from '../../src/app';
import { connectCalendar, syncRoster } from '../support/connect';
import { QUICK_CRONOFY_RETRIES } from '../support/fakes';
import { startHarness, type Harness } from '../support/harness';
import { interviewDms, type manualClock } from './scheduling-driver';

export const PANEL = ['U0REC', 'U0ALICE', 'U0BOB'];

export async function startPanelHarness(time: ReturnType<typeof manualClock>, start: StartOptions = {}): Promise<Harness> {
  const harness = await startHarness({
    cronofyClock: time.cronofyClock,
    start: { clock: time.clock, cronofyRetryPolicy: QUICK_CRONOFY_RETRIES, ...start },
    people: [
      { slackId: 'U0REC', name: 'rita', tz: 'Europe/London', calendar: { provider: 'google' } },
      { slackId: 'U0ALICE', name: 'alice', tz: 'Europe/London', calendar: { provider: 'google' } },
      { slackId: 'U0BOB', name: 'bob', tz: 'America/New_York', calendar: { provider: 'office365' } },
    ],
  });
  await syncRoster(harness);
  for (const id of PANEL) await connectCalendar(harness, id);
  return harness;
}

/** What the tests read back about an interview; `harness` is read on each call (it is started in beforeAll). */
export function interviewReads(harness: () => Harness) {
  return {
    interviewTitled: (title: string) => harness().ctx.db.interview.findFirstOrThrow({ where: { title } }),
    /** The organizer's events for the interview that are not deleted. */
    liveEvents: (id: string) => harness().cronofy.events('alice@acme.test').filter((e) => e.eventId === id && !e.deleted),
    historyOf: async (id: string) => (await harness().ctx.db.interviewHistory.findMany({ where: { interviewId: id }, orderBy: { at: 'asc' } })).map((h) => h.action),
    /** The panel's interview DMs of one kind (booked, moved, cancelled) about the interview titled so. */
    dmsAbout: (title: string, kind: string) => PANEL.flatMap((id) => interviewDms(harness(), id)).filter((m) => m.text.startsWith(`Interview ${kind}: ${title}`)),
  };
}
