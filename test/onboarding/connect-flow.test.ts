import { blocksText, buttonUrl, buttons, checklistMessage, connectCalendarThroughButton, connectConferencingThroughButton, get, pageTitle, waitForChecklist } from '../support/checklist';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

describe('the checklist DM, from first message to fully connected', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0GINA', name: 'gina', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0DORA', name: 'dora', calendar: { provider: 'office365', protocol: 'graph_api' }, conferencingAccounts: ['zoom'] },
      ],
    });
    await syncRoster(harness);
  });

  afterAll(() => harness.stop());

  it('walks an employee from the first DM to fully connected: calendar, then Zoom', async () => {
    const id = await employeeId(harness, 'U0GINA');
    await harness.ctx.onboarding.sendChecklist(id);

    const first = await checklistMessage(harness, 'U0GINA');
    expect(first.text).toContain('connect your calendar and Zoom');
    expect(buttons(first.blocks).map((b) => b.text)).toEqual(
      expect.arrayContaining(['Connect Google calendar', 'Connect Microsoft 365 calendar', 'Connect Exchange calendar', 'Connect iCloud calendar', 'Refresh', 'I don’t host interviews']),
    );
    // Cronofy ties conferencing to the calendar account: no Zoom button before the calendar.
    expect(buttons(first.blocks).some((b) => b.actionId.includes('conferencing'))).toBe(false);

    // Slack sends block_actions for URL buttons too; Slotline acks them.
    const click = await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0GINA', actionId: 'onboarding_connect_calendar_google', in: { channel: first.channel, ts: first.ts } });
    expect(click.status).toBe(200);
    expect(click.ackedInTime).toBe(true);

    const googleUrl = buttonUrl(first.blocks, 'onboarding_connect_calendar_google');
    expect(googleUrl.startsWith(`${harness.app.publicUrl}/l/`)).toBe(true);
    const redirect = await get(googleUrl);
    expect(redirect.status).toBe(302);
    const authorize = new URL(redirect.location ?? '');
    expect(authorize.origin).toBe(new URL(harness.cronofy.siteUrl).origin);
    expect(authorize.searchParams.get('provider_name')).toBe('google');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${harness.app.publicUrl}/cronofy/callback/calendar`);
    expect(authorize.searchParams.get('state')).not.toBe(googleUrl.split('/').at(-1));

    const { consent } = await import('../../src/simulators/cronofy');
    const { location } = await consent(authorize.toString(), { email: 'gina@acme.test', allow: true });
    const landed = await get(location);
    expect(landed.status).toBe(200);
    expect(pageTitle(landed)).toBe('Google calendar connected');

    const calendarDone = await waitForChecklist(harness, 'U0GINA', (m) => blocksText(m.blocks).includes('Google connected'));
    expect(calendarDone.ts).toBe(first.ts);
    expect(calendarDone.updates.length).toBeGreaterThan(0);
    expect(buttons(calendarDone.blocks).map((b) => b.text)).toContain('Connect Zoom');
    const connection = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } });
    expect(connection).toMatchObject({ state: 'connected', providerName: 'google' });
    expect(connection.pushChannelId).toMatch(/^chn_/);

    // The Home tab shows the same checklist with the same buttons.
    await harness.slack.openHome(harness.teamId, 'U0GINA');
    await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0GINA');
    expect(buttons(harness.slack.homeView('U0GINA')?.spec.blocks as never).map((b) => b.text)).toContain('Connect Zoom');

    const zoom = await connectConferencingThroughButton(buttonUrl(calendarDone.blocks, 'onboarding_connect_conferencing_zoom'), { provider: 'zoom', allow: true });
    expect(zoom.status).toBe(200);
    expect(pageTitle(zoom)).toBe('Zoom connected');

    const ready = await waitForChecklist(harness, 'U0GINA', (m) => blocksText(m.blocks).includes('You are ready to host interviews'));
    expect(ready.ts).toBe(first.ts);
    expect(buttons(ready.blocks).filter((b) => b.url)).toEqual([]);
    expect(harness.slack.dmsTo('U0GINA').filter((m) => !m.deleted)).toHaveLength(1);
    const zoomRow = await harness.ctx.db.conferencingConnection.findUniqueOrThrow({ where: { employeeId_provider: { employeeId: id, provider: 'zoom' } } });
    expect(zoomRow.state).toBe('connected');
  });

  it('leaves the DM actionable when the person declines on Cronofy’s page', async () => {
    const id = await employeeId(harness, 'U0DORA');
    await harness.ctx.onboarding.sendChecklist(id);
    const before = await checklistMessage(harness, 'U0DORA');
    const used = buttonUrl(before.blocks, 'onboarding_connect_calendar_office365');

    const declined = await connectCalendarThroughButton(used, { email: 'dora@acme.test', allow: false });
    expect(declined.status).toBe(200);
    expect(pageTitle(declined)).toBe('Nothing was connected');
    expect(declined.html).toContain('You declined');
    expect(await harness.ctx.db.calendarConnection.findUnique({ where: { employeeId: id } })).toBeNull();

    // The DM gets fresh links (the clicked one is spent), and they work.
    const after = await waitForChecklist(harness, 'U0DORA', (m) => buttonUrl(m.blocks, 'onboarding_connect_calendar_office365') !== used);
    const retry = await connectCalendarThroughButton(buttonUrl(after.blocks, 'onboarding_connect_calendar_office365'), { email: 'dora@acme.test', allow: true });
    expect(pageTitle(retry)).toBe('Microsoft 365 (Graph API) calendar connected');

    // Teams comes with Graph; Zoom is still asked for (the company default is native + Zoom). Declining Zoom changes nothing.
    const withZoom = await waitForChecklist(harness, 'U0DORA', (m) => buttons(m.blocks).some((b) => b.text === 'Connect Zoom'));
    expect(blocksText(withZoom.blocks)).toContain('Microsoft Teams*: built into your calendar');
    const zoomUrl = buttonUrl(withZoom.blocks, 'onboarding_connect_conferencing_zoom');
    const zoomDeclined = await connectConferencingThroughButton(zoomUrl, { provider: 'zoom', allow: false });
    expect(pageTitle(zoomDeclined)).toBe('Nothing was connected');
    expect(zoomDeclined.html).toContain('did not connect your Zoom');
    // (The simulator updates message records in place, so compare with the URL captured before the click.)
    const stillAsking = await waitForChecklist(harness, 'U0DORA', (m) => buttonUrl(m.blocks, 'onboarding_connect_conferencing_zoom') !== zoomUrl);
    expect(blocksText(stillAsking.blocks)).toContain('*Zoom*: not connected');
  });
});
