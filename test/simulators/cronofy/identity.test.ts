import { consent, type CronofySimulator } from '../../../src/simulators/cronofy';
import { connectPerson, rejectionOf, startSimulator, testClock } from './fixtures';

describe('Cronofy simulator: userinfo, profiles and connection health', () => {
  let sim: CronofySimulator;

  beforeEach(async () => {
    sim = await startSimulator(testClock());
  });
  afterEach(() => sim.stop());

  it('Microsoft 365 over EWS shows provider_protocol and graph_api_migration_url, without integrated conferencing', async () => {
    const ews = await connectPerson(sim, {
      email: 'ewa@contoso.test',
      zone: 'Europe/Warsaw',
      calendar: { provider: 'office365', protocol: 'exchange_web_services' },
    });
    const [profile] = (await ews.sdk.userInfo())['cronofy.data'].profiles ?? [];
    expect(profile).toMatchObject({
      provider_name: 'office365',
      provider_protocol: 'exchange_web_services',
      graph_api_migration_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/graph_api_migration\/pro_/),
      profile_calendars: [{ calendar_integrated_conferencing_available: false }],
    });

    const { location } = await consent(profile.graph_api_migration_url ?? '', { email: 'ewa@contoso.test', allow: true });
    expect(location).toContain('/done?outcome=done');
    const [migrated] = (await ews.sdk.userInfo())['cronofy.data'].profiles ?? [];
    expect(migrated).toMatchObject({ provider_protocol: 'graph_api', profile_calendars: [{ calendar_integrated_conferencing_available: true }] });
    expect(migrated.graph_api_migration_url).toBeUndefined();
  });

  it('Microsoft 365 defaults to Graph, which offers integrated conferencing', async () => {
    const graph = await connectPerson(sim, { email: 'gus@contoso.test', zone: 'Europe/Berlin', calendar: { provider: 'office365' } });
    const { calendars } = await graph.sdk.listCalendars();
    expect(calendars).toEqual([
      expect.objectContaining({ provider_name: 'office365', calendar_name: 'Calendar', calendar_integrated_conferencing_available: true }),
    ]);
  });

  it('shared mailboxes never offer integrated conferencing', async () => {
    const shared = await connectPerson(sim, {
      email: 'recruiting@contoso.test',
      zone: 'Europe/Berlin',
      calendar: { provider: 'office365', sharedMailbox: true },
    });
    const { calendars } = await shared.sdk.listCalendars();
    expect(calendars[0].calendar_integrated_conferencing_available).toBe(false);
  });

  it('Apple and Outlook.com calendars offer no integrated conferencing', async () => {
    for (const [email, provider] of [
      ['ann@icloud.test', 'apple'],
      ['lee@outlook.test', 'live_connect'],
    ] as const) {
      const person = await connectPerson(sim, { email, zone: 'America/Chicago', calendar: { provider } });
      expect((await person.sdk.listCalendars()).calendars[0].calendar_integrated_conferencing_available).toBe(false);
    }
  });

  it('a disconnected profile shows profile_connected false with a relink URL, and calendar writes answer 423 until relinked', async () => {
    const jane = await connectPerson(sim, { email: 'jane@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
    sim.disconnectProfile('jane@acme.test');

    const [profile] = (await jane.sdk.userInfo())['cronofy.data'].profiles ?? [];
    expect(profile).toMatchObject({ profile_connected: false, profile_relink_url: expect.stringContaining('/relink/pro_') });
    const write = { calendar_id: jane.calendarId, event_id: 'int-1', summary: 'Interview', start: '2025-03-25T10:00:00Z', end: '2025-03-25T11:00:00Z' };
    expect(await rejectionOf(jane.sdk.createEvent(write))).toMatchObject({ statusCode: 423 });
    expect(await rejectionOf(jane.sdk.readEvents({ tzid: 'Etc/UTC' }))).toMatchObject({ statusCode: 423 });

    await consent(profile.profile_relink_url ?? '', { email: 'jane@acme.test', allow: true });
    await expect(jane.sdk.createEvent(write)).resolves.toBe('');
    const [relinked] = (await jane.sdk.userInfo())['cronofy.data'].profiles ?? [];
    expect(relinked.profile_connected).toBe(true);
    expect(relinked.profile_relink_url).toBeUndefined();
  });

  it('the relink page only accepts the profile’s own person', async () => {
    const jane = await connectPerson(sim, { email: 'jane@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
    sim.addPerson({ email: 'mallory@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
    sim.disconnectProfile('jane@acme.test');
    const [profile] = (await jane.sdk.userInfo())['cronofy.data'].profiles ?? [];
    await expect(consent(profile.profile_relink_url ?? '', { email: 'mallory@acme.test', allow: true })).rejects.toThrow(
      /Sign in as jane@acme.test/,
    );
  });

  it('serves /v1/account and /v1/profiles for the account', async () => {
    const jane = await connectPerson(sim, { email: 'jane@acme.test', name: 'Jane Q', zone: 'Asia/Tokyo', calendar: { provider: 'google' } });
    await expect(jane.sdk.accountInformation()).resolves.toEqual({
      account: { account_id: jane.tokens.sub, email: 'jane@acme.test', name: 'Jane Q', default_tzid: 'Asia/Tokyo' },
    });
    await expect(jane.sdk.profileInformation()).resolves.toEqual({
      profiles: [expect.objectContaining({ provider_name: 'google', profile_name: 'jane@acme.test', profile_connected: true })],
    });
  });

  it('revoking one profile removes it from the account', async () => {
    const jane = await connectPerson(sim, { email: 'jane@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
    const profileId = jane.tokens.linking_profile?.profile_id;
    const response = await fetch(`${sim.apiUrl}/v1/profiles/${profileId}/revoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${jane.tokens.access_token}` },
    });
    expect(response.status).toBe(202);
    expect((await jane.sdk.userInfo())['cronofy.data'].profiles).toEqual([]);
  });
});
