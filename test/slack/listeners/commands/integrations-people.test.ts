import type { MessageRecord, ViewRecord } from '../../../../src/simulators/slack';
import { liveHostingTest } from '../../../../src/admin/hosting-test';
import { SETTINGS_BLOCKS, settingsModal } from '../../../../src/admin/settings-modal';
import { connectCalendar, connectConferencing, employeeId, syncRoster } from '../../../support/connect';
import { startHarness, type Harness } from '../../../support/harness';
import { allText, ephemeralWithText, runIntegrations } from './integrations-driver';

describe('/integrations on one person: detail, nudge, resync, test; enterprise, settings and the App Home', () => {
  let harness: Harness;
  let workspaceId: string;
  const audit = (action: string) => harness.ctx.db.auditEvent.findMany({ where: { workspaceId, action }, orderBy: { at: 'asc' } });

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0GINA', name: 'gina', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0ZED', name: 'zed', calendar: { provider: 'apple' } },
        { slackId: 'U0EWAN', name: 'ewan', calendar: { provider: 'office365', protocol: 'exchange_web_services' }, conferencingAccounts: ['ms_teams'] },
        { slackId: 'U0MEM', name: 'mo' },
      ],
    });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
    await connectCalendar(harness, 'U0ADMIN');
    await connectConferencing(harness, 'U0ADMIN', 'zoom');
    await connectCalendar(harness, 'U0GINA');
    await connectCalendar(harness, 'U0ZED');
    await connectCalendar(harness, 'U0EWAN');
    await connectConferencing(harness, 'U0EWAN', 'ms_teams');
  });

  afterAll(() => harness.stop());

  describe('status @person', () => {
    it('shows the calendar, each provider and what is missing, with times in the admin’s zone', async () => {
      const reply = await runIntegrations(harness, 'U0ADMIN', 'status <@U0GINA|gina>');
      const text = allText(reply);
      expect(text).toContain('<@U0GINA> is missing:\\n• Zoom not authorized');
      expect(text).toContain('*Calendar*\\n✅ Google\\nLast checked ');
      expect(text).toContain('*Google Meet*\\n✅ Provided by their calendar');
      expect(text).toContain('*Zoom*\\n❌ Not authorized');
      expect(text).toContain('Times in your time zone (Europe/London)');
      expect(text).toContain('"action_id":"status-nudge-one"');
    });

    it('says clearly when the person is not an employee or was typed as plain text', async () => {
      expect((await runIntegrations(harness, 'U0ADMIN', 'status <@U0NOBODY>')).text).toContain('<@U0NOBODY> is not someone Slotline knows');
      expect((await runIntegrations(harness, 'U0ADMIN', 'status @gina')).text).toContain('Mention the person (type @ and pick them');
    });
  });

  describe('nudge and resync', () => {
    it('DMs one person now and audits it', async () => {
      const reply = await runIntegrations(harness, 'U0ADMIN', 'nudge <@U0GINA>');
      expect(reply.text).toBe('Sent <@U0GINA> a reminder now about: Zoom not authorized.');
      expect(harness.slack.dmsTo('U0GINA').length).toBeGreaterThan(0);
      expect(await audit('nudge_one')).toEqual([expect.objectContaining({ actorSlackUserId: 'U0ADMIN', target: 'U0GINA', detail: JSON.stringify({ outcome: 'sent' }) })]);
    });

    it('does not nudge someone who is ready', async () => {
      const before = harness.slack.dmsTo('U0ADMIN').length;
      expect((await runIntegrations(harness, 'U0ADMIN', 'nudge <@U0ADMIN>')).text).toContain('is already ready to host interviews');
      expect(harness.slack.dmsTo('U0ADMIN')).toHaveLength(before);
    });

    it('resyncs a person from the detail’s button and shows their state now', async () => {
      const since = harness.slack.seq;
      await runIntegrations(harness, 'U0ADMIN', 'status <@U0GINA>');
      const detail = await ephemeralWithText(harness, 'U0ADMIN', '<@U0GINA> is missing', since);
      const clicked = harness.slack.seq;
      await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-resync-one', in: { channel: detail.channel, ts: detail.ts } });
      const answer = await ephemeralWithText(harness, 'U0ADMIN', 'Resynced <@U0GINA> with Cronofy', clicked);
      expect(allText(answer.blocks)).toContain('Zoom not authorized');
      expect((await audit('resync')).map((a) => a.target)).toEqual(['U0GINA']);
    });

    it('explains there is nothing to resync without a calendar', async () => {
      const since = harness.slack.seq;
      await runIntegrations(harness, 'U0ADMIN', 'status <@U0MEM>');
      const detail = await ephemeralWithText(harness, 'U0ADMIN', '<@U0MEM> is missing', since);
      await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-resync-one', in: { channel: detail.channel, ts: detail.ts } });
      await ephemeralWithText(harness, 'U0ADMIN', '<@U0MEM> has not connected a calendar yet, so there is nothing to resync', since);
    });

    it('starts the reminder campaign with its progress in the admin’s DM', async () => {
      const since = harness.slack.seq;
      const reply = await runIntegrations(harness, 'U0ADMIN', 'nudge');
      // Gina, Zed and Ewan have no Zoom; Mo has no calendar.
      expect(reply.text).toBe('Reminding 4 people who are missing something. Progress is in your DM with Slotline.');
      const progress = (await harness.slack.waitFor((r) => r.kind === 'message' && r.text.includes('Reminding 4 people'), { since })) as MessageRecord;
      expect(harness.slack.dmsTo('U0ADMIN').map((m) => m.ts)).toContain(progress.ts);
      expect(await audit('nudge_all')).toEqual([expect.objectContaining({ actorSlackUserId: 'U0ADMIN', detail: JSON.stringify({ people: 4 }) })]);
    });
  });

  describe('test @person', () => {
    it('lists which interview methods the person can host right now', async () => {
      const lines = (await runIntegrations(harness, 'U0ADMIN', 'test <@U0GINA>')).text.split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          '*What <@U0GINA> can host right now*',
          '✅ *Calendar writable* — Google, primary calendar',
          '✅ *Google Meet* — Provided by their calendar',
          '❌ *Microsoft Teams (not used by your company)* — Not authorized',
          '❌ *Zoom* — Not authorized',
          '❌ *GoTo Meeting (not used by your company)* — Not authorized',
        ]),
      );
      const ewan = (await runIntegrations(harness, 'U0ADMIN', 'test <@U0EWAN>')).text;
      expect(ewan).toContain('✅ *Microsoft Teams (not used by your company)* — Authorized');
      expect(ewan).toContain('✅ *Calendar writable* — Microsoft 365 (Exchange Web Services), primary calendar');
      expect((await audit('test')).map((a) => a.target)).toEqual(['U0GINA', 'U0EWAN']);
    });

    it('with --live creates a test event with video, reports its link and deletes it', async () => {
      const result = await runIntegrations(harness, 'U0ADMIN', 'test <@U0GINA> --live', { nth: 3, timeoutMs: 15_000 });
      expect(result.text).toMatch(/^✅ Live test passed: Cronofy created a test event for \d\d:\d\d GMT[+-]\d+ with Google Meet video link https:\/\/meet\.google\.com\/[a-z-]+, and I deleted it again\.$/);
      const events = harness.cronofy.events('gina@acme.test').filter((e) => e.eventId?.startsWith('slotline-test-'));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ deleted: true, conferencing: expect.objectContaining({ requestedProfileId: 'default' }) });
      expect((await audit('test_live')).map((a) => a.target)).toEqual(['U0GINA']);
    });

    it('with --live and a provider the person has not authorized, says so without creating anything', async () => {
      const result = await runIntegrations(harness, 'U0ADMIN', 'test <@U0GINA> --live zoom', { nth: 3 });
      expect(result.text).toBe('❌ Live test failed: They have not authorized Zoom, so a live test with it cannot work. Nudge them first.');
      expect(harness.cronofy.events('gina@acme.test').filter((e) => e.eventId?.startsWith('slotline-test-'))).toHaveLength(1);
    });

    it('reports a conference that never arrives, and still deletes the test event', async () => {
      const workspace = await harness.ctx.workspaces.get(workspaceId);
      const zed = await harness.ctx.db.employee.findUniqueOrThrow({ where: { id: await employeeId(harness, 'U0ZED') } });
      const result = await liveHostingTest(harness.ctx, workspace, zed, undefined, { waitMs: 1000, pollMs: 100 });
      expect(result).toMatchObject({ ok: false, leftover: false });
      if (!result.ok) expect(result.message).toContain('no video link appeared within 1 s');
      const events = harness.cronofy.events('zed@acme.test').filter((e) => e.eventId?.startsWith('slotline-test-'));
      expect(events).toEqual([expect.objectContaining({ deleted: true })]);
    });

    it('refuses a live test without a connected calendar', async () => {
      const result = await runIntegrations(harness, 'U0ADMIN', 'test <@U0MEM> --live', { nth: 3 });
      expect(result.text).toBe('❌ Live test failed: Their calendar is not connected, so there is nowhere to create a test event.');
    });
  });

  it('hands `enterprise` to the Enterprise Connect flow', async () => {
    expect((await runIntegrations(harness, 'U0ADMIN', 'enterprise')).text).toContain('Enterprise Connect is not linked');
  });

  describe('settings', () => {
    async function openSettings(): Promise<ViewRecord> {
      const since = harness.slack.seq;
      await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ADMIN', command: '/integrations', text: 'settings' });
      return (await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'modal' && r.spec.callback_id === 'settings-submit' && r.status === 'open', { since })) as ViewRecord;
    }

    it('opens the modal and shows each problem next to its input', async () => {
      const view = await openSettings();
      const result = await harness.slack.submitView({
        userId: 'U0ADMIN',
        viewId: view.id,
        values: { [SETTINGS_BLOCKS.providers]: { value: { type: 'checkboxes', selected_options: [] } }, [SETTINGS_BLOCKS.end]: { value: { type: 'timepicker', selected_time: '08:00' } } },
      });
      expect(result.outcome).toBe('errors');
      expect(view.errors).toEqual({ [SETTINGS_BLOCKS.providers]: 'Pick at least one way to hold video interviews.', [SETTINGS_BLOCKS.end]: 'The working day must end after it starts.' });
      expect((await harness.ctx.workspaces.get(workspaceId)).conferencingProviders).toBeNull();
      await harness.slack.closeView({ userId: 'U0ADMIN', viewId: view.id });
    });

    it('saves valid settings, audits what changed and confirms in the DM', async () => {
      const view = await openSettings();
      const since = harness.slack.seq;
      const result = await harness.slack.submitView({
        userId: 'U0ADMIN',
        viewId: view.id,
        values: {
          [SETTINGS_BLOCKS.providers]: { value: { type: 'checkboxes', selected_options: [{ value: 'native' }, { value: 'ms_teams' }] } },
          [SETTINGS_BLOCKS.interval]: { value: { type: 'number_input', value: '24' } },
          [SETTINGS_BLOCKS.days]: { value: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '2' }] } },
        },
      });
      expect(result.outcome).toBe('closed');
      const workspace = await harness.ctx.workspaces.get(workspaceId);
      expect(workspace).toMatchObject({ conferencingProviders: '["native","ms_teams"]', reminderIntervalHours: 24, reminderMaxCount: 3, workingDays: '1,2', workingHoursStart: '09:00' });
      const [entry] = await audit('settings_updated');
      expect(JSON.parse(entry.detail ?? '{}')).toEqual({ conferencingProviders: '["native","ms_teams"]', reminderIntervalHours: 24, workingDays: '1,2' });
      await harness.slack.waitFor((r) => r.kind === 'message' && r.text === 'Slotline settings saved: video providers, hours between reminders, working days changed.', { since });
    });

    it('refuses a submission from someone who is not an admin', async () => {
      const client = await harness.ctx.slack.forTeam(harness.teamId);
      const opened = await client.views.open({ trigger_id: harness.slack.issueTriggerId(harness.teamId, 'U0MEM'), view: settingsModal(await harness.ctx.workspaces.get(workspaceId)) });
      const result = await harness.slack.submitView({ userId: 'U0MEM', viewId: String(opened.view?.id), values: { [SETTINGS_BLOCKS.interval]: { value: { type: 'number_input', value: '1' } } } });
      expect(result.outcome).toBe('errors');
      expect((await harness.ctx.workspaces.get(workspaceId)).reminderIntervalHours).toBe(24);
      expect((await audit('access_denied')).map((a) => a.actorSlackUserId)).toContain('U0MEM');
    });
  });

  describe('the App Home', () => {
    it('shows admins the summary with bars and the setup checklist', async () => {
      await harness.slack.openHome(harness.teamId, 'U0ADMIN');
      const home = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0ADMIN' && allText(r.spec).includes('Setup checklist'));
      const text = allText((home as ViewRecord).spec);
      expect(text).toContain('Admin: interview readiness');
      expect(text).toContain('*Ready to host interviews*\\n`▓▓░░░░░░░░ 20%`\\n1 of 5 people');
      expect(text).toContain('Microsoft 365 over Exchange Web Services: Teams per person');
      expect(text).toContain('1 of 1 person on Exchange Web Services authorized Teams.');
      expect(text).toContain('Google Meet: enable it in the Google Admin console');
      expect(text).not.toContain('Zoom: install Cronofy’s Zoom app');
      expect(text).toContain('"action_id":"admin-open-settings"');
    });

    it('shows nothing of it to anyone else', async () => {
      await harness.slack.openHome(harness.teamId, 'U0MEM');
      const home = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0MEM');
      expect(allText((home as ViewRecord).spec)).not.toContain('Admin: interview readiness');
    });

    it('exports the CSV from the Home button, answering in the DM', async () => {
      const since = harness.slack.seq;
      await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-export-csv', in: { home: 'U0ADMIN' } });
      await harness.slack.waitFor((r) => r.kind === 'file' && r.completed, { since, timeoutMs: 10_000 });
      await harness.slack.waitFor((r) => r.kind === 'message' && r.text.startsWith('Exporting 5 people to CSV'), { since });
      // The file is shared a moment before the job ends (its progress message is finished after); wait for that too.
      const finished = await harness.slack.waitFor((r) => r.kind === 'message' && r.text.startsWith('Export finished'), { since, timeoutMs: 10_000 });
      expect((finished as MessageRecord).text).toBe('Export finished: 5 people: 1 ready, 4 missing something, 0 opted out.');
    });

    it('exports the CSV from the command too', async () => {
      const since = harness.slack.seq;
      expect((await runIntegrations(harness, 'U0ADMIN', 'export')).text).toBe('Exporting 5 people to CSV. Progress and the file are in your DM with Slotline.');
      await harness.slack.waitFor((r) => r.kind === 'file' && r.completed, { since, timeoutMs: 10_000 });
    });

    it('opens the settings modal from the Home button', async () => {
      const since = harness.slack.seq;
      await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'admin-open-settings', in: { home: 'U0ADMIN' } });
      await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'modal' && r.spec.callback_id === 'settings-submit', { since });
    });
  });
});
