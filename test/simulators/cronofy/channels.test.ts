import type { CronofySimulator } from '../../../src/simulators/cronofy';
import { appSdk, connectPerson, startSimulator, testClock, type ConnectedPerson } from './fixtures';
import type { Channel } from './cronofy-sdk';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

interface Push {
  notification: { type: string; changes_since?: string };
  channel: Channel;
}

describe('Cronofy simulator: push notification channels', () => {
  let sim: CronofySimulator;
  let receiver: WebhookReceiver;
  let jane: ConnectedPerson;

  beforeEach(async () => {
    sim = await startSimulator(testClock());
    receiver = await startWebhookReceiver();
    jane = await connectPerson(sim, { email: 'jane@acme.test', zone: 'Europe/London', calendar: { provider: 'google' } });
  });
  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
  });

  const pushTypes = () => receiver.bodies<Push>('/push').map((push) => push.notification.type);

  it('creates a channel and sends a signed verification push', async () => {
    const { channel } = await jane.sdk.createNotificationChannel({ callback_url: `${receiver.url}/push?u=U1` });
    expect(channel).toEqual({ channel_id: expect.stringMatching(/^chn_[0-9a-f]{24}$/), callback_url: `${receiver.url}/push?u=U1`, filters: {} });
    await sim.whenIdle();

    const [request] = receiver.received;
    expect(appSdk(sim).hmacValid({ hmac: String(request.headers['cronofy-hmac-sha256']), body: request.body })).toBe(true);
    expect(JSON.parse(request.body)).toEqual({ notification: { type: 'verification' }, channel });
  });

  it('pushes change after an event write; reading with last_modified=changes_since returns it', async () => {
    await jane.sdk.createNotificationChannel({ callback_url: `${receiver.url}/push` });
    await jane.sdk.createEvent({ calendar_id: jane.calendarId, event_id: 'int-1', summary: 'Interview', start: '2025-03-25T10:00:00Z', end: '2025-03-25T11:00:00Z' });
    await sim.whenIdle();

    const change = receiver.bodies<Push>('/push').find((push) => push.notification.type === 'change');
    expect(change?.notification.changes_since).toBe('2025-03-24T08:00:00Z');
    const { events } = await jane.sdk.readEvents({ tzid: 'Etc/UTC', include_managed: true, last_modified: change?.notification.changes_since });
    expect(events.map((event) => event.event_id)).toEqual(['int-1']);
  });

  it('only_managed channels ignore changes to the person’s own events', async () => {
    await jane.sdk.createNotificationChannel({ callback_url: `${receiver.url}/push`, filters: { only_managed: true } });
    sim.addBusy('jane@acme.test', { start: '2025-03-25T09:00:00Z', end: '2025-03-25T10:00:00Z' });
    await sim.whenIdle();
    expect(pushTypes()).toEqual(['verification']);
  });

  it('pushes profile_disconnected when the profile loses its connection', async () => {
    await jane.sdk.createNotificationChannel({ callback_url: `${receiver.url}/push` });
    sim.disconnectProfile('jane@acme.test');
    await sim.whenIdle();
    expect(pushTypes()).toEqual(['verification', 'profile_disconnected']);
  });

  it('lists and closes channels; a closed channel gets no more pushes', async () => {
    const { channel } = await jane.sdk.createNotificationChannel({ callback_url: `${receiver.url}/push` });
    await expect(jane.sdk.listNotificationChannels()).resolves.toEqual({ channels: [channel] });
    await jane.sdk.deleteNotificationChannel({ channel_id: channel.channel_id });
    await expect(jane.sdk.listNotificationChannels()).resolves.toEqual({ channels: [] });

    sim.disconnectProfile('jane@acme.test');
    await sim.whenIdle();
    expect(pushTypes()).toEqual(['verification']);
  });

  it('revoking the authorization closes the account’s channels', async () => {
    await jane.sdk.createNotificationChannel({ callback_url: `${receiver.url}/push` });
    await appSdk(sim).revokeAuthorization({ sub: jane.tokens.sub });
    sim.disconnectProfile('jane@acme.test');
    await sim.whenIdle();
    expect(pushTypes()).toEqual(['verification']);
  });
});
