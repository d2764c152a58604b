import { buttons } from '../../../support/checklist';
import { startHarness, type Harness } from '../../../support/harness';

describe('app_home_opened', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0HOME', name: 'hana' }, { slackId: 'U0GUEST', name: 'gabi', isRestricted: true }] });
  });

  afterAll(() => harness.stop());

  it('publishes the checklist, adding someone the roster has not seen yet', async () => {
    await harness.slack.openHome(harness.teamId, 'U0HOME');
    const view = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0HOME', { timeoutMs: 3000 });
    if (view.kind !== 'view') throw new Error('expected a view');
    expect(JSON.stringify(view.spec.blocks)).toContain('Your interview setup');
    expect(buttons(view.spec.blocks as never).map((b) => b.text)).toEqual(expect.arrayContaining(['Connect Google calendar', 'Refresh', 'I don’t host interviews']));
    expect(await harness.ctx.db.employee.count({ where: { slackUserId: 'U0HOME' } })).toBe(1);
  });

  it('tells a guest that Slotline is for full members', async () => {
    await harness.slack.openHome(harness.teamId, 'U0GUEST');
    const view = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0GUEST', { timeoutMs: 3000 });
    if (view.kind !== 'view') throw new Error('expected a view');
    expect(JSON.stringify(view.spec.blocks)).toContain('Guests and apps cannot host interviews');
  });

  it('opting out from the Home tab updates the tab', async () => {
    const result = await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0HOME', actionId: 'onboarding_opt_out', in: { home: 'U0HOME' } });
    expect(result.status).toBe(200);
    await harness.slack.waitFor((r) => r.kind === 'view' && r.userId === 'U0HOME' && JSON.stringify(r.spec.blocks).includes('I do host interviews again'), { timeoutMs: 3000 });
    const back = await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0HOME', actionId: 'onboarding_opt_in', in: { home: 'U0HOME' } });
    expect(back.status).toBe(200);
    await harness.slack.waitFor((r) => r.kind === 'view' && r.userId === 'U0HOME' && JSON.stringify(r.spec.blocks).includes('I don’t host interviews'), { timeoutMs: 3000 });
    const audit = await harness.ctx.db.auditEvent.findMany({ where: { target: 'U0HOME' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['employee_opted_out', 'employee_opted_in']);
  });
});
