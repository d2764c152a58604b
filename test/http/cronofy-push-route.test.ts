import { signBody } from '../../src/simulators/cronofy';
import { connectCalendar, syncRoster } from '../support/connect';
import { startHarness, TEST_CRONOFY_CLIENT_SECRET, type Harness } from '../support/harness';

describe('POST /cronofy/push/:connectionId', () => {
  let harness: Harness;
  let connectionId: string;
  let channelId: string;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0PAM', name: 'pam', calendar: { provider: 'google' } }] });
    await syncRoster(harness);
    const employeeId = await connectCalendar(harness, 'U0PAM');
    const row = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId } });
    connectionId = row.id;
    channelId = row.pushChannelId as string;
  });

  afterAll(() => harness.stop());

  const push = (body: string, hmac: string | undefined, id = connectionId) =>
    fetch(`${harness.app.url}/cronofy/push/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(hmac === undefined ? {} : { 'Cronofy-HMAC-SHA256': hmac }) }, body });
  const notification = (type: string, channel = channelId) => JSON.stringify({ notification: { type }, channel: { channel_id: channel } });

  it('refuses a missing, wrong or re-serialised signature with 401', async () => {
    const body = notification('profile_disconnected');
    expect((await push(body, undefined)).status).toBe(401);
    expect((await push(body, signBody(body, 'another-secret'))).status).toBe(401);
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect((await push(reformatted, signBody(body, TEST_CRONOFY_CLIENT_SECRET))).status).toBe(401);
    expect(await harness.ctx.db.job.count({ where: { kind: 'connections.profile_disconnected' } })).toBe(0);
  });

  it('accepts any matching value of a comma-separated header, and answers verification at once', async () => {
    const body = notification('verification');
    const response = await push(body, `${signBody(body, 'old-secret')}, ${signBody(body, TEST_CRONOFY_CLIENT_SECRET)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'verified' });
  });

  it('ignores unknown types, event changes and pushes from an older channel', async () => {
    for (const body of [notification('something_new'), notification('change'), notification('profile_disconnected', 'chn_old')]) {
      const response = await push(body, signBody(body, TEST_CRONOFY_CLIENT_SECRET));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ result: 'ignored' });
    }
  });

  it('answers 400 to a signed body that is not a notification, and 404 to an unknown connection', async () => {
    const garbage = '{"nope":';
    expect((await push(garbage, signBody(garbage, TEST_CRONOFY_CLIENT_SECRET))).status).toBe(400);
    const body = notification('profile_disconnected');
    expect((await push(body, signBody(body, TEST_CRONOFY_CLIENT_SECRET), 'cal_unknown')).status).toBe(404);
  });
});
