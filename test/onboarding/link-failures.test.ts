import { consent } from '../../src/simulators/cronofy';
import { buttonUrl, checklistMessage, connectCalendarThroughButton, get, pageTitle, shiftableClock, waitForChecklist } from '../support/checklist';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

const DAY_MS = 24 * 60 * 60_000;

describe('Connect links that must connect nothing', () => {
  let harness: Harness;
  const clock = shiftableClock();

  beforeAll(async () => {
    harness = await startHarness({
      start: { clock },
      people: [
        { slackId: 'U0ANNA', name: 'anna', calendar: { provider: 'google' } },
        { slackId: 'U0OLGA', name: 'olga', calendar: { provider: 'google' } },
        { slackId: 'U0EVE', name: 'eve', calendar: { provider: 'google' } },
        { slackId: 'U0RAY', name: 'ray', calendar: { provider: 'google' } },
      ],
    });
    await syncRoster(harness);
    for (const person of ['U0ANNA', 'U0EVE', 'U0RAY']) await harness.ctx.onboarding.sendChecklist(await employeeId(harness, person));
  });

  afterAll(() => harness.stop());

  const googleButton = async (slackUserId: string) => buttonUrl((await checklistMessage(harness, slackUserId)).blocks, 'onboarding_connect_calendar_google');
  const connected = async (slackUserId: string) => (await harness.ctx.db.calendarConnection.findUnique({ where: { employeeId: await employeeId(harness, slackUserId) } }))?.state === 'connected';

  it('refuses a forged or tampered link with a clear page', async () => {
    const real = await googleButton('U0ANNA');
    const token = real.split('/').at(-1) as string;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const url of [`${harness.app.publicUrl}/l/${'a'.repeat(24)}.${'b'.repeat(22)}`, `${harness.app.publicUrl}/l/${tampered}`, `${harness.app.publicUrl}/l/not-a-token`]) {
      const page = await get(url);
      expect(page.status).toBe(400);
      expect(pageTitle(page)).toBe('This link is not valid');
      expect(page.html).not.toMatch(/\{"error"|\n\s+at /);
    }
    // The real link was not spent by the forgeries.
    expect((await get(real)).status).toBe(302);
  });

  it('refuses a reused link, and a repeated callback changes nothing', async () => {
    const url = await googleButton('U0RAY');
    const first = await get(url);
    expect(first.status).toBe(302);
    const again = await get(url);
    expect(again.status).toBe(409);
    expect(pageTitle(again)).toBe('This link was already used');

    const { location } = await consent(first.location as string, { email: 'ray@acme.test', allow: true });
    expect(pageTitle(await get(location))).toBe('Google calendar connected');
    const exchanges = () => harness.cronofy.requests.filter((r) => r.path === '/oauth/token').length;
    const before = exchanges();
    const repeated = await get(location);
    expect(repeated.status).toBe(200);
    expect(pageTitle(repeated)).toBe('Already done');
    expect(exchanges()).toBe(before);
    expect(await connected('U0RAY')).toBe(true);
  });

  it('refuses someone else’s calendar on a person’s link, and keeps their DM actionable', async () => {
    const annaLink = await googleButton('U0ANNA');
    const page = await connectCalendarThroughButton(annaLink, { email: 'olga@acme.test', allow: true });
    expect(page.status).toBe(403);
    expect(pageTitle(page)).toBe('That is not your calendar');
    expect(page.html).toContain('olga@acme.test');
    expect(await connected('U0ANNA')).toBe(false);
    const anna = await harness.ctx.db.calendarConnection.findUnique({ where: { employeeId: await employeeId(harness, 'U0ANNA') } });
    expect(anna?.accessTokenEnc ?? null).toBeNull();
    // Olga's account is attached to nobody, so the stray authorization was revoked at Cronofy.
    expect(harness.cronofy.requests.some((r) => r.path === '/oauth/token/revoke')).toBe(true);

    const fresh = await waitForChecklist(harness, 'U0ANNA', (m) => buttonUrl(m.blocks, 'onboarding_connect_calendar_google') !== annaLink);
    const own = await connectCalendarThroughButton(buttonUrl(fresh.blocks, 'onboarding_connect_calendar_google'), { email: 'anna@acme.test', allow: true });
    expect(pageTitle(own)).toBe('Google calendar connected');
    expect(await connected('U0ANNA')).toBe(true);
  });

  it('keeps the DM actionable when Cronofy fails the code exchange', async () => {
    const url = await googleButton('U0EVE');
    harness.cronofy.failNext({ method: 'POST', path: '/oauth/token' }, { status: 500, body: { error: 'server_error' } });
    const page = await connectCalendarThroughButton(url, { email: 'eve@acme.test', allow: true });
    expect(page.status).toBe(502);
    expect(pageTitle(page)).toBe('Cronofy is not answering right now');
    expect(page.html).toContain('still work');
    expect(await connected('U0EVE')).toBe(false);
    const fresh = await waitForChecklist(harness, 'U0EVE', (m) => buttonUrl(m.blocks, 'onboarding_connect_calendar_google') !== url);
    expect(pageTitle(await connectCalendarThroughButton(buttonUrl(fresh.blocks, 'onboarding_connect_calendar_google'), { email: 'eve@acme.test', allow: true }))).toBe('Google calendar connected');
  });

  it('refuses an expired link; Refresh gives working buttons again', async () => {
    const olga = await employeeId(harness, 'U0OLGA');
    await harness.ctx.onboarding.sendChecklist(olga);
    const message = await checklistMessage(harness, 'U0OLGA');
    const stale = buttonUrl(message.blocks, 'onboarding_connect_calendar_google');
    clock.advance(8 * DAY_MS);
    const page = await get(stale);
    expect(page.status).toBe(410);
    expect(pageTitle(page)).toBe('This link has expired');
    expect(page.html).toContain('Refresh');

    const click = await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0OLGA', actionId: 'onboarding_refresh', in: { channel: message.channel, ts: message.ts } });
    expect(click.status).toBe(200);
    const refreshed = await waitForChecklist(harness, 'U0OLGA', (m) => buttonUrl(m.blocks, 'onboarding_connect_calendar_google') !== stale);
    expect(pageTitle(await connectCalendarThroughButton(buttonUrl(refreshed.blocks, 'onboarding_connect_calendar_google'), { email: 'olga@acme.test', allow: true }))).toBe('Google calendar connected');
  });

  it('answers a callback opened by hand, or a video link before the calendar, with a page and no change', async () => {
    const bare = await get(`${harness.app.publicUrl}/cronofy/callback/calendar`);
    expect(bare.status).toBe(400);
    expect(bare.html).toContain('only works at the end of a sign-in');
    expect((await get(`${harness.app.publicUrl}/cronofy/callback/conferencing?state=nope`)).status).toBe(400);

    const workspaceId = await harness.workspaceId();
    harness.addPerson({ slackId: 'U0NEW', name: 'newton', calendar: { provider: 'apple' } });
    await syncRoster(harness);
    const zoomTooEarly = await harness.ctx.links.issue({ workspaceId, slackUserId: 'U0NEW', purpose: 'conferencing_connect', provider: 'zoom', ttlMinutes: 10, path: '/l' });
    const page = await get(zoomTooEarly.url);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Connect your calendar first');
  });
});
