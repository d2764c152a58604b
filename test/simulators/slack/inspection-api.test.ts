import { RecordingApp } from './recording-app';
import { type SeededSimulator, SIGNING_SECRET, startSeededSimulator } from './simulator-fixtures';

describe('Slack simulator /_sim/ inspection and driver API', () => {
  let seeded: SeededSimulator;
  let app: RecordingApp;

  beforeAll(async () => {
    app = await RecordingApp.start(SIGNING_SECRET);
    seeded = await startSeededSimulator({ rateLimitScale: 100, appUrl: app.url });
  });
  afterAll(async () => {
    await seeded.sim.stop();
    await app.stop();
  });

  const get = async (path: string) => (await fetch(`${seeded.sim.url}/_sim/${path}`)).json();
  const post = async (path: string, body: object) => {
    const response = await fetch(`${seeded.sim.url}/_sim/${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };

  it('lists workspaces without their bot tokens, and their users in Slack’s shape', async () => {
    const workspaces = await get('workspaces');
    expect(workspaces).toEqual([expect.objectContaining({ teamId: seeded.teamId, botUserId: seeded.botUserId })]);
    expect(JSON.stringify(workspaces)).not.toContain('xoxb-');
    expect(await get(`workspaces/${seeded.teamId}/users`)).toEqual(expect.arrayContaining([expect.objectContaining({ id: seeded.ada, tz: 'Europe/London' })]));
  });

  it('shows a person’s DMs, Home view and open modals', async () => {
    await seeded.client.chat.postMessage({ channel: seeded.grace, text: 'Connect your calendar' });
    expect(await get(`users/${seeded.grace}/dms`)).toEqual([expect.objectContaining({ text: 'Connect your calendar' })]);
    expect(await get(`users/${seeded.grace}/home`)).toBeNull();
    expect(await get(`users/${seeded.grace}/modals`)).toEqual([]);
  });

  it('long-polls changes: answers as soon as a record newer than `since` appears', async () => {
    const since = seeded.sim.seq;
    const polled = get(`changes?since=${since}&waitMs=2000`);
    await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'Interview booked' });
    const { seq, changes } = await polled;
    expect(seq).toBeGreaterThan(since);
    expect(changes).toEqual(expect.arrayContaining([expect.objectContaining({ record: expect.objectContaining({ kind: 'message', text: 'Interview booked' }) })]));
  });

  it('answers an empty change list when nothing happens before waitMs', async () => {
    expect(await get(`changes?since=${seeded.sim.seq}&waitMs=10`)).toEqual({ seq: seeded.sim.seq, changes: [] });
  });

  it('drives a slash command over HTTP', async () => {
    const { status, body } = await post('slash-command', { teamId: seeded.teamId, userId: seeded.ada, command: '/schedule-interview' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 200, triggerId: expect.any(String) });
    expect(app.last().body).toMatchObject({ command: '/schedule-interview', user_id: seeded.ada });
  });

  it('answers 400 with the reason when a driver request cannot be carried out', async () => {
    const { status, body } = await post('click-button', { userId: seeded.ada, actionId: 'x', in: { viewId: 'VNOPE' } });
    expect(status).toBe(400);
    expect(body.error).toContain('View VNOPE is not an open modal');
  });
});
