import { blocksText, buttonUrl, buttons, checklistMessage, connectCalendarThroughButton, pageTitle, waitForChecklist } from '../support/checklist';
import { connectCalendar, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

describe('disconnections and relinking', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0GINA', name: 'gina', calendar: { provider: 'google' } },
        { slackId: 'U0IVAN', name: 'ivan', calendar: { provider: 'google' } },
        { slackId: 'U0LOLA', name: 'lola', calendar: { provider: 'office365', protocol: 'graph_api' } },
      ],
    });
    await syncRoster(harness);
  });

  afterAll(() => harness.stop());

  const relinkNotices = (slackUserId: string) => harness.slack.dmsTo(slackUserId).filter((m) => m.text.includes('disconnected from Slotline'));

  it('turns a profile_disconnected push into one relink DM, and the relink button reconnects', async () => {
    const id = await connectCalendar(harness, 'U0GINA');
    await harness.ctx.onboarding.sendChecklist(id);
    const original = await checklistMessage(harness, 'U0GINA');

    harness.cronofy.disconnectProfile('gina@acme.test');
    await harness.cronofy.whenIdle();
    const push = harness.cronofy.deliveries.find((d) => d.type === 'profile_disconnected');
    expect(push?.status).toBe(202);

    const notice = await waitForChecklist(harness, 'U0GINA', (m) => m.ts !== original.ts && m.text.includes('disconnected from Slotline'));
    expect(blocksText(notice.blocks)).toContain('Google calendar disconnected from Slotline');
    expect(buttons(notice.blocks).map((b) => b.text)).toContain('Relink Google calendar');
    // The older checklist no longer offers buttons: one actionable checklist at a time.
    expect(buttons(original.blocks)).toEqual([]);
    const row = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } });
    expect(row).toMatchObject({ state: 'disconnected', reason: 'profile_disconnected' });
    expect(row.relinkUrl).toContain('/relink/');

    // More signals about the same disconnection make no second notice.
    await harness.ctx.events.emit('calendar_disconnected', { employeeId: id, reason: 'profile_disconnected' });
    await harness.ctx.jobs.drain();
    expect(relinkNotices('U0GINA')).toHaveLength(1);

    const page = await connectCalendarThroughButton(buttonUrl(notice.blocks, 'onboarding_relink_calendar'), { email: 'gina@acme.test', allow: true });
    expect(pageTitle(page)).toBe('Google calendar connected');
    await waitForChecklist(harness, 'U0GINA', (m) => blocksText(m.blocks).includes('Google connected'));
    expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).toMatchObject({ state: 'connected', reason: null });
  });

  it('marks the calendar disconnected when a refresh hits invalid_grant, and DMs a relink button', async () => {
    const id = await connectCalendar(harness, 'U0IVAN');
    await harness.ctx.onboarding.sendChecklist(id);
    harness.cronofy.expireAccessTokens('ivan@acme.test');
    harness.cronofy.failNext({ method: 'POST', path: '/oauth/token' }, { status: 400, body: { error: 'invalid_grant' } });

    const message = await checklistMessage(harness, 'U0IVAN');
    await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0IVAN', actionId: 'onboarding_refresh', in: { channel: message.channel, ts: message.ts } });
    const notice = await waitForChecklist(harness, 'U0IVAN', (m) => m.text.includes('authorization was revoked'));
    expect(buttons(notice.blocks).map((b) => b.text)).toContain('Relink Google calendar');
    expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).toMatchObject({ state: 'disconnected', reason: 'authorization_revoked' });
    expect(relinkNotices('U0IVAN')).toHaveLength(1);
  });

  it('treats 423 Locked as a lost provider connection', async () => {
    const id = await connectCalendar(harness, 'U0LOLA');
    await harness.ctx.onboarding.sendChecklist(id);
    harness.cronofy.failNext({ method: 'GET', path: '/v1/userinfo' }, { status: 423 });
    await harness.ctx.onboarding.refresh(id);
    const notice = await waitForChecklist(harness, 'U0LOLA', (m) => m.text.includes('disconnected from Slotline'));
    expect(notice.text).toContain('Cronofy lost access to your calendar provider');
    expect(buttons(notice.blocks).map((b) => b.text)).toContain('Relink Microsoft 365 calendar');
  });
});
