import type { CronofySimulator } from '../../../src/simulators/cronofy';
import { appSdk, CLIENT_SECRET, connectPerson, rejectionOf, startSimulator, testClock, type ConnectedPerson } from './fixtures';
import type { AvailableTime } from './cronofy-sdk';

const times = (found: AvailableTime[] | undefined) => (found ?? []).map((time) => `${time.start}/${time.end}`);

describe('Cronofy simulator: POST /v1/availability', () => {
  let sim: CronofySimulator;
  let london: ConnectedPerson;
  let newYork: ConnectedPerson;

  beforeEach(async () => {
    // Monday 24 March 2025: London is still on GMT, New York already on EDT (UTC-4).
    sim = await startSimulator(testClock());
    london = await connectPerson(sim, { email: 'jane@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
    newYork = await connectPerson(sim, { email: 'ravi@acme.test', zone: 'America/New_York', calendar: { provider: 'office365' } });
  });
  afterEach(() => sim.stop());

  const bothManaged = () => [
    {
      members: [
        { sub: london.tokens.sub, managed_availability: true },
        { sub: newYork.tokens.sub, managed_availability: true },
      ],
      required: 'all',
    },
  ];

  it('finds slots inside both people’s working hours in their own zones, around busy time', async () => {
    sim.addBusy('jane@acme.test', { start: '2025-03-25T14:00:00Z', end: '2025-03-25T15:00:00Z' });
    const response = await appSdk(sim).availability({
      access_token: CLIENT_SECRET,
      participants: bothManaged(),
      required_duration: { minutes: 60 },
      query_periods: [{ start: '2025-03-25T00:00:00Z', end: '2025-03-26T00:00:00Z' }],
      response_format: 'slots',
      start_interval: { minutes: 30 },
    });
    expect(times(response.available_slots)).toEqual([
      '2025-03-25T13:00:00Z/2025-03-25T14:00:00Z',
      '2025-03-25T15:00:00Z/2025-03-25T16:00:00Z',
      '2025-03-25T16:00:00Z/2025-03-25T17:00:00Z',
    ]);
    expect(response.available_slots?.[0].participants).toEqual([{ sub: london.tokens.sub }, { sub: newYork.tokens.sub }]);
  });

  it('keeps each zone’s working hours across the European daylight-saving change', async () => {
    const response = await appSdk(sim).availability({
      access_token: CLIENT_SECRET,
      participants: bothManaged(),
      required_duration: { minutes: 60 },
      query_periods: [{ start: '2025-03-28T00:00:00Z', end: '2025-04-01T00:00:00Z' }],
    });
    // Friday London works 09–17 UTC; Monday (BST) 08–16 UTC. New York works 13–21 UTC both days.
    expect(times(response.available_periods)).toEqual([
      '2025-03-28T13:00:00Z/2025-03-28T17:00:00Z',
      '2025-03-31T13:00:00Z/2025-03-31T16:00:00Z',
    ]);
  });

  it('counts events the app wrote as busy and applies buffers', async () => {
    await london.sdk.createEvent({
      calendar_id: london.calendarId,
      event_id: 'interview-1',
      summary: 'Interview',
      start: '2025-03-25T10:00:00Z',
      end: '2025-03-25T11:00:00Z',
    });
    const response = await london.sdk.availability({
      participants: [{ members: [{ sub: london.tokens.sub }], required: 'all' }],
      required_duration: { minutes: 30 },
      query_periods: [{ start: '2025-03-25T09:00:00Z', end: '2025-03-25T12:00:00Z' }],
      buffer: { before: { minutes: 15 }, after: { minutes: 15 } },
    });
    expect(times(response.available_periods)).toEqual(['2025-03-25T09:00:00Z/2025-03-25T09:45:00Z', '2025-03-25T11:15:00Z/2025-03-25T12:00:00Z']);
  });

  it('honours member calendar_ids and available_periods, and reports member statuses', async () => {
    sim.disconnectProfile('ravi@acme.test');
    const response = await appSdk(sim).availability({
      access_token: CLIENT_SECRET,
      participants: [
        {
          members: [
            { sub: london.tokens.sub, calendar_ids: [london.calendarId] },
            { sub: newYork.tokens.sub, available_periods: [{ start: '2025-03-25T10:00:00Z', end: '2025-03-25T11:00:00Z' }] },
          ],
          required: 'all',
        },
      ],
      required_duration: { minutes: 30 },
      available_periods: [{ start: '2025-03-25T09:00:00Z', end: '2025-03-25T12:00:00Z' }],
      include_member_statuses: true,
    });
    expect(times(response.available_periods)).toEqual(['2025-03-25T10:00:00Z/2025-03-25T11:00:00Z']);
    expect(response.member_statuses).toEqual([
      { sub: london.tokens.sub, sync_status: 'active' },
      { sub: newYork.tokens.sub, sync_status: 'disconnected' },
    ]);
  });

  it.each([
    ['required_duration is missing', { required_duration: undefined }, 'required_duration', 'errors.required'],
    ['query periods are missing', { query_periods: undefined }, 'query_periods', 'errors.required'],
    ['a period is in the past', { query_periods: [{ start: '2025-03-20T09:00:00Z', end: '2025-03-20T10:00:00Z' }] }, 'query_periods', 'errors.in_the_past'],
    ['periods span more than 35 days', { query_periods: [{ start: '2025-03-25T00:00:00Z', end: '2025-05-01T00:00:00Z' }] }, 'query_periods', 'errors.too_long'],
    [
      'there are more than 50 periods',
      {
        query_periods: Array.from({ length: 51 }, (_, hour) => ({
          start: new Date(Date.parse('2025-03-25T00:00:00Z') + hour * 3600_000).toISOString(),
          end: new Date(Date.parse('2025-03-25T00:30:00Z') + hour * 3600_000).toISOString(),
        })),
      },
      'query_periods',
      'errors.too_many',
    ],
    ['a sub is unknown', { participants: [{ members: [{ sub: 'acc_000000000000000000000000' }], required: 'all' }] }, 'participants', 'errors.unknown_sub'],
    ['response_format is unknown', { response_format: 'calendar' }, 'response_format', 'errors.invalid'],
    ['max_results is above 512', { max_results: 513 }, 'max_results', 'errors.invalid'],
  ])('answers 422 when %s', async (_case, override, field, key) => {
    const query = {
      access_token: CLIENT_SECRET,
      participants: [{ members: [{ sub: london.tokens.sub }], required: 'all' }],
      required_duration: { minutes: 30 },
      query_periods: [{ start: '2025-03-25T09:00:00Z', end: '2025-03-25T12:00:00Z' }],
      ...override,
    };
    const failure = await rejectionOf(appSdk(sim).availability(query));
    expect(failure.statusCode).toBe(422);
    expect(failure.entity).toMatchObject({ errors: { [field]: expect.arrayContaining([expect.objectContaining({ key })]) } });
  });

  it('answers 401 without a valid bearer', async () => {
    expect(await rejectionOf(appSdk(sim).availability({ access_token: 'wrong-secret', participants: [] }))).toMatchObject({ statusCode: 401 });
  });
});
