// Moving and cancelling a booked interview while Cronofy keeps answering 5xx or nothing at all (booking and the
// first slot search are in cronofy-failures.test.ts): the person who clicked is told what happened and that the
// interview stays as it was, nobody else is told anything, the calendar is unchanged, and the log names the cause.
import type { MessageRecord } from '../../src/simulators/slack';
import { recordingLogger } from '../support/fakes';
import type { Harness } from '../support/harness';
import { interviewReads, startPanelHarness } from './panel-fixture';
import { STATUS, SLOTS, blockText, clickSlot, findSlots, manualClock, newModal, slotStarts, waitForDm, waitForView } from './scheduling-driver';

const EVENTS_PATH = /^\/v1\/calendars\/[^/]+\/events$/;

describe('moving or cancelling while Cronofy is down', () => {
  let harness: Harness;
  const time = manualClock('2027-03-10T12:00:00Z');
  const logger = recordingLogger();

  beforeAll(async () => {
    harness = await startPanelHarness(time, { logger });
  });

  afterEach(() => harness.cronofy.clearFaults());
  afterAll(() => harness?.stop());

  const { interviewTitled, liveEvents, historyOf, dmsAbout } = interviewReads(() => harness);

  async function book(title: string): Promise<MessageRecord> {
    const slots = await findSlots(harness, 'U0REC', { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', interviewers: ['U0ALICE', 'U0BOB'], organizer: 'U0ALICE', duration: '30', video: 'none', title });
    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    return waitForDm(harness, 'U0REC', new RegExp(`^Interview booked: ${title}`));
  }

  async function openReschedule(dm: MessageRecord) {
    return newModal(harness, 'U0REC', () => harness.slack.clickButton({ userId: 'U0REC', actionId: 'interview_reschedule', in: { channel: dm.channel, ts: dm.ts } }));
  }

  async function cancelFrom(dm: MessageRecord): Promise<string> {
    const since = harness.slack.seq;
    await harness.slack.clickButton({ userId: 'U0REC', actionId: 'interview_cancel', in: { channel: dm.channel, ts: dm.ts } });
    const reply = await harness.slack.waitFor((r) => r.kind === 'ephemeral' && r.userId === 'U0REC', { since, timeoutMs: 5000 });
    return (reply as { text: string }).text;
  }

  it('keeps the interview at its time when Cronofy keeps refusing the move, and tells only the person who clicked', async () => {
    const dm = await book('Move in outage');
    const booked = await interviewTitled('Move in outage');
    const picker = await waitForView(harness, (await openReschedule(dm)).id, SLOTS);
    const target = slotStarts(picker).find((start) => start !== booked.start?.getTime()) as number;

    harness.cronofy.failNext({ method: 'POST', path: EVENTS_PATH }, { status: 503, times: Infinity });
    await clickSlot(harness, 'U0REC', picker.id, target);
    const again = await waitForView(harness, picker.id, SLOTS, 'could not move');
    expect(blockText(again)).toContain('Cronofy is having trouble right now. Please try again in a few minutes. It stays at its current time.');
    expect(slotStarts(again)).toContain(target);

    expect(await interviewTitled('Move in outage')).toMatchObject({ status: 'booked', start: booked.start, revision: booked.revision, statusReason: 'cronofy_unavailable' });
    expect(liveEvents(booked.id)).toEqual([expect.objectContaining({ start: booked.start?.toISOString().replace('.000Z', 'Z') })]);
    expect((await historyOf(booked.id)).at(-1)).toBe('reschedule_failed');
    await harness.ctx.jobs.drain();
    expect(dmsAbout('Move in outage', 'moved')).toEqual([]);
    expect(logger.find('moving an interview failed').at(-1)?.fields).toMatchObject({
      interviewId: booked.id,
      code: 'cronofy_unavailable',
      error: expect.stringMatching(/^Cronofy event upsert: 503 server error \(gave up after 3 attempts in \d+ ms: HTTP 503, HTTP 503, HTTP 503\)$/),
    });

    // Once Cronofy is back the same choice moves it, once.
    harness.cronofy.clearFaults();
    await clickSlot(harness, 'U0REC', again.id, target);
    await waitForView(harness, picker.id, STATUS, 'Moved');
    expect(await interviewTitled('Move in outage')).toMatchObject({ status: 'booked', start: new Date(target), revision: booked.revision + 1 });
    expect(liveEvents(booked.id)).toHaveLength(1);
  });

  it('says the interview is still booked when Cronofy keeps failing the delete, and cancels on a later try', async () => {
    const dm = await book('Cancel in outage');
    const booked = await interviewTitled('Cancel in outage');

    harness.cronofy.failNext({ method: 'DELETE', path: EVENTS_PATH }, { status: 502, times: Infinity });
    expect(await cancelFrom(dm)).toBe('Slotline could not cancel the interview. Cronofy is having trouble right now. Please try again in a few minutes. It is still booked.');
    expect(await interviewTitled('Cancel in outage')).toMatchObject({ status: 'booked', revision: booked.revision, statusReason: 'cronofy_unavailable' });
    expect(liveEvents(booked.id)).toHaveLength(1);
    expect((await historyOf(booked.id)).at(-1)).toBe('cancel_failed');
    await harness.ctx.jobs.drain();
    expect(dmsAbout('Cancel in outage', 'cancelled')).toEqual([]);
    expect(logger.find('cancelling an interview failed').at(-1)?.fields).toMatchObject({ error: expect.stringContaining('gave up after 3 attempts') });

    harness.cronofy.clearFaults();
    expect(await cancelFrom(dm)).toMatch(/^Cancelled\./);
    expect(await interviewTitled('Cancel in outage')).toMatchObject({ status: 'cancelled' });
    expect(liveEvents(booked.id)).toEqual([]);
  });

  it('says the interview stays put when the search for new times keeps timing out', async () => {
    const dm = await book('Search in outage');
    const booked = await interviewTitled('Search in outage');

    harness.cronofy.failNext({ method: 'POST', path: '/v1/availability' }, { status: 200, body: {}, delayMs: 1_000, times: 3 });
    const opened = await openReschedule(dm);
    const shown = await waitForView(harness, opened.id, STATUS, 'could not search for slots');
    expect(blockText(shown)).toContain('Cronofy did not answer in time. Please try again in a few minutes.');
    expect(blockText(shown)).toContain('Nothing changed: the interview stays at its current time.');
    expect(blockText(shown)).not.toContain('Nothing was booked');
    expect(await interviewTitled('Search in outage')).toMatchObject({ status: 'booked', start: booked.start, revision: booked.revision });
    expect(logger.find('slot search failed').at(-1)?.fields).toMatchObject({ error: expect.stringMatching(/timed out after 300 ms \(gave up after 3 attempts in \d+ ms: timeout, timeout, timeout\)$/) });
  });
});
