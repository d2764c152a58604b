import type { CronofySimulator } from '../../../src/simulators/cronofy';
import { appSdk, CLIENT_SECRET, connectPerson, rejectionOf, startSimulator, testClock, type ConnectedPerson, type TestClock } from './fixtures';

describe('Cronofy simulator: rate limits, fault injection and inspection', () => {
  let clock: TestClock;
  let sim: CronofySimulator;
  let jane: ConnectedPerson;

  beforeEach(async () => {
    clock = testClock();
    sim = await startSimulator(clock);
    jane = await connectPerson(sim, { email: 'jane@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
    clock.advance(60_000);
  });
  afterEach(() => sim.stop());

  it('answers 429 with Retry-After past 50 requests a second, per application', async () => {
    const calls = Array.from({ length: 50 }, () => jane.sdk.listCalendars());
    await Promise.all(calls);
    const limited = await fetch(`${sim.apiUrl}/v1/availability`, { method: 'POST', headers: { Authorization: `Bearer ${CLIENT_SECRET}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');

    clock.advance(1000);
    await expect(jane.sdk.listCalendars()).resolves.toMatchObject({ calendars: [{}] });
  });

  it('answers 429 past the per-minute limit until the minute has passed', async () => {
    const limitedSim = await startSimulator(clock, { rateLimit: { perSecond: 1000, perMinute: 3 } });
    try {
      const userinfo = () => fetch(`${limitedSim.apiUrl}/v1/userinfo`).then((response) => response.status);
      expect([await userinfo(), await userinfo(), await userinfo(), await userinfo()]).toEqual([401, 401, 401, 429]);
      clock.advance(60_000);
      expect(await userinfo()).toBe(401);
    } finally {
      await limitedSim.stop();
    }
  });

  it('does not rate-limit the browser pages', async () => {
    const limitedSim = await startSimulator(clock, { rateLimit: { perSecond: 1, perMinute: 1 } });
    try {
      const statuses = await Promise.all([1, 2, 3].map(() => fetch(`${limitedSim.siteUrl}/oauth/authorize`).then((r) => r.status)));
      expect(statuses).toEqual([400, 400, 400]);
    } finally {
      await limitedSim.stop();
    }
  });

  it('failNext answers matching requests with the injected status and body, the given number of times', async () => {
    sim.failNext({ method: 'POST', path: /\/events$/ }, { status: 503, body: { error: 'upstream' }, times: 2 });
    const write = { calendar_id: jane.calendarId, event_id: 'int-1', summary: 'Interview', start: '2025-03-25T10:00:00Z', end: '2025-03-25T11:00:00Z' };
    expect(await rejectionOf(jane.sdk.createEvent(write))).toEqual({ statusCode: 503, entity: { error: 'upstream' } });
    expect(await rejectionOf(jane.sdk.createEvent(write))).toMatchObject({ statusCode: 503 });
    await expect(jane.sdk.createEvent(write)).resolves.toBe('');
    expect(sim.events('jane@acme.test')).toHaveLength(1);
  });

  it('failNext can inject a 422 or 429 on an exact path', async () => {
    sim.failNext({ path: '/v1/userinfo' }, { status: 429 });
    const limited = await fetch(`${sim.apiUrl}/v1/userinfo`, { headers: { Authorization: `Bearer ${jane.tokens.access_token}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    await expect(jane.sdk.userInfo()).resolves.toMatchObject({ sub: jane.tokens.sub });
  });

  it('failNext with times: Infinity keeps failing until clearFaults', async () => {
    sim.failNext({ method: 'GET', path: '/v1/userinfo' }, { status: 503, times: Infinity });
    for (let i = 0; i < 3; i += 1) expect(await rejectionOf(jane.sdk.userInfo())).toMatchObject({ statusCode: 503 });
    sim.clearFaults();
    await expect(jane.sdk.userInfo()).resolves.toMatchObject({ sub: jane.tokens.sub });
  });

  it('failNext with a delay lets a client time out', async () => {
    sim.failNext({ path: '/v1/calendars' }, { status: 504, delayMs: 500 });
    await expect(
      fetch(`${sim.apiUrl}/v1/calendars`, {
        headers: { Authorization: `Bearer ${jane.tokens.access_token}` },
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow(/aborted|timeout/i);
  });

  it('logs every request with its status and the simulator clock', async () => {
    await rejectionOf(appSdk(sim, 'nope').userInfo());
    expect(sim.requests.slice(-1)).toEqual([{ method: 'GET', path: '/v1/userinfo', status: 401, at: clock.now() }]);
    expect(sim.requests.map((request) => request.path)).toEqual(['/oauth/authorize', '/oauth/authorize', '/oauth/token', '/v1/userinfo']);
  });

  it('exposes people, calendars and events with join URLs at GET /_sim/state', async () => {
    await jane.sdk.createEvent({
      calendar_id: jane.calendarId,
      event_id: 'int-1',
      summary: 'Interview',
      start: '2025-03-25T10:00:00Z',
      end: '2025-03-25T11:00:00Z',
      conferencing: { profile_id: 'integrated' },
    });
    await sim.whenIdle();
    const response = await fetch(`${sim.url}/_sim/state`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const state = (await response.json()) as Record<string, unknown>;
    expect(state).toMatchObject({
      now: '2025-03-24T08:01:00Z',
      people: [{ email: 'jane@acme.test', accountId: jane.tokens.sub, calendarId: jane.calendarId, connected: true }],
      accounts: [{ accountId: jane.tokens.sub, authorized: true }],
      calendars: [{ calendarId: jane.calendarId, ownerEmail: 'jane@acme.test', integratedConferencing: true }],
      events: [
        {
          eventId: 'int-1',
          ownerEmail: 'jane@acme.test',
          conferencing: { providerName: 'google_meet', status: 'assigned', joinUrl: expect.stringMatching(/^https:\/\/meet\.google\.com\//) },
        },
      ],
    });
  });

  it('runs a batch of requests and answers 207 with each status', async () => {
    const response = await jane.sdk.batch({
      batch: [
        {
          method: 'POST',
          relative_url: `/v1/calendars/${jane.calendarId}/events`,
          data: { event_id: 'int-1', summary: 'Interview', start: '2025-03-25T10:00:00Z', end: '2025-03-25T11:00:00Z' },
        },
        { method: 'POST', relative_url: `/v1/calendars/${jane.calendarId}/events`, data: { summary: 'No id' } },
      ],
    });
    expect(response.batch).toEqual([
      { status: 202 },
      { status: 422, data: { errors: expect.objectContaining({ event_id: [expect.objectContaining({ key: 'errors.required' })] }) } },
    ]);
  });
});
