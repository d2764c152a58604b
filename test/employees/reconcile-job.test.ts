import { RECONCILE_JOB, reconcileWorkspace, scheduleReconcile } from '../../src/employees/reconcile-job';
import { waitForChecklist } from '../support/checklist';
import { connectCalendar, employeeId } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

describe('the periodic reconcile', () => {
  let harness: Harness;
  let workspace: { id: string; slackTeamId: string };

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0ANA', name: 'ana', calendar: { provider: 'google' } },
        { slackId: 'U0BEN', name: 'ben', calendar: { provider: 'google' } },
      ],
    });
    workspace = { id: await harness.workspaceId(), slackTeamId: harness.teamId };
  });

  afterAll(() => harness.stop());

  it('is scheduled once per day, whatever the number of replicas starting', async () => {
    await scheduleReconcile(harness.ctx);
    await scheduleReconcile(harness.ctx);
    const jobs = await harness.ctx.db.job.findMany({ where: { kind: RECONCILE_JOB } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].runAt.getTime() % (24 * 60 * 60_000)).toBe(0);
    expect(jobs[0].runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('imports the roster the first time without DMing anyone', async () => {
    await reconcileWorkspace(harness.ctx, workspace);
    await harness.ctx.jobs.drain();
    expect(await harness.ctx.db.employee.count({ where: { workspaceId: workspace.id, deactivatedAt: null } })).toBe(2);
    expect(harness.slack.dmsTo('U0ANA')).toHaveLength(0);
  });

  it('welcomes people the events missed and revokes the authorization of people who left', async () => {
    const ben = await connectCalendar(harness, 'U0BEN');
    harness.slack.addUser(harness.teamId, { id: 'U0CAT', name: 'cat', email: 'cat@acme.test' });
    harness.slack.updateUser(harness.teamId, 'U0BEN', { deleted: true });
    await reconcileWorkspace(harness.ctx, workspace);

    await waitForChecklist(harness, 'U0CAT', (m) => m.text.includes('Hi cat!'));
    for (let i = 0; i < 100 && !harness.cronofy.requests.some((r) => r.path === '/oauth/token/revoke'); i += 1) await new Promise((resolve) => setTimeout(resolve, 30));
    await harness.ctx.jobs.drain();
    expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: ben } })).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null, reason: 'employee_deactivated' });
  });

  it('re-checks connected calendars, catching a disconnection no push announced', async () => {
    const ana = await connectCalendar(harness, 'U0ANA');
    await harness.ctx.onboarding.sendChecklist(ana);
    // A channel Slotline no longer listens to: the push about the disconnection is ignored as stale.
    await harness.ctx.db.calendarConnection.update({ where: { employeeId: ana }, data: { pushChannelId: 'chn_stale' } });
    harness.cronofy.disconnectProfile('ana@acme.test');
    await harness.cronofy.whenIdle();
    expect((await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: ana } })).state).toBe('connected');

    await reconcileWorkspace(harness.ctx, workspace);
    const notice = await waitForChecklist(harness, 'U0ANA', (m) => m.text.includes('disconnected from Slotline'));
    expect(notice.text).toContain('stopped letting Cronofy in');
    expect((await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: await employeeId(harness, 'U0ANA') } })).state).toBe('disconnected');
  });
});
