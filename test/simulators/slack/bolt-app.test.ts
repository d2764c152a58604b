import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { createSlackSimulator, type MessageRecord, type SimRecord, type ViewRecord } from '../../../src/simulators/slack';
import { quietLogger, type SeededSimulator, SIGNING_SECRET, startSeededSimulator } from './simulator-fixtures';

const scheduleModal = {
  type: 'modal' as const,
  callback_id: 'schedule',
  title: { type: 'plain_text' as const, text: 'Schedule interview' },
  submit: { type: 'plain_text' as const, text: 'Book' },
  blocks: [{ type: 'input', block_id: 'candidate', label: { type: 'plain_text', text: 'Candidate' }, element: { type: 'plain_text_input', action_id: 'name' } }],
};

/** Collects values from listeners that run after Bolt has already acked. */
class Collected<T> {
  readonly items: T[] = [];
  private wake: () => void = () => undefined;
  push(item: T): void {
    this.items.push(item);
    this.wake();
  }
  async atLeast(count: number): Promise<T[]> {
    while (this.items.length < count) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.items;
  }
}

function registerListeners(app: App, retryNums: Collected<number | undefined>): void {
  app.command('/schedule-interview', async ({ ack, client, body }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: scheduleModal });
  });
  app.command('/ping', async ({ ack }) => ack({ text: 'pong' }));
  app.view('schedule', async ({ ack, view, body, client }) => {
    const name = view.state.values.candidate.name.value ?? '';
    if (name.trim() === '') return ack({ response_action: 'errors', errors: { candidate: 'Enter the candidate’s name' } });
    await ack();
    await client.chat.postMessage({
      channel: body.user.id,
      text: `Pick a slot for ${name}`,
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'confirm_slot', value: 'slot-1', text: { type: 'plain_text', text: 'Tue 10:00' } }] }],
    });
  });
  app.action('confirm_slot', async ({ ack, respond, action }) => {
    await ack();
    await respond({ replace_original: true, text: `Booked ${'value' in action ? action.value : ''}` });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome' } }] } });
  });
  app.event('app_mention', async ({ context }) => {
    retryNums.push(context.retryNum);
  });
}

const isOpenModal = (callbackId: string) => (r: SimRecord): r is ViewRecord =>
  r.kind === 'view' && r.type === 'modal' && r.status === 'open' && r.spec.callback_id === callbackId;

describe('a real Bolt app talking to the Slack simulator', () => {
  let seeded: SeededSimulator;
  let app: App;
  let appUrl: string;
  const retryNums = new Collected<number | undefined>();

  beforeAll(async () => {
    seeded = await startSeededSimulator({ rateLimitScale: 100 });
    app = new App({
      signingSecret: SIGNING_SECRET,
      token: seeded.botToken,
      tokenVerificationEnabled: false,
      logger: quietLogger,
      clientOptions: { slackApiUrl: seeded.sim.apiUrl, retryConfig: { retries: 0 } },
    });
    registerListeners(app, retryNums);
    const server = (await app.start(0)) as Server;
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    seeded.sim.setAppUrl(appUrl);
  });
  afterAll(async () => {
    await app.stop();
    await seeded.sim.stop();
  });

  it('delivers a signed slash command that Bolt accepts, and the app opens a modal with its trigger_id', async () => {
    const result = await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.ada, command: '/schedule-interview' });
    expect(result).toMatchObject({ status: 200, body: null, ackedInTime: true, responseUrl: expect.stringContaining('/response/') });
    const modal = await seeded.sim.waitFor(isOpenModal('schedule'));
    expect(modal.userId).toBe(seeded.ada);
  });

  it('shows a command’s ack text to the person as an ephemeral message', async () => {
    await seeded.sim.slashCommand({ teamId: seeded.teamId, userId: seeded.grace, command: '/ping' });
    expect(seeded.sim.ephemerals(seeded.grace).at(-1)).toMatchObject({ text: 'pong', via: 'command_ack' });
  });

  it('keeps the modal open with the errors the app returned for an invalid submission', async () => {
    const [modal] = seeded.sim.openModals(seeded.ada);
    const result = await seeded.sim.submitView({
      userId: seeded.ada,
      viewId: modal.id,
      values: { candidate: { name: { type: 'plain_text_input', value: '  ' } } },
    });
    expect(result).toMatchObject({ status: 200, outcome: 'errors', body: { response_action: 'errors', errors: { candidate: 'Enter the candidate’s name' } } });
    expect(seeded.sim.openModals(seeded.ada)).toEqual([expect.objectContaining({ id: modal.id, errors: { candidate: 'Enter the candidate’s name' } })]);
  });

  it('closes the modal on an empty ack, after which the app posts a DM with a button', async () => {
    const [modal] = seeded.sim.openModals(seeded.ada);
    const result = await seeded.sim.submitView({ userId: seeded.ada, viewId: modal.id, values: { candidate: { name: { value: 'Alan Turing' } } } });
    expect(result.outcome).toBe('closed');
    expect(seeded.sim.openModals(seeded.ada)).toEqual([]);
    const dm = await seeded.sim.waitFor((r): r is MessageRecord => r.kind === 'message' && r.text === 'Pick a slot for Alan Turing');
    expect(dm.channel).toMatch(/^D/);
  });

  it('clicks a button the app rendered; the app replaces the message through response_url', async () => {
    const message = seeded.sim.lastDmTo(seeded.ada) as MessageRecord;
    const click = await seeded.sim.clickButton({ userId: seeded.ada, actionId: 'confirm_slot', in: { channel: message.channel, ts: message.ts } });
    expect(click.status).toBe(200);
    await seeded.sim.waitFor((r) => r === message && message.updates.length === 1);
    expect(message).toMatchObject({ text: 'Booked slot-1', blocks: null, updates: [expect.objectContaining({ via: 'response_url' })] });
    expect(seeded.sim.responseUrlPosts().at(-1)).toMatchObject({ status: 200, userId: seeded.ada });
  });

  it('refuses to click an element the app never rendered, listing what it did render', async () => {
    const blocks = [{ type: 'actions', block_id: 'slots', elements: [{ type: 'button', action_id: 'confirm_slot', value: 'slot-2', text: { type: 'plain_text', text: 'Wed' } }] }];
    const posted = await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'Pick a slot', blocks });
    const where = { channel: String(posted.channel), ts: String(posted.ts) };
    await expect(seeded.sim.clickButton({ userId: seeded.ada, actionId: 'cancel', in: where })).rejects.toThrow(
      'No element with action_id "cancel". Rendered elements: slots/confirm_slot=slot-2',
    );
  });

  it('delivers app_home_opened; the app publishes the Home tab', async () => {
    const result = await seeded.sim.openHome(seeded.teamId, seeded.grace);
    expect(result.status).toBe(200);
    const home = await seeded.sim.waitFor((r): r is ViewRecord => r.kind === 'view' && r.type === 'home' && r.userId === seeded.grace);
    expect(home.spec.blocks).toEqual([expect.objectContaining({ text: { type: 'mrkdwn', text: 'Welcome' } })]);
  });

  it('passes retry headers through, which Bolt exposes as context.retryNum', async () => {
    const event = { type: 'app_mention', user: seeded.ada, text: `<@${seeded.botUserId}> hi`, channel: 'C1', ts: '1.000001' };
    const first = await seeded.sim.sendEvent({ teamId: seeded.teamId, event });
    await seeded.sim.sendEvent({ teamId: seeded.teamId, event, eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    expect(first.eventId).toMatch(/^Ev/);
    expect(await retryNums.atLeast(2)).toEqual([undefined, 1]);
  });

  it('is refused by Bolt with 401 when signed with the wrong signing secret', async () => {
    const impostor = await createSlackSimulator({ signingSecret: 'not-the-apps-secret', appUrl });
    try {
      const { teamId } = impostor.addWorkspace({ teamId: seeded.teamId, name: 'Acme' });
      const user = impostor.addUser(teamId, { name: 'mallory' });
      const result = await impostor.slashCommand({ teamId, userId: user.id, command: '/ping' });
      expect(result.status).toBe(401);
      expect(impostor.ephemerals()).toEqual([]);
    } finally {
      await impostor.stop();
    }
  });
});
