// Cronofy failing while booking (422, 429, 5xx, timeouts), and the join URL arriving without a webhook. Slotline's
// public URL is unreachable here, so Cronofy's webhooks never land and the durable poll has to find the link.
import { HMAC_HEADER, signBody } from '../../src/simulators/cronofy';
import { connectCalendar, connectConferencing, syncRoster } from '../support/connect';
import { startHarness, TEST_CRONOFY_CLIENT_SECRET, type Harness } from '../support/harness';
import { STATUS, SLOTS, blockText, clickSlot, findSlots, manualClock, openScheduler, slotStarts, submitForm, waitForDm, waitForView } from './scheduling-driver';

const EVENTS_PATH = /^\/v1\/calendars\/[^/]+\/events$/;

describe('when Cronofy fails or stays silent', () => {
  let harness: Harness;
  const time = manualClock('2027-03-10T12:00:00Z');

  beforeAll(async () => {
    harness = await startHarness({
      cronofyClock: time.cronofyClock,
      env: { PUBLIC_URL: 'http://127.0.0.1:9' },
      start: { clock: time.clock, cronofyRetryPolicy: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10, timeoutMs: 400 } },
      people: [
        { slackId: 'U0REC', name: 'rita', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0ALICE', name: 'alice', tz: 'Europe/London', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0BOB', name: 'bob', tz: 'America/New_York', calendar: { provider: 'office365' } },
      ],
    });
    await syncRoster(harness);
    for (const id of ['U0REC', 'U0ALICE', 'U0BOB']) await connectCalendar(harness, id);
    await connectConferencing(harness, 'U0ALICE', 'zoom');
  });

  afterAll(() => harness?.stop());

  const request = (title: string, video: 'zoom' | 'none' = 'none') =>
    findSlots(harness, 'U0REC', { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', interviewers: ['U0ALICE', 'U0BOB'], organizer: 'U0ALICE', duration: '30', video, title });
  const interviewTitled = (title: string) => harness.ctx.db.interview.findFirstOrThrow({ where: { title } });
  const managedEvents = (id: string) => harness.cronofy.events('alice@acme.test').filter((e) => e.eventId === id && !e.deleted);

  it.each([
    ['422 (Cronofy refuses the event)', { status: 422, body: { errors: { summary: [{ key: 'errors.invalid', description: 'is invalid' }] } }, times: 1 }, /Cronofy refused the request \(summary: is invalid\)/, 'cronofy_validation'],
    ['429 (rate limited, retries used up)', { status: 429, times: 2 }, /rate limited/, 'cronofy_rate_limited'],
    ['503 (Cronofy down, retries used up)', { status: 503, times: 2 }, /Cronofy is having trouble/, 'cronofy_unavailable'],
    ['a timeout', { status: 202, delayMs: 1500, times: 2 }, /did not answer in time/, 'cronofy_unavailable'],
  ])('after %s the recruiter gets a clear message, the slots again, and nothing is recorded as booked', async (name, fault, message, code) => {
    const title = `Failure ${name}`;
    const slots = await request(title);
    const start = slotStarts(slots)[0];
    harness.cronofy.failNext({ method: 'POST', path: EVENTS_PATH }, fault);
    await clickSlot(harness, 'U0REC', slots.id, start);
    const again = await waitForView(harness, slots.id, SLOTS, 'could not book');
    expect(blockText(again)).toMatch(message);
    expect(blockText(again)).toContain('Nothing was booked.');
    expect(slotStarts(again)).toContain(start);
    const interview = await interviewTitled(title);
    expect(interview).toMatchObject({ status: 'draft', statusReason: code, start: null, revision: 0 });
    expect(managedEvents(interview.id)).toEqual([]);
    const history = await harness.ctx.db.interviewHistory.findMany({ where: { interviewId: interview.id } });
    expect(history.map((h) => [h.action, h.detail])).toEqual([['drafted', expect.any(String)], ['booking_failed', JSON.stringify({ code })]]);
    expect(await harness.ctx.db.interviewMessage.count({ where: { interviewId: interview.id } })).toBe(0);

    // Nothing half-booked: the same slot books cleanly once Cronofy is back.
    await clickSlot(harness, 'U0REC', again.id, start);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    expect(managedEvents(interview.id)).toHaveLength(1);
    expect(await interviewTitled(title)).toMatchObject({ status: 'booked', revision: 1 });
  });

  it('cleans up after an uncertain write: a timed-out upsert is followed by a delete of the same event_id', async () => {
    const slots = await request('Uncertain write');
    harness.cronofy.failNext({ method: 'POST', path: EVENTS_PATH }, { status: 202, delayMs: 1500, times: 2 });
    const before = harness.cronofy.requests.length;
    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
    await waitForView(harness, slots.id, SLOTS, 'could not book');
    expect(harness.cronofy.requests.slice(before).map((r) => `${r.method} ${r.status}`)).toContain('DELETE 202');
  });

  it('explains a failed slot search in the modal', async () => {
    harness.cronofy.failNext({ method: 'POST', path: '/v1/availability' }, { status: 500, times: 2 });
    const form = await openScheduler(harness, 'U0REC');
    await submitForm(harness, 'U0REC', form.id, { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', interviewers: ['U0ALICE'], video: 'none', title: 'Search down' });
    const shown = await waitForView(harness, form.id, STATUS, 'could not search for slots');
    expect(blockText(shown)).toContain('Cronofy is having trouble right now');
    expect(blockText(shown)).toContain('Nothing was booked');
  });

  it('finds the join URL by polling the event when no webhook arrives, across a restart, then tells everyone', async () => {
    const slots = await request('Silent webhook', 'zoom');
    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    await harness.cronofy.whenIdle();
    const interview = await interviewTitled('Silent webhook');
    expect(interview).toMatchObject({ status: 'booked', conferencingStatus: 'pending', joinUrl: null });
    expect(harness.cronofy.deliveries).toContainEqual(expect.objectContaining({ type: 'conferencing_assigned', url: expect.stringContaining('127.0.0.1:9'), error: expect.any(String) }));
    await harness.ctx.jobs.drain();
    expect(await harness.ctx.db.interviewMessage.count({ where: { interviewId: interview.id } })).toBe(0);

    // The check waits in the database, so a deploy or crash in between loses nothing.
    await harness.restart();
    time.advance(61_000);
    await harness.ctx.jobs.drain();
    await harness.ctx.jobs.drain();
    const [event] = managedEvents(interview.id);
    const dm = await waitForDm(harness, 'U0BOB', /^Interview booked: Silent webhook/);
    expect(JSON.stringify(dm.blocks)).toContain(event.conferencing?.joinUrl as string);
    const history = await harness.ctx.db.interviewHistory.findMany({ where: { interviewId: interview.id }, orderBy: { at: 'asc' } });
    expect(history.map((h) => h.action)).toEqual(['drafted', 'booked', 'conferencing_assigned']);
    expect(history.at(-1)?.detail).toContain('"source":"poll"');
  });

  it('announces without a link after the bounded wait when the event never gets one', async () => {
    const slots = await request('Never a link', 'zoom');
    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    for (const wait of [61_000, 121_000, 241_000]) {
      harness.cronofy.failNext({ method: 'GET', path: '/v1/events' }, { status: 200, body: { events: [] } });
      time.advance(wait);
      await harness.ctx.jobs.drain();
      await harness.ctx.jobs.drain();
    }
    const dm = await waitForDm(harness, 'U0REC', /^Interview booked: Never a link/);
    expect(JSON.stringify(dm.blocks)).toContain('the link is not ready yet');
    expect(await interviewTitled('Never a link')).toMatchObject({ status: 'booked', conferencingStatus: 'missing' });
  });

  describe('the conferencing webhook', () => {
    const post = (interviewId: string, body: string, signature?: string) =>
      fetch(`${harness.app.url}/cronofy/conferencing/${interviewId}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(signature ? { [HMAC_HEADER]: signature } : {}) },
        body,
      });

    it('refuses a body without a valid HMAC over its raw bytes', async () => {
      const body = JSON.stringify({ notification: { type: 'conferencing_failing' }, event: { event_id: 'int_x' } });
      expect((await post('int_x', body)).status).toBe(401);
      expect((await post('int_x', body, signBody(`${body} `, TEST_CRONOFY_CLIENT_SECRET))).status).toBe(401);
      expect((await post('int_x', 'not json', signBody('not json', TEST_CRONOFY_CLIENT_SECRET))).status).toBe(400);
    });

    it('records conferencing_failing and tells people the link could not be made; a replay changes nothing', async () => {
      const slots = await request('Failing video', 'zoom');
      await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
      await waitForView(harness, slots.id, STATUS, 'Booked');
      const interview = await interviewTitled('Failing video');
      const other = JSON.stringify({ notification: { type: 'conferencing_failing' }, event: { event_id: 'int_someone_else' } });
      expect((await post(interview.id, other, `bogus,${signBody(other, TEST_CRONOFY_CLIENT_SECRET)}`)).status).toBe(200);
      expect((await interviewTitled('Failing video')).conferencingStatus).toBe('pending');

      const body = JSON.stringify({ notification: { type: 'conferencing_failing' }, event: { event_id: interview.id } });
      for (let i = 0; i < 2; i++) expect((await post(interview.id, body, signBody(body, TEST_CRONOFY_CLIENT_SECRET))).status).toBe(200);
      await harness.ctx.jobs.drain();
      const dm = await waitForDm(harness, 'U0ALICE', /^Interview booked: Failing video/);
      expect(JSON.stringify(dm.blocks)).toContain('Zoom could not create a link for this event');
      expect(await interviewTitled('Failing video')).toMatchObject({ conferencingStatus: 'failing' });
      const history = await harness.ctx.db.interviewHistory.findMany({ where: { interviewId: interview.id, action: 'conferencing_failing' } });
      expect(history).toHaveLength(1);
    });
  });
});
