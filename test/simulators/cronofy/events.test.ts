import { consentConferencing, type CronofySimulator } from '../../../src/simulators/cronofy';
import { appSdk, connectPerson, rejectionOf, startSimulator, testClock, type ConnectedPerson, type TestClock } from './fixtures';
import type { CronofyEvent } from './cronofy-sdk';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const TUESDAY_INTERVIEW = { start: '2025-03-25T14:00:00Z', end: '2025-03-25T15:00:00Z' };

interface ConferencingWebhook {
  notification: { type: string };
  event: CronofyEvent;
}

describe('Cronofy simulator: events', () => {
  let clock: TestClock;
  let sim: CronofySimulator;
  let receiver: WebhookReceiver;
  let jane: ConnectedPerson;

  beforeEach(async () => {
    clock = testClock();
    // Long enough to observe an event before its conference is provisioned.
    sim = await startSimulator(clock, { pageSize: 2, conferencingDelayMs: 200 });
    receiver = await startWebhookReceiver();
    jane = await connectPerson(sim, {
      email: 'jane@acme.test',
      zone: 'Europe/London',
      calendar: { provider: 'google' },
      conferencingAccounts: ['zoom'],
    });
  });
  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
  });

  const interview = (overrides: Record<string, unknown> = {}) => ({
    calendar_id: jane.calendarId,
    event_id: 'interview-4821',
    summary: 'Interview: A. Candidate',
    description: 'Round 1',
    ...TUESDAY_INTERVIEW,
    tzid: 'Europe/London',
    attendees: { invite: [{ email: 'candidate@example.test', display_name: 'A. Candidate' }] },
    ...overrides,
  });

  const managedEvents = async (person = jane) =>
    (await person.sdk.readEvents({ tzid: 'Etc/UTC', include_managed: true, from: '2025-03-24', to: '2025-03-31' })).events;

  async function linkZoom(): Promise<string> {
    const { authorization_request } = await jane.sdk.conferencingServiceAuthorizations({
      redirect_uri: 'https://slotline.example/done',
      provider_name: 'zoom',
    });
    const { location } = await consentConferencing(authorization_request.url, { allow: true });
    return new URL(location).searchParams.get('last_linked_profile_id') ?? '';
  }

  it('upserts by event_id: repeating a write keeps one event and changes nothing', async () => {
    await expect(jane.sdk.createEvent(interview())).resolves.toBe('');
    const [first] = await managedEvents();
    clock.advance(60_000);
    await jane.sdk.createEvent(interview());
    const events = await managedEvents();
    expect(events).toEqual([first]);

    clock.advance(60_000);
    await jane.sdk.createEvent(interview({ summary: 'Interview: moved', start: '2025-03-25T15:00:00Z', end: '2025-03-25T16:00:00Z' }));
    const [updated] = await managedEvents();
    expect(updated).toMatchObject({ event_uid: first.event_uid, event_id: 'interview-4821', summary: 'Interview: moved', start: '2025-03-25T15:00:00Z' });
    expect(updated.updated).not.toBe(first.updated);
  });

  it('adds and removes attendees', async () => {
    await jane.sdk.createEvent(interview());
    await jane.sdk.createEvent(
      interview({ attendees: { invite: [{ email: 'panel@acme.test' }], remove: [{ email: 'candidate@example.test' }] } }),
    );
    const [event] = await managedEvents();
    expect(event.attendees.map((attendee) => attendee.email)).toEqual(['panel@acme.test']);
  });

  it('provisions the join URL asynchronously and fires a signed conferencing_assigned webhook', async () => {
    const zoomProfileId = await linkZoom();
    await jane.sdk.createEvent(
      interview({
        conferencing: { profile_id: zoomProfileId },
        subscriptions: [
          {
            type: 'webhook',
            uri: `${receiver.url}/conf?e=4821`,
            interactions: [{ type: 'conferencing_assigned' }, { type: 'conferencing_failing' }],
          },
        ],
      }),
    );
    expect((await managedEvents())[0].conferencing).toBeUndefined();

    await sim.whenIdle();
    const [event] = await managedEvents();
    expect(event.conferencing).toEqual({ provider_name: 'zoom', join_url: expect.stringMatching(/^https:\/\/us05web\.zoom\.us\/j\/\d{11}\?pwd=\w+$/) });

    const [webhook] = receiver.received;
    expect(appSdk(sim).hmacValid({ hmac: String(webhook.headers['cronofy-hmac-sha256']), body: webhook.body })).toBe(true);
    const body = JSON.parse(webhook.body) as ConferencingWebhook;
    expect(body.notification).toEqual({ type: 'conferencing_assigned' });
    expect(body.event).toMatchObject({ event_id: 'interview-4821', conferencing: event.conferencing });

    await jane.sdk.createEvent(interview({ conferencing: { profile_id: zoomProfileId } }));
    await sim.whenIdle();
    expect((await managedEvents())[0].conferencing).toEqual(event.conferencing);
    expect(receiver.received).toHaveLength(1);
  });

  it.each([
    ['default with a linked Zoom profile', 'default', true, 'zoom'],
    ['default with nothing linked on Google', 'default', false, 'google_meet'],
    ['integrated on Google', 'integrated', true, 'google_meet'],
  ])('chooses the conference for %s', async (_case, profileId, withZoom, provider) => {
    if (withZoom) await linkZoom();
    await jane.sdk.createEvent(interview({ conferencing: { profile_id: profileId } }));
    await sim.whenIdle();
    expect((await managedEvents())[0].conferencing?.provider_name).toBe(provider);
  });

  it('gives Microsoft 365 over Graph a Teams link through integrated conferencing', async () => {
    const omar = await connectPerson(sim, { email: 'omar@contoso.test', zone: 'Europe/Paris', calendar: { provider: 'office365' } });
    await omar.sdk.createEvent({ ...interview(), calendar_id: omar.calendarId, conferencing: { profile_id: 'integrated' } });
    await sim.whenIdle();
    expect((await managedEvents(omar))[0].conferencing).toEqual({
      provider_name: 'ms_teams',
      join_url: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//),
    });
  });

  it('does not provision integrated conferencing on a calendar without it, and fires conferencing_failing', async () => {
    const ann = await connectPerson(sim, { email: 'ann@icloud.test', zone: 'Europe/London', calendar: { provider: 'apple' } });
    await ann.sdk.createEvent({
      ...interview(),
      calendar_id: ann.calendarId,
      conferencing: { profile_id: 'integrated' },
      subscriptions: [{ type: 'webhook', uri: `${receiver.url}/conf`, interactions: [{ type: 'conferencing_failing' }] }],
    });
    await sim.whenIdle();

    expect((await managedEvents(ann))[0].conferencing).toBeUndefined();
    expect(sim.events('ann@icloud.test')[0].conferencing).toMatchObject({ status: 'failing' });
    expect(receiver.bodies<ConferencingWebhook>('/conf').map((body) => body.notification.type)).toEqual(['conferencing_failing']);
  });

  it('accepts explicit conferencing and removes it with profile_id none', async () => {
    const joinUrl = 'https://meet.example/abc';
    await jane.sdk.createEvent(interview({ conferencing: { profile_id: 'explicit', provider_description: 'Our meet', join_url: joinUrl } }));
    await sim.whenIdle();
    expect((await managedEvents())[0].conferencing).toMatchObject({ join_url: joinUrl });

    await jane.sdk.createEvent(interview({ conferencing: { profile_id: 'none' } }));
    expect((await managedEvents())[0].conferencing).toBeUndefined();
  });

  it('does not generate conferencing for an event that has already started', async () => {
    await jane.sdk.createEvent(interview({ start: '2025-03-24T07:00:00Z', end: '2025-03-24T09:00:00Z', conferencing: { profile_id: 'default' } }));
    await sim.whenIdle();
    expect(sim.events('jane@acme.test')[0].conferencing).toBeUndefined();
  });

  it('hides app-written events unless include_managed=true, while the person’s own events show', async () => {
    sim.addBusy('jane@acme.test', { start: '2025-03-25T09:00:00Z', end: '2025-03-25T10:00:00Z', summary: 'Dentist' });
    await jane.sdk.createEvent(interview());
    const { events } = await jane.sdk.readEvents({ tzid: 'Etc/UTC', from: '2025-03-24', to: '2025-03-31' });
    expect(events.map((event) => event.summary)).toEqual(['Dentist']);
    expect(events[0].event_id).toBeUndefined();
    expect(events[0].event_uid).toMatch(/^evt_external_/);
    expect((await managedEvents()).map((event) => event.summary)).toEqual(['Dentist', 'Interview: A. Candidate']);
  });

  it('deletes by event_id with 202; the event then shows only with include_deleted', async () => {
    await jane.sdk.createEvent(interview());
    await expect(jane.sdk.deleteEvent({ calendar_id: jane.calendarId, event_id: 'interview-4821' })).resolves.toBe('');
    expect(await managedEvents()).toEqual([]);
    const { events } = await jane.sdk.readEvents({ tzid: 'Etc/UTC', include_managed: true, include_deleted: true, from: '2025-03-24', to: '2025-03-31' });
    expect(events).toEqual([expect.objectContaining({ event_id: 'interview-4821', deleted: true })]);
    expect(sim.events('jane@acme.test')).toEqual([expect.objectContaining({ eventId: 'interview-4821', deleted: true })]);

    await expect(jane.sdk.deleteEvent({ calendar_id: jane.calendarId, event_id: 'interview-4821' })).resolves.toBe('');
  });

  it('answers 404 for a calendar that is not the account’s', async () => {
    expect(await rejectionOf(jane.sdk.createEvent(interview({ calendar_id: 'cal_unknown_calendar' })))).toMatchObject({ statusCode: 404 });
  });

  it.each([
    ['event_id is missing', { event_id: undefined }, 'event_id', 'errors.required'],
    ['start is missing', { start: undefined }, 'start', 'errors.required'],
    ['end is before start', { start: '2025-03-25T15:00:00Z', end: '2025-03-25T14:00:00Z' }, 'end', 'errors.end_before_start'],
    ['start is not a time', { start: 'tomorrow' }, 'start', 'errors.invalid'],
    ['the conferencing profile is unknown', { conferencing: { profile_id: 'pro_doesnotexist' } }, 'conferencing', 'errors.invalid'],
    ['explicit conferencing has no join_url', { conferencing: { profile_id: 'explicit' } }, 'conferencing', 'errors.invalid'],
  ])('answers 422 when %s', async (_case, override, field, key) => {
    const failure = await rejectionOf(jane.sdk.createEvent(interview(override)));
    expect(failure).toEqual({ statusCode: 422, entity: { errors: { [field]: [expect.objectContaining({ key })] } } });
  });

  it('accepts start and end as {time, tzid}', async () => {
    await jane.sdk.createEvent(interview({ start: { time: '2025-03-25T14:00:00', tzid: 'Europe/Paris' }, end: { time: '2025-03-25T15:00:00', tzid: 'Europe/Paris' } }));
    expect((await managedEvents())[0]).toMatchObject({ start: '2025-03-25T13:00:00Z', end: '2025-03-25T14:00:00Z' });
  });

  it('pages events with absolute next_page URLs the SDK can follow', async () => {
    for (let day = 24; day <= 28; day++) {
      sim.addBusy('jane@acme.test', { start: `2025-04-${day}T09:00:00Z`, end: `2025-04-${day}T10:00:00Z` });
    }
    const first = await jane.sdk.readEvents({ tzid: 'Etc/UTC', from: '2025-04-01', to: '2025-05-01' });
    expect(first.pages).toEqual({ current: 1, total: 3, next_page: expect.stringMatching(new RegExp(`^${sim.apiUrl}/v1/events/pages/\\w+$`)) });
    const second = await jane.sdk.readEvents({ next_page: first.pages.next_page });
    const third = await jane.sdk.readEvents({ next_page: second.pages.next_page });
    expect(third.pages).toEqual({ current: 3, total: 3 });
    expect([...first.events, ...second.events, ...third.events].map((event) => event.start.slice(0, 10))).toEqual([
      '2025-04-24',
      '2025-04-25',
      '2025-04-26',
      '2025-04-27',
      '2025-04-28',
    ]);
  });

  it('serves free/busy from seeded busy time and app events', async () => {
    sim.addBusy('jane@acme.test', { start: '2025-03-25T09:00:00Z', end: '2025-03-25T10:00:00Z' });
    await jane.sdk.createEvent(interview());
    const response = await jane.sdk.freeBusy({ tzid: 'Etc/UTC', from: '2025-03-24', to: '2025-03-31', include_managed: true });
    expect(response.free_busy).toEqual([
      { calendar_id: jane.calendarId, start: '2025-03-25T09:00:00Z', end: '2025-03-25T10:00:00Z', free_busy_status: 'busy' },
      { calendar_id: jane.calendarId, ...TUESDAY_INTERVIEW, free_busy_status: 'busy' },
    ]);
  });

  it('pages free/busy with next_page URLs too', async () => {
    for (const hour of ['09', '11', '13']) {
      sim.addBusy('jane@acme.test', { start: `2025-03-25T${hour}:00:00Z`, end: `2025-03-25T${hour}:30:00Z` });
    }
    const first = await jane.sdk.freeBusy({ tzid: 'Etc/UTC', from: '2025-03-24', to: '2025-03-31' });
    expect(first.pages.next_page).toMatch(new RegExp(`^${sim.apiUrl}/v1/free_busy/pages/\\w+$`));
    const second = await jane.sdk.freeBusy({ next_page: first.pages.next_page });
    expect([...first.free_busy, ...second.free_busy].map((entry) => entry.start)).toEqual([
      '2025-03-25T09:00:00Z',
      '2025-03-25T11:00:00Z',
      '2025-03-25T13:00:00Z',
    ]);
    expect(second.pages).toEqual({ current: 2, total: 2 });
  });
});
