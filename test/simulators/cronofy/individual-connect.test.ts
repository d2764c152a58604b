import { consent, type CronofySimulator } from '../../../src/simulators/cronofy';
import {
  appSdk,
  authorizeUrl,
  CLIENT_ID,
  CLIENT_SECRET,
  codeFrom,
  connectPerson,
  REDIRECT_URI,
  rejectionOf,
  startSimulator,
  testClock,
  type TestClock,
} from './fixtures';

const JANE = { email: 'jane.doe@acme.test', zone: 'Europe/London', calendar: { provider: 'google' as const } };

describe('Cronofy simulator: Individual Connect', () => {
  let clock: TestClock;
  let sim: CronofySimulator;

  beforeEach(async () => {
    clock = testClock();
    sim = await startSimulator(clock);
  });
  afterEach(() => sim.stop());

  it('connects a person end to end: authorize page, consent, code, token, userinfo', async () => {
    const { calendarId } = sim.addPerson(JANE);
    const page = await fetch(authorizeUrl(sim));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="email"');

    const { location } = await consent(authorizeUrl(sim), { email: JANE.email, allow: true });
    const redirect = new URL(location);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('state-123');

    const tokens = await appSdk(sim).requestAccessToken({ code: codeFrom(location), redirect_uri: REDIRECT_URI });
    expect(tokens).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'read_account list_calendars read_events create_event delete_event read_free_busy',
      linking_profile: { provider_name: 'google', provider_service: 'gsuite', profile_name: JANE.email },
    });
    expect(tokens.sub).toMatch(/^acc_[0-9a-f]{24}$/);
    expect(tokens.account_id).toBe(tokens.sub);

    const userinfo = await appSdk(sim, tokens.access_token).userInfo();
    expect(userinfo).toMatchObject({
      sub: tokens.sub,
      email: JANE.email,
      name: 'Jane Doe',
      zoneinfo: 'Europe/London',
      'cronofy.type': 'account',
      'cronofy.data': {
        authorization: { status: 'active' },
        profiles: [
          {
            provider_name: 'google',
            profile_id: tokens.linking_profile?.profile_id,
            profile_connected: true,
            profile_calendars: [{ calendar_id: calendarId, calendar_primary: true, calendar_integrated_conferencing_available: true }],
          },
        ],
      },
    });
    expect(userinfo['cronofy.data'].conferencing_profiles).toBeUndefined();
  });

  it('redirects with error=access_denied and the state when the person declines', async () => {
    sim.addPerson(JANE);
    const { location } = await consent(authorizeUrl(sim), { email: JANE.email, allow: false });
    const params = new URL(location).searchParams;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('state-123');
    expect(params.get('code')).toBeNull();
  });

  it('refuses an email nobody can sign in with and stays on the page', async () => {
    await expect(consent(authorizeUrl(sim), { email: 'nobody@acme.test', allow: true })).rejects.toThrow(
      /422.*No calendar account was found for nobody@acme.test/,
    );
  });

  it.each([
    ['response_type is not code', { response_type: 'token' }],
    ['client_id is unknown', { client_id: 'someone-else' }],
    ['redirect_uri is not a URL', { redirect_uri: 'not a url' }],
    ['scope is empty', { scope: '' }],
    ['scope has an unknown value', { scope: 'read_events launch_rockets' }],
    ['provider_name is unknown', { provider_name: 'myspace' }],
    ['avoid_linking is not a boolean', { avoid_linking: 'maybe' }],
    ['link_token is unknown', { link_token: 'nope' }],
  ])('answers a 400 error page, never a redirect, when %s', async (_case, params) => {
    const response = await fetch(authorizeUrl(sim, params), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('with provider_name preselected, lists that provider’s accounts and refuses others', async () => {
    sim.addPerson(JANE);
    sim.addPerson({ email: 'omar@contoso.test', zone: 'Europe/Paris', calendar: { provider: 'office365' } });
    const url = authorizeUrl(sim, { provider_name: 'office365' });
    const page = await (await fetch(url)).text();
    expect(page).toContain('Sign in with Microsoft 365');
    expect(page).toContain('omar@contoso.test');
    expect(page).not.toContain(JANE.email);

    await expect(consent(url, { email: JANE.email, allow: true })).rejects.toThrow(/not a Microsoft 365 account/);
    const { location } = await consent(url, { email: 'omar@contoso.test', allow: true });
    expect(codeFrom(location)).toBeTruthy();
  });

  it('answers invalid_grant when a code is used twice', async () => {
    sim.addPerson(JANE);
    const code = codeFrom((await consent(authorizeUrl(sim), { email: JANE.email, allow: true })).location);
    await appSdk(sim).requestAccessToken({ code, redirect_uri: REDIRECT_URI });
    expect(await rejectionOf(appSdk(sim).requestAccessToken({ code, redirect_uri: REDIRECT_URI }))).toEqual({
      statusCode: 400,
      entity: { error: 'invalid_grant' },
    });
  });

  it('answers invalid_grant when redirect_uri differs from the authorize request, and keeps the code usable', async () => {
    sim.addPerson(JANE);
    const code = codeFrom((await consent(authorizeUrl(sim), { email: JANE.email, allow: true })).location);
    expect(await rejectionOf(appSdk(sim).requestAccessToken({ code, redirect_uri: `${REDIRECT_URI}/other` }))).toEqual({
      statusCode: 400,
      entity: { error: 'invalid_grant' },
    });
    await expect(appSdk(sim).requestAccessToken({ code, redirect_uri: REDIRECT_URI })).resolves.toMatchObject({ token_type: 'bearer' });
  });

  it('answers invalid_client for a wrong client secret', async () => {
    sim.addPerson(JANE);
    const code = codeFrom((await consent(authorizeUrl(sim), { email: JANE.email, allow: true })).location);
    const form = await fetch(`${sim.apiUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: 'wrong', grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
    });
    expect(form.status).toBe(400);
    expect(await form.json()).toEqual({ error: 'invalid_client' });
  });

  it('exchanges a code sent as a form body', async () => {
    sim.addPerson(JANE);
    const code = codeFrom((await consent(authorizeUrl(sim), { email: JANE.email, allow: true })).location);
    const response = await fetch(`${sim.apiUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refresh returns a new refresh token and retires the old one', async () => {
    const jane = await connectPerson(sim, JANE);
    const refreshed = await appSdk(sim).refreshAccessToken({ refresh_token: jane.tokens.refresh_token });
    expect(refreshed.refresh_token).not.toBe(jane.tokens.refresh_token);
    expect(refreshed.access_token).not.toBe(jane.tokens.access_token);
    expect(refreshed.sub).toBe(jane.tokens.sub);
    await expect(appSdk(sim, refreshed.access_token).userInfo()).resolves.toMatchObject({ sub: jane.tokens.sub });

    expect(await rejectionOf(appSdk(sim).refreshAccessToken({ refresh_token: jane.tokens.refresh_token }))).toEqual({
      statusCode: 400,
      entity: { error: 'invalid_grant' },
    });
    expect(sim.tokens.find((token) => token.token === jane.tokens.refresh_token)).toMatchObject({ rotated: true });
  });

  it('answers 401 with WWW-Authenticate once the access token expires, and refresh recovers', async () => {
    const jane = await connectPerson(sim, JANE);
    clock.advance(3601 * 1000);
    expect(await rejectionOf(jane.sdk.listCalendars())).toMatchObject({ statusCode: 401 });

    const raw = await fetch(`${sim.apiUrl}/v1/calendars`, { headers: { Authorization: `Bearer ${jane.tokens.access_token}` } });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);

    const refreshed = await appSdk(sim).refreshAccessToken({ refresh_token: jane.tokens.refresh_token });
    await expect(appSdk(sim, refreshed.access_token).listCalendars()).resolves.toMatchObject({ calendars: [{}] });
  });

  it('expireAccessTokens(email) expires only that person’s tokens', async () => {
    const jane = await connectPerson(sim, JANE);
    const omar = await connectPerson(sim, { email: 'omar@acme.test', zone: 'Europe/Paris', calendar: { provider: 'google' } });
    sim.expireAccessTokens(JANE.email);
    expect(await rejectionOf(jane.sdk.userInfo())).toMatchObject({ statusCode: 401 });
    await expect(omar.sdk.userInfo()).resolves.toMatchObject({ email: 'omar@acme.test' });
  });

  it('answers 401 for unknown tokens', async () => {
    expect(await rejectionOf(appSdk(sim, 'made-up-token').userInfo())).toMatchObject({ statusCode: 401 });
  });

  it.each(['token', 'sub'] as const)('revoking by %s makes every token of the account fail', async (by) => {
    const jane = await connectPerson(sim, JANE);
    await appSdk(sim).revokeAuthorization(by === 'token' ? { token: jane.tokens.refresh_token } : { sub: jane.tokens.sub });

    expect(await rejectionOf(jane.sdk.userInfo())).toMatchObject({ statusCode: 401 });
    expect(await rejectionOf(appSdk(sim).refreshAccessToken({ refresh_token: jane.tokens.refresh_token }))).toMatchObject({
      statusCode: 400,
    });
    expect(sim.tokens.filter((token) => token.sub === jane.tokens.sub).every((token) => token.revoked)).toBe(true);
    expect(sim.accounts()).toEqual([expect.objectContaining({ accountId: jane.tokens.sub, authorized: false })]);
  });

  it('answers 403 when the token lacks the scope for the call', async () => {
    const jane = await connectPerson(sim, JANE, { scope: 'read_free_busy' });
    expect(await rejectionOf(jane.sdk.listCalendars())).toMatchObject({ statusCode: 403 });
    expect(await rejectionOf(jane.sdk.createEvent({ calendar_id: jane.calendarId, event_id: 'x', start: '2025-03-25T10:00:00Z', end: '2025-03-25T11:00:00Z' }))).toMatchObject({
      statusCode: 403,
    });
  });

  it('links a second calendar into the same account through a link token', async () => {
    const jane = await connectPerson(sim, JANE);
    sim.addPerson({ email: 'jane@icloud.test', zone: 'Europe/London', calendar: { provider: 'apple' } });
    const linkToken = await fetch(`${sim.apiUrl}/v1/link_tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${jane.tokens.access_token}` },
    }).then((response) => response.json() as Promise<{ link_token: string }>);

    const { location } = await consent(authorizeUrl(sim, { link_token: linkToken.link_token }), { email: 'jane@icloud.test', allow: true });
    const tokens = await appSdk(sim).requestAccessToken({ code: codeFrom(location), redirect_uri: REDIRECT_URI });
    expect(tokens.sub).toBe(jane.tokens.sub);
    const profiles = (await appSdk(sim, tokens.access_token).userInfo())['cronofy.data'].profiles ?? [];
    expect(profiles.map((profile) => profile.provider_name)).toEqual(['google', 'apple']);
  });

  it('links calendars authorized in the same browser session unless avoid_linking=true', async () => {
    sim.addPerson(JANE);
    sim.addPerson({ email: 'jane@outlook.test', zone: 'Europe/London', calendar: { provider: 'live_connect' } });
    sim.addPerson({ email: 'jane@icloud.test', zone: 'Europe/London', calendar: { provider: 'apple' } });
    const first = await consent(authorizeUrl(sim), { email: JANE.email, allow: true });
    const linked = await consent(authorizeUrl(sim), { email: 'jane@outlook.test', allow: true, cookie: first.cookie });
    const separate = await consent(authorizeUrl(sim, { avoid_linking: 'true' }), { email: 'jane@icloud.test', allow: true, cookie: first.cookie });

    const subOf = async (location: string) =>
      (await appSdk(sim).requestAccessToken({ code: codeFrom(location), redirect_uri: REDIRECT_URI })).sub;
    const firstSub = await subOf(first.location);
    expect(await subOf(linked.location)).toBe(firstSub);
    expect(await subOf(separate.location)).not.toBe(firstSub);
  });
});
