import { checklistMessage } from '../../../support/checklist';
import { connectCalendar, syncRoster } from '../../../support/connect';
import { startHarness, type Harness } from '../../../support/harness';

describe('the Refresh button', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0RIA', name: 'ria', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] }] });
    await syncRoster(harness);
  });

  afterAll(() => harness.stop());

  it('re-reads Cronofy and redraws the DM in place', async () => {
    const id = await connectCalendar(harness, 'U0RIA');
    await harness.ctx.onboarding.sendChecklist(id);
    const message = await checklistMessage(harness, 'U0RIA');
    const userinfoCalls = () => harness.cronofy.requests.filter((r) => r.path === '/v1/userinfo').length;
    const before = userinfoCalls();
    const result = await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0RIA', actionId: 'onboarding_refresh', in: { channel: message.channel, ts: message.ts } });
    expect(result.status).toBe(200);
    expect(result.ackedInTime).toBe(true);
    await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0RIA', { timeoutMs: 3000 });
    expect(userinfoCalls()).toBe(before + 1);
    expect(message.updates.length).toBeGreaterThan(0);
    expect(harness.slack.dmsTo('U0RIA')).toHaveLength(1);
  });

  it('tells the person, only them, when Cronofy cannot be reached, and keeps the last known state', async () => {
    const message = await checklistMessage(harness, 'U0RIA');
    harness.cronofy.failNext({ method: 'GET', path: '/v1/userinfo' }, { status: 503, times: 5 });
    await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0RIA', actionId: 'onboarding_refresh', in: { channel: message.channel, ts: message.ts } });
    const reply = await harness.slack.waitFor((r) => r.kind === 'responseUrlPost' && JSON.stringify(r.body).includes('Could not check with Cronofy'), { timeoutMs: 3000 });
    expect(JSON.stringify(reply)).toContain('ephemeral');
    expect(JSON.stringify(message.blocks)).toContain('Google connected');
  });
});
