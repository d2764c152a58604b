import { blocksText, buttons, buttonUrl, checklistMessage, get, pageTitle, waitForChecklist } from '../support/checklist';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { eventually, linkEnterprise } from './enterprise-support';

const ADMIN_EMAIL = 'it-admin@acme.test';

/** The person's side: "Sync calendar" replaces the Connect buttons while Enterprise Connect covers them. */
describe('the checklist under Enterprise Connect', () => {
  let harness: Harness;
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, calendar: { provider: 'office365' } },
        { slackId: 'U0ANN', name: 'ann', calendar: { provider: 'office365', protocol: 'exchange_web_services' } },
        // Bea has no mailbox yet when the company links Enterprise Connect.
        { slackId: 'U0BEA', name: 'bea' },
        { slackId: 'U0CON', name: 'con', email: 'con@partner.test', calendar: { provider: 'google' } },
      ],
      start: { enterprisePacing: { callsPerMinute: 60_000 } },
    });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
    for (const slackUserId of ['U0BEA', 'U0CON']) await harness.ctx.onboarding.sendChecklist(await employeeId(harness, slackUserId));
  });
  afterAll(() => harness.stop());

  it('offers individual Connect buttons before the link', async () => {
    const bea = await checklistMessage(harness, 'U0BEA');
    expect(buttons(bea.blocks).map((b) => b.actionId)).toContain('onboarding_connect_calendar_google');
    expect(buttons(bea.blocks).map((b) => b.actionId)).not.toContain('onboarding_sync_calendar');
  });

  it('after the link, shows a failed person why and "Sync calendar"; people on another domain keep Connect', async () => {
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: 'U0ADMIN', adminEmail: ADMIN_EMAIL });
    await eventually(async () => (await harness.ctx.enterprise.status(workspaceId)).counts.pending === 0 || undefined);
    const bea = await waitForChecklist(harness, 'U0BEA', (m) => blocksText(m.blocks).includes('could not sync'));
    expect(blocksText(bea.blocks)).toContain('the calendar system has no mailbox for your email address');
    const ids = buttons(bea.blocks).map((b) => b.actionId);
    expect(ids).toContain('onboarding_sync_calendar');
    expect(ids.filter((id) => id.startsWith('onboarding_connect_calendar_'))).toEqual([]);

    await harness.ctx.onboarding.sendChecklist(await employeeId(harness, 'U0CON'));
    const con = await checklistMessage(harness, 'U0CON');
    expect(buttons(con.blocks).map((b) => b.actionId)).toContain('onboarding_connect_calendar_google');
    expect(buttons(con.blocks).map((b) => b.actionId)).not.toContain('onboarding_sync_calendar');
  });

  it('one click on "Sync calendar" requests the calendar, and the message updates when Cronofy answers', async () => {
    harness.cronofy.addPerson({ email: 'bea@acme.test', zone: 'Europe/London', calendar: { provider: 'office365' } });
    const syncUrl = buttonUrl((await checklistMessage(harness, 'U0BEA')).blocks, 'onboarding_sync_calendar');
    const page = await get(syncUrl);
    expect(page.status).toBe(302);
    const landed = await get(page.location ?? '');
    expect(landed.status).toBe(200);
    expect(pageTitle(landed)).toBe('Syncing your calendar');

    const after = await waitForChecklist(harness, 'U0BEA', (m) => blocksText(m.blocks).includes(':white_check_mark: *Calendar*'), 8000);
    expect(buttons(after.blocks).map((b) => b.actionId)).not.toContain('onboarding_sync_calendar');
    const connection = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: await employeeId(harness, 'U0BEA') } });
    expect(connection).toMatchObject({ state: 'connected', viaEnterpriseConnect: true });
    // The button's link worked once.
    expect((await get(syncUrl)).status).toBe(409);
  });

  it('keeps conferencing per person: an Exchange Web Services user synced through Enterprise Connect still authorizes Teams', async () => {
    await harness.ctx.workspaces.update(workspaceId, { conferencingProviders: JSON.stringify(['ms_teams']) });
    const ann = await employeeId(harness, 'U0ANN');
    await harness.ctx.onboarding.sendChecklist(ann);
    const message = await checklistMessage(harness, 'U0ANN');
    expect(blocksText(message.blocks)).toContain(':white_check_mark: *Calendar*');
    expect(buttons(message.blocks).map((b) => b.actionId)).toContain('onboarding_connect_conferencing_ms_teams');
  });
});
