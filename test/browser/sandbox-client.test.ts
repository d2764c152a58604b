// The sandbox page playing Slack's client in Chromium: Block Kit rendered from what the app sent, and every click,
// selection, command and form submission reaching the app as Slack's own payload. The app here is a recorder, so each
// test states exactly what Slack would have sent; the journeys test the same page against Slotline's real features.
import type { types } from '@slack/bolt';
import type { Page } from 'playwright-core';
import { DEMO_TEAM } from '../../src/sandbox/demo-company';
import { startSandboxSlotline, type SandboxSlotline } from '../sandbox/sandbox-fixtures';
import { HOME_VIEW, MESSAGE_BLOCKS, MODAL_VIEW } from '../sandbox/web/kitchen-sink';
import { RecordingApp, type ReceivedRequest } from '../simulators/slack/recording-app';
import { launchBrowser, screenshot, type Browser } from './support/browser';
import { eventually } from './support/eventually';
import { become, message, modal, openSandbox, runCommand, toasts } from './support/sandbox-page';

const EMIL = 'U0DEMOEM1';
const RITA = 'U0DEMOREC';

jest.setTimeout(30_000);

describe('sandbox page as Slack’s client', () => {
  let running: SandboxSlotline;
  let app: RecordingApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    running = await startSandboxSlotline();
    app = await RecordingApp.start(running.sandbox.slack.signingSecret);
    running.sandbox.connectApp(app.url);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await app?.stop();
  });

  beforeEach(() => {
    app.respond = () => ({});
  });

  const count = (type: string) => app.received.filter((request) => request.body.type === type).length;
  const next = (type: string, after: number, what = type): Promise<ReceivedRequest> =>
    eventually(() => app.received.filter((request) => request.body.type === type || request.body.command === type)[after], what);

  describe('a message from the app', () => {
    beforeAll(async () => {
      await openSandbox(page, running.url, EMIL);
      await running.bot.chat.postMessage({ channel: EMIL, text: 'Kitchen sink', blocks: MESSAGE_BLOCKS });
      await running.bot.chat.postMessage({
        channel: EMIL,
        text: 'Connect',
        blocks: [{ type: 'actions', block_id: 'links', elements: [{ type: 'button', action_id: 'open_link', text: { type: 'plain_text', text: 'Open health page' }, url: `${running.url}/healthz`, value: 'health' }] }],
      });
    });

    it('appears without a reload, rendered from its blocks', async () => {
      const sink = message(page, 'Kitchen sink');
      await sink.getByRole('heading', { name: 'Kitchen sink 📆' }).waitFor();
      expect(await sink.locator('.bk-mention').first().textContent()).toBe('@Emil Engineer');
      expect(await sink.getByRole('link', { name: 'the guide' }).getAttribute('href')).toBe('https://example.com/help');
      expect(await sink.getByRole('button', { name: 'Approve' }).isVisible()).toBe(true);
      expect(await sink.getByLabel('Choose a provider').isVisible()).toBe(true);
      expect(await sink.getByRole('img', { name: 'Readiness chart' }).count()).toBe(1);
      await screenshot(page, 'client-block-kit-message');
    });

    it('shows what it cannot render as visible placeholders', async () => {
      const sink = message(page, 'Kitchen sink');
      expect(await sink.getByRole('note').filter({ hasText: 'Unsupported block: video' }).isVisible()).toBe(true);
      expect(await sink.getByRole('note').filter({ hasText: 'Unsupported element: workflow_button' }).isVisible()).toBe(true);
    });

    it('sends block_actions with the button’s value when a button is clicked', async () => {
      const before = count('block_actions');
      await message(page, 'Kitchen sink').getByRole('button', { name: 'Approve' }).click();
      const request = await next('block_actions', before);
      expect(request.signatureValid).toBe(true);
      expect(request.body).toMatchObject({ user: { id: EMIL }, container: { type: 'message' }, actions: [{ action_id: 'approve', block_id: 'buttons', value: 'yes' }] });
    });

    it('asks first when the button has a confirm dialog, and sends nothing when the person backs out', async () => {
      const before = count('block_actions');
      const reject = message(page, 'Kitchen sink').getByRole('button', { name: 'Reject' });
      await reject.click();
      await page.getByRole('dialog', { name: 'Reject it?' }).getByRole('button', { name: 'Keep it' }).click();
      await reject.click();
      await page.getByRole('dialog', { name: 'Reject it?' }).getByRole('button', { name: 'Reject' }).click();
      const request = await next('block_actions', before);
      expect(request.body).toMatchObject({ actions: [{ action_id: 'reject', value: 'no' }] });
      expect(count('block_actions')).toBe(before + 1);
    });

    it('opens a URL button’s link in a new tab and still sends block_actions, as Slack does', async () => {
      const before = count('block_actions');
      // Slack opens links without an opener, so the new tab is the context's, not a popup of the page.
      const [popup] = await Promise.all([browser.context.waitForEvent('page'), message(page, 'Open health page').getByRole('button', { name: /Open health page/ }).click()]);
      await popup.waitForLoadState();
      expect(popup.url()).toBe(`${running.url}/healthz`);
      await popup.close();
      expect((await next('block_actions', before)).body).toMatchObject({ actions: [{ action_id: 'open_link', value: 'health', url: `${running.url}/healthz` }] });
    });

    it('sends selections from selects, date pickers and overflow menus', async () => {
      const sink = message(page, 'Kitchen sink');
      let before = count('block_actions');
      await sink.getByLabel('Choose a provider').selectOption('ms_teams');
      expect((await next('block_actions', before)).body).toMatchObject({ actions: [{ action_id: 'pick_provider', selected_option: { value: 'ms_teams', text: { text: 'Microsoft Teams' } } }] });

      before = count('block_actions');
      await sink.getByLabel('Choose a person').selectOption({ label: 'Rita Recruiter' });
      expect((await next('block_actions', before)).body).toMatchObject({ actions: [{ action_id: 'pick_person', selected_user: RITA }] });

      before = count('block_actions');
      await sink.getByLabel('Pick a day').fill('2030-02-03');
      expect((await next('block_actions', before)).body).toMatchObject({ actions: [{ action_id: 'pick_day', selected_date: '2030-02-03' }] });

      before = count('block_actions');
      await sink.getByRole('group', { name: 'Actions' }).getByRole('radio', { name: 'Afternoon' }).check();
      expect((await next('block_actions', before)).body).toMatchObject({ actions: [{ action_id: 'pick_one', selected_option: { value: 'pm' } }] });

      before = count('block_actions');
      await sink.getByLabel('More actions').click();
      await sink.getByRole('menuitem', { name: 'Opt out' }).click();
      expect((await next('block_actions', before)).body).toMatchObject({ actions: [{ action_id: 'more', selected_option: { value: 'opt_out' } }] });
    });

    it('updates a message in place when the app edits it', async () => {
      const sink = message(page, 'Open health page');
      const ts = JSON.parse((await sink.getAttribute('data-bk-location')) ?? '{}').ts as string;
      const channel = JSON.parse((await sink.getAttribute('data-bk-location')) ?? '{}').channel as string;
      await running.bot.chat.update({ channel, ts, text: 'Done', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *Connected*' } }] });
      await message(page, 'Connected').getByText('(edited)').waitFor();
      expect(await message(page, 'Connected').locator('.msg-body strong').textContent()).toBe('Connected');
      expect(await message(page, 'Connected').getByRole('button').count()).toBe(0);
    });
  });

  describe('keyboard and focus', () => {
    it('keeps the person’s place when the app updates the message they are using', async () => {
      const sink = message(page, 'Kitchen sink');
      await sink.getByRole('button', { name: 'Approve' }).focus();
      const { channel, ts } = JSON.parse((await sink.getAttribute('data-bk-location')) ?? '{}') as { channel: string; ts: string };
      const blocks = MESSAGE_BLOCKS.map((block) => (block.block_id === 'hdr' ? { ...block, text: { type: 'plain_text', text: 'Kitchen sink, updated' } } : block));
      await running.bot.chat.update({ channel, ts, text: 'Kitchen sink', blocks });
      await message(page, 'Kitchen sink, updated').waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Approve');
    });

    it('moves between the Home and Messages tabs with the arrow keys', async () => {
      await page.getByRole('tab', { name: 'Messages' }).focus();
      await page.keyboard.press('ArrowLeft');
      expect(await page.getByRole('tab', { name: 'Home' }).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-home');
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('tabpanel', { name: 'Messages' }).isVisible()).toBe(true);
    });
  });

  describe('slash commands', () => {
    it('sends the command with Slack’s escaping and shows the ephemeral reply', async () => {
      app.respond = (request) => (request.body.command === '/integrations' ? { body: { text: 'Hi <@U0DEMOEM1>, here is *your* status' } } : {});
      const before = app.received.filter((request) => request.body.command === '/integrations').length;
      await runCommand(page, '/integrations status @rita');
      expect((await next('/integrations', before)).body).toMatchObject({ command: '/integrations', text: 'status <@U0DEMOREC|rita>', user_id: EMIL });
      const reply = message(page, 'here is your status');
      await reply.waitFor();
      expect(await reply.getByText('Only visible to you').isVisible()).toBe(true);
    });

    it('explains that the Messages tab is read-only and refuses commands Slotline does not have', async () => {
      await runCommand(page, 'hello there');
      await toasts(page).getByText('Sending messages to Slotline is turned off').waitFor();
      await runCommand(page, '/deploy now');
      await toasts(page).getByText('/deploy is not a valid command').waitFor();
    });

    it('shows Slack’s error when the app does not answer the command', async () => {
      app.respond = () => ({ status: 404 });
      await runCommand(page, '/schedule-interview');
      await toasts(page).getByText('/schedule-interview failed with the error "dispatch_failed"').waitFor();
    });
  });

  describe('App Home', () => {
    it('tells the app the Home tab was opened and shows what it publishes', async () => {
      const before = app.received.filter((request) => (request.body.event as { type?: string } | undefined)?.type === 'app_home_opened').length;
      await page.getByRole('tab', { name: 'Home' }).click();
      const opened = await eventually(() => app.received.filter((request) => (request.body.event as { type?: string } | undefined)?.type === 'app_home_opened')[before], 'app_home_opened');
      expect(opened.body).toMatchObject({ event: { user: EMIL, tab: 'home' } });
      await running.bot.views.publish({ user_id: EMIL, view: HOME_VIEW as types.HomeView });
      await page.getByRole('tabpanel', { name: 'Home' }).getByRole('heading', { name: 'Your Slotline setup' }).waitFor();
      const blockActions = count('block_actions');
      const [popup] = await Promise.all([browser.context.waitForEvent('page'), page.getByRole('button', { name: /Connect Google Calendar/ }).click()]);
      await popup.close();
      expect((await next('block_actions', blockActions)).body).toMatchObject({ container: { type: 'view' }, view: { type: 'home' }, actions: [{ action_id: 'home_connect' }] });
      await screenshot(page, 'client-app-home');
      await page.getByRole('tab', { name: 'Messages' }).click();
    });
  });

  describe('a modal', () => {
    beforeAll(async () => {
      await become(page, 'Rita Recruiter', RITA);
    });

    const openModal = () => running.bot.views.open({ trigger_id: running.sandbox.slackSimulator.issueTriggerId(DEMO_TEAM.teamId, RITA), view: MODAL_VIEW as types.ModalView });

    it('opens with its title, takes the focus, and checks required fields before sending anything', async () => {
      await openModal();
      const dialog = modal(page, 'Book an interview');
      await dialog.waitFor();
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
      const before = count('view_submission');
      await dialog.getByLabel('Candidate name').fill('J');
      await dialog.getByRole('button', { name: 'Find slots' }).click();
      await dialog.getByText('Please enter at least 2 characters.').waitFor();
      expect(await dialog.getByText('Please complete this required field.').count()).toBe(3);
      expect(count('view_submission')).toBe(before);
      await screenshot(page, 'client-modal-required-fields');
    });

    it('submits every input in Slack’s state.values shapes and shows the app’s field errors', async () => {
      app.respond = (request) => (request.body.type === 'view_submission' ? { body: { response_action: 'errors', errors: { candidate_email: 'That address bounced.' } } } : {});
      const dialog = modal(page, 'Book an interview');
      await dialog.getByLabel('Candidate name').fill('Jane Doe');
      await dialog.getByLabel('Candidate email').fill('jane@example.com');
      await dialog.getByLabel('Interviewers').selectOption([EMIL, 'U0DEMOEM2']);
      await dialog.getByLabel('Duration').selectOption('60');
      await dialog.getByLabel('Topics').selectOption(['coding']);
      await dialog.getByLabel('Decide by').fill('2030-07-01T09:00');
      await dialog.getByRole('radio', { name: 'Zoom' }).check();
      await dialog.getByRole('checkbox', { name: /Notify the team/ }).check();
      const before = count('view_submission');
      await dialog.getByRole('button', { name: 'Find slots' }).click();
      const submission = await next('view_submission', before);
      expect(submission.body).toMatchObject({
        user: { id: RITA },
        view: {
          callback_id: 'kitchen_sink_modal',
          state: {
            values: {
              candidate_name: { value: { type: 'plain_text_input', value: 'Jane Doe' } },
              candidate_email: { value: { type: 'email_text_input', value: 'jane@example.com' } },
              notes: { value: { type: 'plain_text_input', value: null } },
              rounds: { value: { type: 'number_input', value: '1' } },
              interviewers: { value: { type: 'multi_users_select', selected_users: [EMIL, 'U0DEMOEM2'] } },
              duration: { value: { type: 'static_select', selected_option: { value: '60', text: { type: 'plain_text', text: '60 minutes' } } } },
              topics: { value: { type: 'multi_static_select', selected_options: [{ value: 'coding' }] } },
              day: { value: { type: 'datepicker', selected_date: '2030-01-15' } },
              earliest: { value: { type: 'timepicker', selected_time: '09:00' } },
              // 09:00 on 1 July 2030 in New York, Rita's zone, is 13:00 UTC.
              deadline: { value: { type: 'datetimepicker', selected_date_time: Date.UTC(2030, 6, 1, 13) / 1000 } },
              video: { value: { type: 'radio_buttons', selected_option: { value: 'zoom' } } },
              extras: { value: { type: 'checkboxes', selected_options: [{ value: 'notify' }] } },
            },
          },
        },
      });
      const email = dialog.getByLabel('Candidate email');
      await dialog.getByRole('alert').filter({ hasText: 'That address bounced.' }).waitFor();
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByLabel('Candidate name').inputValue()).toBe('Jane Doe');
      await screenshot(page, 'client-modal-field-error');
    });

    it('closes when the app accepts the submission', async () => {
      const dialog = modal(page, 'Book an interview');
      await dialog.getByLabel('Candidate email').fill('jane.doe@example.com');
      await dialog.getByRole('button', { name: 'Find slots' }).click();
      await dialog.waitFor({ state: 'detached' });
    });

    it('shows a pushed view on top, and goes back when it is closed', async () => {
      app.respond = (request) =>
        request.body.type === 'view_submission'
          ? { body: { response_action: 'push', view: { type: 'modal', title: { type: 'plain_text', text: 'Pick a slot' }, blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Tue 10:00' } }] } } }
          : {};
      await openModal();
      const dialog = modal(page, 'Book an interview');
      await dialog.getByLabel('Candidate name').fill('Jane Doe');
      await dialog.getByLabel('Candidate email').fill('jane@example.com');
      await dialog.getByLabel('Interviewers').selectOption([EMIL]);
      await dialog.getByRole('radio', { name: 'No video' }).check();
      await dialog.getByRole('button', { name: 'Find slots' }).click();
      const pushed = modal(page, 'Pick a slot');
      await pushed.waitFor();
      await pushed.getByRole('button', { name: 'Back' }).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });
  });
});
