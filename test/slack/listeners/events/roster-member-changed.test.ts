import { buttons, waitForChecklist } from '../../../support/checklist';
import { connectCalendar, employeeId, syncRoster } from '../../../support/connect';
import { startHarness, type Harness } from '../../../support/harness';

describe('team_join and user_change', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0LEO', name: 'leo', calendar: { provider: 'google' } }] });
    await syncRoster(harness);
  });

  afterAll(() => harness.stop());

  it('adds a new member to the roster and DMs them their checklist', async () => {
    const user = harness.slack.addUser(harness.teamId, { id: 'U0NEW', name: 'nina', realName: 'Nina Neu', email: 'nina@acme.test', tz: 'Europe/Berlin' });
    const result = await harness.slack.sendEvent({ teamId: harness.teamId, event: { type: 'team_join', user } });
    expect(result.status).toBe(200);
    await harness.slack.waitFor((r) => r.kind === 'message' && r.text.includes('Hi Nina!'), { timeoutMs: 3000 });
    const employee = await harness.ctx.db.employee.findUniqueOrThrow({ where: { id: await employeeId(harness, 'U0NEW') } });
    expect(employee).toMatchObject({ email: 'nina@acme.test', timeZone: 'Europe/Berlin', realName: 'Nina Neu' });
    const message = await waitForChecklist(harness, 'U0NEW', (m) => m.text.includes('Hi Nina!'));
    expect(buttons(message.blocks).map((b) => b.text)).toContain('Connect Google calendar');
    // Slack retrying the same event changes nothing.
    await harness.slack.sendEvent({ teamId: harness.teamId, event: { type: 'team_join', user }, eventId: result.eventId, retryNum: 1 });
    await harness.ctx.jobs.drain();
    expect(harness.slack.dmsTo('U0NEW')).toHaveLength(1);
  });

  it('leaves guests and bots out, and does not DM them', async () => {
    const guest = harness.slack.addUser(harness.teamId, { id: 'U0GST', name: 'gert', isRestricted: true });
    const bot = harness.slack.addUser(harness.teamId, { id: 'U0BOT', name: 'robo', isBot: true });
    for (const user of [guest, bot]) await harness.slack.sendEvent({ teamId: harness.teamId, event: { type: 'team_join', user } });
    await harness.ctx.jobs.drain();
    expect(await harness.ctx.db.employee.count({ where: { slackUserId: { in: ['U0GST', 'U0BOT'] } } })).toBe(0);
    expect(harness.slack.dmsTo('U0GST')).toHaveLength(0);
  });

  it('revokes a deactivated member’s Cronofy authorization and deletes their tokens', async () => {
    const id = await connectCalendar(harness, 'U0LEO');
    const before = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } });
    const user = harness.slack.updateUser(harness.teamId, 'U0LEO', { deleted: true });
    await harness.slack.sendEvent({ teamId: harness.teamId, event: { type: 'user_change', user } });

    const revoke = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const found = harness.cronofy.requests.find((r) => r.path === '/oauth/token/revoke');
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return undefined;
    })();
    expect(revoke).toBeDefined();
    await harness.ctx.jobs.drain();
    const after = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } });
    expect(after).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null, pushChannelId: null, state: 'disconnected', reason: 'employee_deactivated' });
    expect((await harness.ctx.db.employee.findUniqueOrThrow({ where: { id } })).deactivatedAt).not.toBeNull();
    // The account's grant is gone at Cronofy: its old access token no longer works.
    const oldToken = harness.ctx.cipher.decrypt(before.accessTokenEnc as string);
    await expect(harness.ctx.cronofy.userInfo(oldToken)).rejects.toMatchObject({ code: 'cronofy_unauthorized' });
  });
});
