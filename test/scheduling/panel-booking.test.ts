// A three-person panel in London and New York, booked end to end through Slack and Cronofy simulators. The clock
// stands at Wed 10 March 2027, so the default window spans the US change to daylight time (Sun 14 March).
import type { MessageRecord, ViewRecord } from '../../src/simulators/slack';
import { connectCalendar, connectConferencing, employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { STATUS, SLOTS, blockText, clickSlot, findSlots, interviewDms, iso, manualClock, newModal, slotStarts, slotTexts, waitForDm, waitForView } from './scheduling-driver';

const PANEL = ['U0ALICE', 'U0BOB', 'U0CAROL'];
const EVERYONE = ['U0REC', ...PANEL];
const candidate = { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', interviewers: PANEL, duration: '60' };

describe('booking a London–New York panel', () => {
  let harness: Harness;
  const time = manualClock('2027-03-10T12:00:00Z');

  beforeAll(async () => {
    harness = await startHarness({
      cronofyClock: time.cronofyClock,
      start: { clock: time.clock },
      people: [
        { slackId: 'U0REC', name: 'rita', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0ALICE', name: 'alice', tz: 'Europe/London', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0BOB', name: 'bob', tz: 'America/New_York', calendar: { provider: 'office365', protocol: 'graph_api' } },
        { slackId: 'U0CAROL', name: 'carol', tz: 'America/New_York', calendar: { provider: 'google' } },
      ],
    });
    await syncRoster(harness);
    for (const id of EVERYONE) await connectCalendar(harness, id);
    await connectConferencing(harness, 'U0ALICE', 'zoom');
  });

  afterAll(() => harness?.stop());

  const interviewTitled = (title: string) => harness.ctx.db.interview.findFirstOrThrow({ where: { title } });
  const historyOf = async (id: string) => (await harness.ctx.db.interviewHistory.findMany({ where: { interviewId: id }, orderBy: { at: 'asc' } })).map((h) => h.action);
  const dmAbout = (userId: string, title: string, kind = 'booked') => waitForDm(harness, userId, new RegExp(`^Interview ${kind}: ${title}`));

  async function book(title: string, values: Parameters<typeof findSlots>[2], pick = 0): Promise<{ slots: ViewRecord; start: number }> {
    const slots = await findSlots(harness, 'U0REC', { ...candidate, title, ...values });
    const start = slotStarts(slots)[pick];
    await clickSlot(harness, 'U0REC', slots.id, start);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    return { slots, start };
  }

  it('books with Zoom in the first slot the US clock change makes possible, showing each person their own time', async () => {
    // Alice is away until the weekend; before 14 March New York's day starts at 14:00 UTC, after it at 13:00.
    harness.cronofy.addBusy('alice@acme.test', { start: '2027-03-10T12:00:00Z', end: '2027-03-13T00:00:00Z', summary: 'Offsite' });
    const slots = await findSlots(harness, 'U0REC', { ...candidate, title: 'Zoom panel', organizer: 'U0ALICE', video: 'zoom' });
    expect(slotTexts(slots)[0]).toBe('*Mon 15 Mar, 13:00–14:00*\nAlice 13:00 London · Bob 09:00 New York · Carol 09:00 New York');
    expect(Math.min(...slotStarts(slots))).toBe(Date.parse('2027-03-15T13:00:00Z'));
    expect(blockText(slots)).toContain('Panel: Alice (London), Bob (New York), Carol (New York)');

    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[0]);
    const booked = await waitForView(harness, slots.id, STATUS, 'Booked');
    expect(blockText(booked)).toContain('Mon 15 Mar, 13:00–14:00');

    const interview = await interviewTitled('Zoom panel');
    const zoom = await harness.ctx.db.conferencingConnection.findFirstOrThrow({ where: { employeeId: await employeeId(harness, 'U0ALICE'), provider: 'zoom' } });
    const bobDm = await dmAbout('U0BOB', 'Zoom panel');
    const [event] = harness.cronofy.events('alice@acme.test').filter((e) => e.eventId === interview.id);
    expect(event).toMatchObject({
      start: '2027-03-15T13:00:00Z',
      end: '2027-03-15T14:00:00Z',
      deleted: false,
      attendees: [{ email: 'jane@example.com' }, { email: 'bob@acme.test' }, { email: 'carol@acme.test' }],
      conferencing: { requestedProfileId: zoom.profileId, providerName: 'zoom', status: 'assigned', joinUrl: expect.stringMatching(/^https:\/\/us05web\.zoom\.us\/j\//) },
    });
    const joinUrl = event.conferencing?.joinUrl as string;
    expect(JSON.stringify(bobDm.blocks)).toContain('Mon 15 Mar, 09:00–10:00 (New York time, GMT-4)');
    expect(JSON.stringify(bobDm.blocks)).toContain(joinUrl);
    const ritaDm = await dmAbout('U0REC', 'Zoom panel');
    expect(JSON.stringify(ritaDm.blocks)).toContain('Mon 15 Mar, 13:00–14:00 (London time, GMT+0)');
    expect(JSON.stringify(ritaDm.blocks)).toContain('jane@example.com');
    expect(JSON.stringify(bobDm.blocks)).not.toContain('jane@example.com');
    for (const id of ['U0ALICE', 'U0CAROL']) await dmAbout(id, 'Zoom panel');

    expect(await interviewTitled('Zoom panel')).toMatchObject({ status: 'booked', revision: 1, joinUrl, conferencingStatus: 'assigned', conferencingProvider: 'zoom' });
    expect(await historyOf(interview.id)).toEqual(['drafted', 'booked', 'conferencing_assigned']);
    expect(harness.cronofy.deliveries).toContainEqual(expect.objectContaining({ type: 'conferencing_assigned', url: expect.stringContaining(`/cronofy/conferencing/${interview.id}`), status: 200 }));
  });

  it('books with Google Meet from a Google organizer’s own calendar', async () => {
    await book('Meet panel', { organizer: 'U0CAROL', video: 'google_meet' });
    const interview = await interviewTitled('Meet panel');
    const dm = await dmAbout('U0ALICE', 'Meet panel');
    const [event] = harness.cronofy.events('carol@acme.test').filter((e) => e.eventId === interview.id);
    expect(event.conferencing).toMatchObject({ requestedProfileId: 'integrated', providerName: 'google_meet', status: 'assigned', joinUrl: expect.stringMatching(/^https:\/\/meet\.google\.com\//) });
    expect(event.attendees.map((a) => a.email)).toEqual(['jane@example.com', 'alice@acme.test', 'bob@acme.test']);
    expect(JSON.stringify(dm.blocks)).toContain(`Join the Google Meet meeting`);
    expect(JSON.stringify(dm.blocks)).toContain(event.conferencing?.joinUrl as string);
  });

  it('books with Auto from a Microsoft 365 organizer: Cronofy’s default gives Teams', async () => {
    await book('Auto panel', { organizer: 'U0BOB', video: 'auto' });
    const interview = await interviewTitled('Auto panel');
    const dm = await dmAbout('U0CAROL', 'Auto panel');
    const [event] = harness.cronofy.events('bob@acme.test').filter((e) => e.eventId === interview.id);
    expect(event.conferencing).toMatchObject({ requestedProfileId: 'default', providerName: 'ms_teams', status: 'assigned', joinUrl: expect.stringContaining('teams.microsoft.com') });
    expect(JSON.stringify(dm.blocks)).toContain('Join the Microsoft Teams meeting');
    expect(await interviewTitled('Auto panel')).toMatchObject({ conferencingProfileId: 'default', conferencingProvider: 'ms_teams' });
  });

  it('moves the Zoom interview from an interviewer’s DM: same event, same link, everyone told, old buttons gone', async () => {
    const before = await interviewTitled('Zoom panel');
    const oldDm = (await dmAbout('U0BOB', 'Zoom panel')) as MessageRecord;
    const opened = await newModal(harness, 'U0BOB', () => harness.slack.clickButton({ userId: 'U0BOB', actionId: 'interview_reschedule', in: { channel: oldDm.channel, ts: oldDm.ts } }));
    const picker = await waitForView(harness, opened.id, SLOTS);
    expect(picker.spec.title).toMatchObject({ text: 'Reschedule interview' });
    const target = slotStarts(picker).find((start) => start !== before.start?.getTime()) as number;
    await clickSlot(harness, 'U0BOB', picker.id, target);
    await waitForView(harness, picker.id, STATUS, 'Moved');

    const moved = await dmAbout('U0BOB', 'Zoom panel', 'moved');
    const events = harness.cronofy.events('alice@acme.test').filter((e) => e.eventId === before.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ start: iso(target).replace('.000Z', 'Z'), deleted: false, conferencing: { joinUrl: before.joinUrl } });
    expect(JSON.stringify(moved.blocks)).toContain('*Was:* ~Mon 15 Mar, 09:00–10:00 (New York time, GMT-4)~');
    expect(JSON.stringify(moved.blocks)).toContain(before.joinUrl as string);
    for (const id of ['U0REC', 'U0ALICE', 'U0CAROL']) await dmAbout(id, 'Zoom panel', 'moved');
    expect(oldDm.updates.at(-1)?.text).toMatch(/moved/);
    expect(buttonsOf(oldDm)).toEqual([]);
    expect(await interviewTitled('Zoom panel')).toMatchObject({ status: 'booked', revision: 2, start: new Date(target) });
    expect(await historyOf(before.id)).toEqual(['drafted', 'booked', 'conferencing_assigned', 'rescheduled']);
  });

  it('cancels from the recruiter’s DM: the event is deleted, everyone is told, the history stays', async () => {
    const interview = await interviewTitled('Meet panel');
    const dm = await dmAbout('U0REC', 'Meet panel');
    await harness.slack.clickButton({ userId: 'U0REC', actionId: 'interview_cancel', in: { channel: dm.channel, ts: dm.ts } });
    await harness.slack.waitFor((r) => r.kind === 'ephemeral' && r.userId === 'U0REC' && r.text.startsWith('Cancelled.'), { timeoutMs: 5000 });
    for (const id of EVERYONE) await dmAbout(id, 'Meet panel', 'cancelled');
    expect(harness.cronofy.events('carol@acme.test').find((e) => e.eventId === interview.id)).toMatchObject({ deleted: true });
    expect(await interviewTitled('Meet panel')).toMatchObject({ status: 'cancelled', revision: 2 });
    expect(await historyOf(interview.id)).toEqual(['drafted', 'booked', 'conferencing_assigned', 'cancelled']);

    expect(buttonsOf(dm)).toEqual([]);
    expect(buttonsOf(await dmAbout('U0ALICE', 'Meet panel', 'cancelled'))).toEqual([]);
    const workspace = await harness.ctx.workspaces.get(await harness.workspaceId());
    expect(await harness.ctx.scheduling.cancel({ workspace, slackUserId: 'U0REC', interviewId: interview.id })).toMatch(/already cancelled/);
  });

  it('books once when the same slot is clicked twice at the same moment', async () => {
    const slots = await findSlots(harness, 'U0REC', { ...candidate, title: 'Double click', organizer: 'U0ALICE', video: 'none' });
    const start = slotStarts(slots)[0];
    const clicks = await Promise.all([clickSlot(harness, 'U0REC', slots.id, start), clickSlot(harness, 'U0REC', slots.id, start)]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    const interview = await interviewTitled('Double click');
    for (const id of EVERYONE) await dmAbout(id, 'Double click');
    await harness.cronofy.whenIdle();
    await harness.ctx.jobs.drain();
    expect(harness.cronofy.events('alice@acme.test').filter((e) => e.eventId === interview.id)).toHaveLength(1);
    expect((await historyOf(interview.id)).filter((a) => a === 'booked')).toHaveLength(1);
    for (const id of EVERYONE) expect(interviewDms(harness, id).filter((m) => m.text.startsWith('Interview booked: Double click'))).toHaveLength(1);
    expect(JSON.stringify((await dmAbout('U0BOB', 'Double click')).blocks)).toContain('*Video:* none');
  });

  it('offers fresh times when the chosen slot was taken meanwhile, and books nothing until one is picked', async () => {
    const slots = await findSlots(harness, 'U0REC', { ...candidate, title: 'Taken slot', organizer: 'U0ALICE', video: 'none' });
    const [first] = slotStarts(slots);
    harness.cronofy.addBusy('carol@acme.test', { start: new Date(first), end: new Date(first + 3_600_000), summary: 'Dentist' });
    await clickSlot(harness, 'U0REC', slots.id, first);
    const fresh = await waitForView(harness, slots.id, SLOTS, 'was just taken');
    expect(slotStarts(fresh)).not.toContain(first);
    const interview = await interviewTitled('Taken slot');
    expect(interview).toMatchObject({ status: 'draft', statusReason: 'slot_taken', start: null });
    expect(harness.cronofy.events('alice@acme.test').filter((e) => e.eventId === interview.id)).toEqual([]);
    expect(await historyOf(interview.id)).toEqual(['drafted', 'slot_taken']);

    await clickSlot(harness, 'U0REC', slots.id, slotStarts(fresh)[0]);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    expect(harness.cronofy.events('alice@acme.test').filter((e) => e.eventId === interview.id)).toHaveLength(1);
  });
});

describe('a window spanning the EU change to summer time (Sun 28 March 2027)', () => {
  let harness: Harness;
  const time = manualClock('2027-03-25T12:00:00Z');

  beforeAll(async () => {
    harness = await startHarness({
      cronofyClock: time.cronofyClock,
      start: { clock: time.clock },
      people: [
        { slackId: 'U0REC', name: 'rita', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0ALICE', name: 'alice', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0BOB', name: 'bob', tz: 'America/New_York', calendar: { provider: 'office365' } },
        { slackId: 'U0CAROL', name: 'carol', tz: 'America/New_York', calendar: { provider: 'google' } },
      ],
    });
    await syncRoster(harness);
    for (const id of EVERYONE) await connectCalendar(harness, id);
  });

  afterAll(() => harness?.stop());

  it('shows the same London hour on both sides of the change, an hour apart in UTC and in New York', async () => {
    // Alice is free only late on Friday (16:00–17:00 GMT) and late on Monday (from 15:00 UTC, 16:00 BST).
    harness.cronofy.addBusy('alice@acme.test', { start: '2027-03-25T12:00:00Z', end: '2027-03-26T15:50:00Z' });
    harness.cronofy.addBusy('alice@acme.test', { start: '2027-03-29T06:00:00Z', end: '2027-03-29T14:50:00Z' });
    const slots = await findSlots(harness, 'U0REC', { ...candidate, title: 'Spring panel', organizer: 'U0ALICE', video: 'none' });
    expect(slotTexts(slots).slice(0, 2)).toEqual([
      '*Fri 26 Mar, 16:00–17:00*\nAlice 16:00 London · Bob 12:00 New York · Carol 12:00 New York',
      '*Mon 29 Mar, 16:00–17:00*\nAlice 16:00 London · Bob 11:00 New York · Carol 11:00 New York',
    ]);
    expect(slotStarts(slots).slice(0, 2).map(iso)).toEqual(['2027-03-26T16:00:00.000Z', '2027-03-29T15:00:00.000Z']);

    await clickSlot(harness, 'U0REC', slots.id, slotStarts(slots)[1]);
    await waitForView(harness, slots.id, STATUS, 'Booked');
    const dm = await waitForDm(harness, 'U0CAROL', /^Interview booked: Spring panel/);
    expect(JSON.stringify(dm.blocks)).toContain('Mon 29 Mar, 11:00–12:00 (New York time, GMT-4)');
    expect(JSON.stringify((await waitForDm(harness, 'U0REC', /^Interview booked: Spring panel/)).blocks)).toContain('Mon 29 Mar, 16:00–17:00 (London time, GMT+1)');
  });
});

function buttonsOf(message: MessageRecord): string[] {
  return JSON.stringify(message.blocks ?? []).match(/"action_id":"[a-z_]+"/g) ?? [];
}
