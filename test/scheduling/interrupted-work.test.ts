// Calendar work cut off by a crash: the replica that claimed the interview died after Cronofy got the write and
// before the record was settled. Each case below replays bookSlot's (or cancelInterview's) own steps up to that
// point through the app's own functions, then lets the watch job, due once such work must be over, settle it.
import { interviewEvent } from '../../src/scheduling/calendar-event';
import { INTERRUPTED_AFTER_MS, RECOVER_INTERRUPTED_JOB, watchClaim } from '../../src/scheduling/interrupted-work';
import { loadInterviewContext } from '../../src/scheduling/interview-context';
import { createInterviewRecords, type CalendarWork, type Interview } from '../../src/scheduling/interview-records';
import type { Period } from '../../src/scheduling/slot-time';
import { QUICK_CRONOFY_RETRIES } from '../support/fakes';
import type { Harness } from '../support/harness';
import { interviewReads, PANEL, startPanelHarness } from './panel-fixture';
import { STATUS, clickSlot, findSlots, interviewDms, manualClock, slotStarts, waitForDm, waitForView } from './scheduling-driver';

const HOUR_MS = 60 * 60_000;

describe('calendar work a crash cut off', () => {
  let harness: Harness;
  const time = manualClock('2027-03-10T12:00:00Z');

  beforeAll(async () => {
    harness = await startPanelHarness(time);
  });

  afterEach(() => harness.cronofy.clearFaults());
  afterAll(() => harness?.stop());

  const { interviewTitled, liveEvents, historyOf, dmsAbout } = interviewReads(() => harness);
  const interruptionDms = () => interviewDms(harness, 'U0REC').filter((m) => m.text.includes('interrupted'));

  const draft = (title: string) =>
    findSlots(harness, 'U0REC', { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', interviewers: ['U0ALICE', 'U0BOB'], organizer: 'U0ALICE', duration: '30', video: 'none', title });

  async function book(title: string): Promise<Interview> {
    const slots = await draft(title);
    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    await waitForDm(harness, 'U0REC', new RegExp(`^Interview booked: ${title}`));
    return interviewTitled(title);
  }

  /** What the killed replica did: watch and claim, then the calendar write Cronofy got; the record was never settled. */
  async function cutOff(interview: Interview, work: CalendarWork, write: (token: string, calendarId: string) => Promise<void>): Promise<void> {
    const ctx = harness.ctx;
    await watchClaim(ctx, interview.id);
    expect(await createInterviewRecords(ctx.db, ctx.ids).claim(interview, work, ctx.clock.now())).toBe(true);
    await ctx.calendars.withAccessToken(interview.organizerEmployeeId, (token) => write(token, interview.calendarId as string));
  }

  async function eventAt(interview: Interview, slot: Period) {
    const workspace = await harness.ctx.db.workspace.findUniqueOrThrow({ where: { id: interview.workspaceId } });
    const context = await loadInterviewContext(harness.ctx, workspace, interview);
    return interviewEvent(context, { slot, conferencing: null, publicUrl: harness.ctx.publicUrl, recruiterName: context.recruiterName });
  }

  /** A draft whose booking was cut off after Cronofy wrote its event at the first slot shown. */
  async function bookingCutOffAfterWrite(title: string) {
    const slots = await draft(title);
    const interview = await interviewTitled(title);
    const start = slotStarts(slots)[0];
    const event = await eventAt(interview, { start, end: start + 30 * 60_000 });
    await cutOff(interview, 'booking', (token, calendarId) => harness.ctx.cronofy.upsertEvent(token, calendarId, event));
    return { slots, interview, start };
  }

  async function whenWorkMustBeOver(): Promise<void> {
    time.advance(INTERRUPTED_AFTER_MS + 1_000);
    await harness.ctx.jobs.drain();
  }

  it('takes back a booking Cronofy wrote: the event is deleted, the draft can be booked again, and the recruiter is told', async () => {
    const { slots, interview, start } = await bookingCutOffAfterWrite('Cut off booking');
    expect(liveEvents(interview.id)).toHaveLength(1);

    await whenWorkMustBeOver();
    expect(liveEvents(interview.id)).toEqual([]);
    expect(await interviewTitled('Cut off booking')).toMatchObject({ status: 'draft', statusReason: 'interrupted', start: null, revision: 0 });
    expect(await historyOf(interview.id)).toEqual(['drafted', 'booking_interrupted']);
    const notice = await waitForDm(harness, 'U0REC', /interrupted while booking \*Cut off booking\* with Jane Doe/);
    expect(notice.text).toContain('Nothing was booked.');

    // Nothing half-booked is left behind: the same slot books cleanly.
    await clickSlot(harness, 'U0REC', slots.id, start);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    expect(liveEvents(interview.id)).toHaveLength(1);
    expect(await interviewTitled('Cut off booking')).toMatchObject({ status: 'booked', revision: 1 });
  });

  it('puts a moved event back at the interview’s time and keeps it booked', async () => {
    const booked = await book('Cut off move');
    const [before] = liveEvents(booked.id);
    const later = (booked.start as Date).getTime() + 2 * HOUR_MS;
    const moved = await eventAt(booked, { start: later, end: later + 30 * 60_000 });
    await cutOff(booked, 'rescheduling', (token, calendarId) => harness.ctx.cronofy.upsertEvent(token, calendarId, moved));
    expect(liveEvents(booked.id)[0].start).not.toBe(before.start);

    await whenWorkMustBeOver();
    expect(liveEvents(booked.id).map((e) => [e.start, e.end])).toEqual([[before.start, before.end]]);
    expect(await interviewTitled('Cut off move')).toMatchObject({ status: 'booked', statusReason: 'interrupted', start: booked.start, revision: booked.revision });
    expect(await historyOf(booked.id)).toEqual(['drafted', 'booked', 'reschedule_interrupted']);
    const notice = await waitForDm(harness, 'U0REC', /interrupted while moving \*Cut off move\*/);
    expect(notice.text).toContain('It stays at');
    expect(dmsAbout('Cut off move', 'moved')).toEqual([]);
  });

  it('finishes a cancellation: the event stays deleted and everyone is told it is cancelled', async () => {
    const booked = await book('Cut off cancel');
    await cutOff(booked, 'cancelling', (token, calendarId) => harness.ctx.cronofy.deleteEvent(token, calendarId, booked.id));

    await whenWorkMustBeOver();
    expect(liveEvents(booked.id)).toEqual([]);
    expect(await interviewTitled('Cut off cancel')).toMatchObject({ status: 'cancelled', revision: booked.revision + 1 });
    expect(await historyOf(booked.id)).toEqual(['drafted', 'booked', 'cancelled']);
    for (const id of PANEL.filter((person) => person !== 'U0ALICE')) await waitForDm(harness, id, /^Interview cancelled: Cut off cancel/);
  });

  it('tries again later while Cronofy is down, and settles once it answers', async () => {
    const { interview } = await bookingCutOffAfterWrite('Cut off in outage');
    harness.cronofy.failNext({ method: 'DELETE', path: /^\/v1\/calendars\/[^/]+\/events$/ }, { status: 503, times: QUICK_CRONOFY_RETRIES.attempts });

    await whenWorkMustBeOver();
    expect(await interviewTitled('Cut off in outage')).toMatchObject({ status: 'booking' });
    expect(liveEvents(interview.id)).toHaveLength(1);
    const retry = await harness.ctx.db.job.findFirstOrThrow({ where: { kind: RECOVER_INTERRUPTED_JOB, payload: { contains: interview.id } } });
    expect(retry).toMatchObject({ status: 'queued', attempts: 1 });

    time.set(retry.runAt.toISOString());
    await harness.ctx.jobs.drain();
    expect(liveEvents(interview.id)).toEqual([]);
    expect(await interviewTitled('Cut off in outage')).toMatchObject({ status: 'draft', statusReason: 'interrupted' });
  });

  it('leaves work that finished in time alone', async () => {
    const booked = await book('Finished in time');
    expect(await harness.ctx.db.job.count({ where: { kind: RECOVER_INTERRUPTED_JOB, payload: { contains: booked.id } } })).toBe(1);
    const noticesBefore = interruptionDms().length;

    await whenWorkMustBeOver();
    expect(await harness.ctx.db.job.count({ where: { kind: RECOVER_INTERRUPTED_JOB, payload: { contains: booked.id } } })).toBe(0);
    expect(await interviewTitled('Finished in time')).toMatchObject({ status: 'booked', statusReason: null, revision: booked.revision });
    expect(liveEvents(booked.id)).toHaveLength(1);
    expect(interruptionDms()).toHaveLength(noticesBefore);
  });
});
