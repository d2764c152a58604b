import { RecordingApp } from './recording-app';
import { FakeClock, type SeededSimulator, SIGNING_SECRET, startSeededSimulator } from './simulator-fixtures';

const selectModal = {
  type: 'modal' as const,
  callback_id: 'pick',
  notify_on_close: true,
  title: { type: 'plain_text' as const, text: 'Pick' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'actions',
      block_id: 'length',
      elements: [
        {
          type: 'static_select',
          action_id: 'minutes',
          options: [
            { text: { type: 'plain_text', text: '30 min' }, value: '30' },
            { text: { type: 'plain_text', text: '60 min' }, value: '60' },
          ],
        },
      ],
    },
    { type: 'input', block_id: 'notes', label: { type: 'plain_text', text: 'Notes' }, element: { type: 'plain_text_input', action_id: 'text', initial_value: 'none' } },
  ],
};

const buttons = [
  { type: 'actions', block_id: 'slot-a', elements: [{ type: 'button', action_id: 'pick_slot', value: 'a', text: { type: 'plain_text', text: 'Mon' } }] },
  { type: 'actions', block_id: 'slot-b', elements: [{ type: 'button', action_id: 'pick_slot', value: 'b', text: { type: 'plain_text', text: 'Tue' } }] },
];

describe('Slack simulator acting as Slack towards the app', () => {
  let seeded: SeededSimulator;
  let app: RecordingApp;
  const clock = new FakeClock();

  beforeAll(async () => {
    app = await RecordingApp.start(SIGNING_SECRET);
    seeded = await startSeededSimulator({ clock: clock.now, rateLimitScale: 100, appUrl: app.url });
  });
  afterAll(async () => {
    await seeded.sim.stop();
    await app.stop();
  });
  beforeEach(() => {
    app.respond = () => ({});
  });

  async function openModal(userId: string, view: object = selectModal) {
    const { view: opened } = await seeded.client.views.open({ trigger_id: seeded.sim.issueTriggerId(seeded.teamId, userId), view: view as typeof selectModal });
    return String(opened?.id);
  }

  async function postButtons() {
    const posted = await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'Pick a slot', blocks: buttons });
    return { channel: String(posted.channel), ts: String(posted.ts) };
  }

  describe('slash commands', () => {
    it('sends the form fields Slack sends, in its order, exactly form-encoded and signed', async () => {
      const result = await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.ada, command: '/schedule-interview', text: 'with grace' });
      const request = app.last();
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.signatureValid).toBe(true);
      expect(Object.keys(request.body)).toEqual([
        'token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name',
        'command', 'text', 'api_app_id', 'is_enterprise_install', 'response_url', 'trigger_id',
      ]);
      expect(request.body).toMatchObject({
        team_id: seeded.teamId,
        channel_id: expect.stringMatching(/^D/),
        channel_name: 'directmessage',
        user_id: seeded.ada,
        command: '/schedule-interview',
        text: 'with grace',
        is_enterprise_install: 'false',
        response_url: result.responseUrl,
        trigger_id: result.triggerId,
      });
    });

    it('posts an in_channel ack into the conversation', async () => {
      const channel = seeded.sim.addChannel(seeded.teamId, { name: 'hiring', members: [seeded.ada] });
      app.respond = () => ({ body: { response_type: 'in_channel', text: 'Scheduling…' } });
      await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.ada, command: '/schedule-interview', channelId: channel.id });
      expect(seeded.sim.messages(channel.id)).toEqual([expect.objectContaining({ text: 'Scheduling…', via: 'command_ack' })]);
    });
  });

  describe('block_actions', () => {
    it('sends a realistic payload for a button on a message, picking the button by value', async () => {
      const where = await postButtons();
      const click = await seeded.sim.clickButton({ userId: seeded.ada, actionId: 'pick_slot', value: 'b', in: where });
      const payload = app.last().body;
      expect(payload).toMatchObject({
        type: 'block_actions',
        user: { id: seeded.ada, team_id: seeded.teamId },
        team: { id: seeded.teamId },
        container: { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: false },
        channel: { id: where.channel },
        message: { ts: where.ts, blocks: buttons },
        trigger_id: click.triggerId,
        response_url: click.responseUrl,
        actions: [{ type: 'button', action_id: 'pick_slot', block_id: 'slot-b', value: 'b', text: { type: 'plain_text', text: 'Tue' }, action_ts: expect.any(String) }],
      });
    });

    it('clicks a button on an ephemeral the command ack showed: is_ephemeral, no message, still a response_url', async () => {
      app.respond = () => ({ body: { text: 'Choose', blocks: buttons } });
      await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.grace, command: '/schedule-interview' });
      const ephemeral = seeded.sim.ephemerals(seeded.grace).at(-1);
      const click = await seeded.sim.clickButton({ userId: seeded.grace, actionId: 'pick_slot', value: 'a', in: { channel: String(ephemeral?.channel), ts: String(ephemeral?.ts) } });
      const payload = app.last().body;
      expect(payload).toMatchObject({ container: { type: 'message', is_ephemeral: true }, response_url: click.responseUrl });
      expect(payload).not.toHaveProperty('message');
    });

    it('clicks a button on the person’s Home tab', async () => {
      await seeded.client.views.publish({ user_id: seeded.ada, view: { type: 'home', blocks: buttons } });
      const home = seeded.sim.homeView(seeded.ada);
      await seeded.sim.clickButton({ userId: seeded.ada, actionId: 'pick_slot', value: 'a', in: { home: seeded.ada } });
      expect(app.last().body).toMatchObject({ container: { type: 'view', view_id: home?.id }, view: { type: 'home', id: home?.id } });
    });

    it('sends a hand-built interaction payload as is, signed and form-encoded', async () => {
      const shortcut = { type: 'shortcut', callback_id: 'new_interview', trigger_id: '1.2.3', user: { id: seeded.ada } };
      const result = await seeded.sim.sendInteractionPayload(seeded.teamId, shortcut);
      expect(result.status).toBe(200);
      expect(app.last()).toMatchObject({ signatureValid: true, body: shortcut });
    });

    it('refuses to click something that is not a button', async () => {
      const viewId = await openModal(seeded.grace);
      await expect(seeded.sim.clickButton({ userId: seeded.grace, actionId: 'minutes', in: { viewId } })).rejects.toThrow('not a button; use interact()');
      await seeded.sim.closeView({ userId: seeded.grace, viewId });
    });

    it('selects an option in a modal: the payload carries the full option and the view keeps the selection', async () => {
      const viewId = await openModal(seeded.grace);
      await seeded.sim.interact({ userId: seeded.grace, actionId: 'minutes', in: { viewId }, selection: { selected_option: { value: '60' } } });
      const payload = app.last().body;
      const selected = { text: { type: 'plain_text', text: '60 min' }, value: '60' };
      expect(payload).toMatchObject({ container: { type: 'view', view_id: viewId }, actions: [{ type: 'static_select', selected_option: selected }] });
      expect(payload).not.toHaveProperty('response_url');
      expect(payload.view).toMatchObject({ id: viewId, state: { values: { length: { minutes: { type: 'static_select', selected_option: selected } } } } });
      await expect(
        seeded.sim.interact({ userId: seeded.grace, actionId: 'minutes', in: { viewId }, selection: { selected_option: { value: '45' } } }),
      ).rejects.toThrow('Option "45" is not offered by minutes (offers: 30, 60)');
      await seeded.sim.closeView({ userId: seeded.grace, viewId });
    });
  });

  describe('response_url', () => {
    it('replaces, then deletes the message the button was on', async () => {
      const where = await postButtons();
      const { responseUrl } = await seeded.sim.clickButton({ userId: seeded.ada, actionId: 'pick_slot', value: 'a', in: where });
      const post = (body: object) => fetch(String(responseUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ replace_original: true, text: 'Monday it is' })).status).toBe(200);
      const [message] = seeded.sim.messages(where.channel).filter((m) => m.ts === where.ts);
      expect(message).toMatchObject({ text: 'Monday it is', blocks: null, updates: [expect.objectContaining({ via: 'response_url' })] });
      await post({ delete_original: true });
      expect(message.deleted).toBe(true);
    });

    it('accepts 5 posts, refuses the 6th, and expires after 30 minutes', async () => {
      const first = await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.grace, command: '/status' });
      const post = (url: string) => fetch(url, { method: 'POST', body: JSON.stringify({ text: 'working…' }) });
      for (let i = 0; i < 5; i++) expect((await post(first.responseUrl)).status).toBe(200);
      const sixth = await post(first.responseUrl);
      expect([sixth.status, await sixth.json()]).toEqual([404, { ok: false, error: 'used_url' }]);
      expect(seeded.sim.ephemerals(seeded.grace).filter((e) => e.via === 'response_url')).toHaveLength(5);

      const second = await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.grace, command: '/status' });
      clock.advance(30 * 60_000 + 1);
      expect((await post(second.responseUrl)).status).toBe(404);
    });
  });

  describe('view submissions', () => {
    it('sends the view with state.values, including initial values the person left alone', async () => {
      const viewId = await openModal(seeded.ada);
      await seeded.sim.submitView({ userId: seeded.ada, viewId });
      expect(app.last().body).toMatchObject({
        type: 'view_submission',
        view: { id: viewId, callback_id: 'pick', state: { values: { notes: { text: { type: 'plain_text_input', value: 'none' } }, length: { minutes: { selected_option: null } } } } },
      });
      expect(seeded.sim.openModals(seeded.ada)).toEqual([]);
    });

    it('refuses values for blocks the view does not have', async () => {
      const viewId = await openModal(seeded.ada);
      await expect(seeded.sim.submitView({ userId: seeded.ada, viewId, values: { nope: { text: { value: 'x' } } } })).rejects.toThrow(
        'No element with action_id "text" in block "nope"',
      );
      await seeded.sim.closeView({ userId: seeded.ada, viewId });
    });

    it('applies response_action update, push (at most 3 deep) and clear to the modal stack', async () => {
      const viewId = await openModal(seeded.ada);
      const next = (title: string) => ({ ...selectModal, title: { type: 'plain_text', text: title } });
      app.respond = () => ({ body: { response_action: 'update', view: next('Updated') } });
      expect((await seeded.sim.submitView({ userId: seeded.ada, viewId })).outcome).toBe('updated');
      expect(seeded.sim.openModals(seeded.ada)).toEqual([expect.objectContaining({ id: viewId, spec: expect.objectContaining({ title: { type: 'plain_text', text: 'Updated' } }) })]);

      app.respond = () => ({ body: { response_action: 'push', view: next('Pushed') } });
      await seeded.sim.submitView({ userId: seeded.ada, viewId });
      const [, pushed] = seeded.sim.openModals(seeded.ada);
      expect(pushed).toMatchObject({ previousViewId: viewId, rootViewId: viewId });
      await seeded.sim.submitView({ userId: seeded.ada, viewId: pushed.id });
      const third = seeded.sim.openModals(seeded.ada)[2];
      expect(await seeded.sim.submitView({ userId: seeded.ada, viewId: third.id })).toMatchObject({ outcome: 'failed', problem: 'push_limit_reached' });

      app.respond = () => ({ body: { response_action: 'clear' } });
      expect((await seeded.sim.submitView({ userId: seeded.ada, viewId: third.id })).outcome).toBe('cleared');
      expect(seeded.sim.openModals(seeded.ada)).toEqual([]);
    });

    it('reports an ack that is not 200 as a failed submission and leaves the modal open', async () => {
      const viewId = await openModal(seeded.ada);
      app.respond = () => ({ status: 500 });
      expect(await seeded.sim.submitView({ userId: seeded.ada, viewId })).toMatchObject({ outcome: 'failed', problem: 'the app answered HTTP 500' });
      expect(seeded.sim.openModals(seeded.ada).map((v) => v.id)).toEqual([viewId]);
      await seeded.sim.closeView({ userId: seeded.ada, viewId });
    });

    it('sends view_closed only for views that asked with notify_on_close', async () => {
      const notifying = await openModal(seeded.grace);
      const closed = await seeded.sim.closeView({ userId: seeded.grace, viewId: notifying });
      expect(closed?.status).toBe(200);
      expect(app.last().body).toMatchObject({ type: 'view_closed', is_cleared: false, view: { id: notifying } });
      const quiet = await openModal(seeded.grace, { ...selectModal, notify_on_close: false });
      expect(await seeded.sim.closeView({ userId: seeded.grace, viewId: quiet })).toBeNull();
    });
  });

  describe('events', () => {
    it('wraps events in the event_callback envelope, as JSON', async () => {
      await seeded.sim.sendEvent({ teamId: seeded.teamId, event: { type: 'tokens_revoked', tokens: { bot: [seeded.botUserId] } } });
      const request = app.last();
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.signatureValid).toBe(true);
      expect(request.body).toMatchObject({
        type: 'event_callback',
        team_id: seeded.teamId,
        event_id: expect.stringMatching(/^Ev/),
        event_time: Math.floor(clock.nowMs / 1000),
        authorizations: [{ team_id: seeded.teamId, user_id: seeded.botUserId, is_bot: true, is_enterprise_install: false }],
        event: { type: 'tokens_revoked', event_ts: expect.any(String) },
      });
    });

    it('includes the published Home view in app_home_opened', async () => {
      await seeded.client.views.publish({ user_id: seeded.grace, view: { type: 'home', blocks: [] } });
      await seeded.sim.openHome(seeded.teamId, seeded.grace);
      expect(app.last().body.event).toMatchObject({ type: 'app_home_opened', user: seeded.grace, tab: 'home', channel: expect.stringMatching(/^D/), view: { type: 'home' } });
    });
  });

  describe('waitFor', () => {
    it('rejects on timeout with the most recent records, to show what happened instead', async () => {
      await expect(seeded.sim.waitFor((record) => record.kind === 'file', { timeoutMs: 20 })).rejects.toThrow(/waitFor timed out after 20 ms[\s\S]*Most recent records:\n  #\d+ /);
    });
  });
});
