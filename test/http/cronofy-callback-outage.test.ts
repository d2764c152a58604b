// Connecting while Cronofy keeps answering 429, 5xx or nothing at all: the browser gets a page that says what
// happened and that nothing was connected, nothing half-connected is stored, the log names the precise cause,
// and the buttons in Slack work again once Cronofy is back.
import { consent } from '../../src/simulators/cronofy';
import { buttonUrl, checklistMessage, connectCalendarThroughButton, get, pageTitle, waitForChecklist, type Page } from '../support/checklist';
import { connectCalendar, employeeId, syncRoster } from '../support/connect';
import { QUICK_CRONOFY_RETRIES, recordingLogger } from '../support/fakes';
import { startHarness, type Harness } from '../support/harness';

const TOKEN = { method: 'POST', path: '/oauth/token' } as const;
const USERINFO = { method: 'GET', path: '/v1/userinfo' } as const;
const CONFERENCING_AUTHORIZATION = { method: 'POST', path: '/v1/conferencing_service_authorizations' } as const;
const GOOGLE = 'onboarding_connect_calendar_google';
const ZOOM = 'onboarding_connect_conferencing_zoom';

describe('the connect pages while Cronofy is down', () => {
  let harness: Harness;
  const logger = recordingLogger();

  beforeAll(async () => {
    harness = await startHarness({
      start: { logger, cronofyRetryPolicy: QUICK_CRONOFY_RETRIES },
      people: [
        { slackId: 'U0ANNA', name: 'anna', calendar: { provider: 'google' } },
        { slackId: 'U0BEN', name: 'ben', calendar: { provider: 'google' } },
        { slackId: 'U0CARA', name: 'cara', calendar: { provider: 'google' } },
        { slackId: 'U0DAN', name: 'dan', calendar: { provider: 'google' } },
        { slackId: 'U0EVA', name: 'eva', calendar: { provider: 'apple' }, conferencingAccounts: ['zoom'] },
      ],
    });
    await syncRoster(harness);
    for (const person of ['U0ANNA', 'U0BEN', 'U0CARA', 'U0DAN']) await harness.ctx.onboarding.sendChecklist(await employeeId(harness, person));
  });

  afterEach(() => harness.cronofy.clearFaults());
  afterAll(() => harness.stop());

  const button = async (slackUserId: string, actionId: string) => buttonUrl((await checklistMessage(harness, slackUserId)).blocks, actionId);
  const emailOf = (slackUserId: string) => `${slackUserId.slice(2).toLowerCase()}@acme.test`;
  const connectWith = async (slackUserId: string, url: string) => connectCalendarThroughButton(url, { email: emailOf(slackUserId), allow: true });
  const calendarOf = async (slackUserId: string) => harness.ctx.db.calendarConnection.findUnique({ where: { employeeId: await employeeId(harness, slackUserId) } });
  const requestsTo = (path: string, since: number) => harness.cronofy.requests.slice(since).filter((r) => r.path === path);
  const refusals = () => logger.find('Cronofy callback refused').concat(logger.find('connect link refused'));

  /** Once Cronofy is back, the fresh button the checklist got connects. */
  async function connectsOnceCronofyIsBack(slackUserId: string, usedUrl: string): Promise<void> {
    harness.cronofy.clearFaults();
    const fresh = await waitForChecklist(harness, slackUserId, (m) => buttonUrl(m.blocks, GOOGLE) !== usedUrl);
    expect(pageTitle(await connectWith(slackUserId, buttonUrl(fresh.blocks, GOOGLE)))).toBe('Google calendar connected');
    expect(await calendarOf(slackUserId)).toMatchObject({ state: 'connected' });
  }

  function expectNothingConnectedPage(page: Page, says: RegExp): void {
    expect(page.status).toBe(502);
    expect(pageTitle(page)).toMatch(/^Cronofy is (busy|not answering) right now$/);
    expect(page.html).toMatch(says);
    expect(page.html).toContain('Nothing changed.');
    expect(page.html).toContain('still work');
  }

  it('tries a rate-limited code exchange again (Cronofy refused it unprocessed), and the calendar connects', async () => {
    const since = harness.cronofy.requests.length;
    harness.cronofy.failNext(TOKEN, { status: 429 });
    expect(pageTitle(await connectWith('U0ANNA', await button('U0ANNA', GOOGLE)))).toBe('Google calendar connected');
    expect(requestsTo('/oauth/token', since).map((r) => r.status)).toEqual([429, 200]);
  });

  it('sends a failing code exchange once (the code is single-use), says Cronofy is having trouble, and stores nothing', async () => {
    const url = await button('U0BEN', GOOGLE);
    const start = await get(url);
    harness.cronofy.failNext(TOKEN, { status: 503, times: Infinity });
    const { location } = await consent(start.location as string, { email: 'ben@acme.test', allow: true });
    const since = harness.cronofy.requests.length;
    const page = await get(location);

    expectNothingConnectedPage(page, /Cronofy is having trouble right now\. Please try again in a few minutes\./);
    expect(requestsTo('/oauth/token', since)).toHaveLength(1);
    expect((await calendarOf('U0BEN'))?.accessTokenEnc ?? null).toBeNull();
    expect(refusals().at(-1)?.fields).toMatchObject({ code: 'cronofy_unavailable', error: expect.stringMatching(/^Cronofy token exchange: 503 server error \(gave up after 1 attempt in \d+ ms: HTTP 503\)$/) });
    await connectsOnceCronofyIsBack('U0BEN', url);
  });

  it('says Cronofy did not answer in time when the code exchange hangs', async () => {
    const url = await button('U0CARA', GOOGLE);
    harness.cronofy.failNext(TOKEN, { status: 200, body: {}, delayMs: 1_000 });
    const page = await connectWith('U0CARA', url);

    expectNothingConnectedPage(page, /Cronofy did not answer in time\./);
    expect((await calendarOf('U0CARA'))?.accessTokenEnc ?? null).toBeNull();
    expect(refusals().at(-1)?.fields).toMatchObject({ code: 'cronofy_unavailable', error: expect.stringMatching(/timed out after 300 ms \(gave up after 1 attempt in \d+ ms: timeout\)$/) });
    await connectsOnceCronofyIsBack('U0CARA', url);
  });

  it('stores nothing and releases the new authorization when userinfo keeps failing after the exchange', async () => {
    const url = await button('U0DAN', GOOGLE);
    const since = harness.cronofy.requests.length;
    harness.cronofy.failNext(USERINFO, { status: 502, times: Infinity });
    const page = await connectWith('U0DAN', url);

    expectNothingConnectedPage(page, /Cronofy is having trouble right now/);
    expect(requestsTo('/v1/userinfo', since).map((r) => r.status)).toEqual([502, 502, 502]);
    expect(await calendarOf('U0DAN')).toBeNull();
    expect(requestsTo('/oauth/token/revoke', since).map((r) => r.status)).toEqual([200]);
    expect(refusals().at(-1)?.fields).toMatchObject({ error: expect.stringMatching(/^Cronofy userinfo: 502 server error \(gave up after 3 attempts in \d+ ms: HTTP 502, HTTP 502, HTTP 502\)$/) });
    await connectsOnceCronofyIsBack('U0DAN', url);
  });

  it('says Cronofy is busy when the video-account link keeps being rate limited, and changes nothing', async () => {
    await connectCalendar(harness, 'U0EVA');
    const eva = await employeeId(harness, 'U0EVA');
    await harness.ctx.onboarding.sendChecklist(eva);
    const url = await button('U0EVA', ZOOM);
    const since = harness.cronofy.requests.length;
    harness.cronofy.failNext(CONFERENCING_AUTHORIZATION, { status: 429, times: Infinity });
    const page = await get(url);

    expectNothingConnectedPage(page, /Cronofy is busy right now \(rate limited\)\. Please try again in a minute\./);
    expect(requestsTo('/v1/conferencing_service_authorizations', since)).toHaveLength(3);
    expect(await harness.ctx.db.conferencingConnection.findMany({ where: { employeeId: eva, state: 'connected' } })).toEqual([]);
    expect(await calendarOf('U0EVA')).toMatchObject({ state: 'connected' });
    expect(refusals().at(-1)?.fields).toMatchObject({ code: 'cronofy_rate_limited', error: expect.stringContaining('gave up after 3 attempts') });

    harness.cronofy.clearFaults();
    const fresh = await waitForChecklist(harness, 'U0EVA', (m) => buttonUrl(m.blocks, ZOOM) !== url);
    expect((await get(buttonUrl(fresh.blocks, ZOOM))).status).toBe(302);
  });
});
