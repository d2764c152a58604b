import { RECONCILE_JOB } from '../../../../src/employees/reconcile-job';
import { startHarness, type Harness } from '../../../support/harness';
import { installThroughOAuth } from '../../../support/oauth-install';
import { until } from '../../../support/until';

/** A campaign in progress: one reminder sent, one due tomorrow. */
async function campaignInProgress(harness: Harness, workspaceId: string): Promise<string> {
  const { db } = harness.ctx;
  const [first, second] = await db.employee.findMany({ where: { workspaceId }, orderBy: { slackUserId: 'asc' }, take: 2 });
  const tomorrow = new Date(harness.ctx.clock.now().getTime() + 24 * 60 * 60_000);
  await db.nudgeCampaign.create({ data: { id: 'cmp_live', workspaceId, status: 'reminding', total: 2, sent: 1 } });
  await db.nudge.createMany({
    data: [
      { id: 'ndg_sent', campaignId: 'cmp_live', employeeId: first.id, status: 'sent', scheduledFor: harness.ctx.clock.now(), sentAt: harness.ctx.clock.now() },
      { id: 'ndg_due', campaignId: 'cmp_live', employeeId: second.id, sequence: 1, status: 'scheduled', scheduledFor: tomorrow },
    ],
  });
  return 'cmp_live';
}

const uninstalledAt = async (harness: Harness, teamId: string) => (await harness.ctx.db.workspace.findUniqueOrThrow({ where: { slackTeamId: teamId } })).uninstalledAt;

describe('removing Slotline from a workspace (Add to Slack installs)', () => {
  let harness: Harness;
  const TEAM = 'T0GONE';

  beforeAll(async () => {
    harness = await startHarness({
      teamId: TEAM,
      people: [
        { slackId: 'U0OWNER', name: 'olive', isAdmin: true, isOwner: true },
        { slackId: 'U0AMY', name: 'amy' },
        { slackId: 'U0BEN', name: 'ben' },
      ],
      env: { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '', SLACK_CLIENT_SECRET: '', SLACK_STATE_SECRET: 'state-secret' },
      start: {},
    });
    expect((await installThroughOAuth(harness, `${TEAM}:U0OWNER`)).finished.status).toBe(200);
    await until('the first roster import', async () => (await harness.ctx.db.employee.count()) === 3);
  }, 20_000);

  afterAll(() => harness.stop());

  it('deletes the installation and stops the campaign in progress, keeping people for a reinstall', async () => {
    const workspace = await harness.ctx.workspaces.findBySlackTeamId(TEAM);
    if (!workspace) throw new Error('no workspace');
    await campaignInProgress(harness, workspace.id);

    const delivered = await harness.slack.sendEvent({ teamId: TEAM, event: { type: 'app_uninstalled' } });
    expect(delivered.status).toBe(200);
    await until('the uninstall recorded', () => uninstalledAt(harness, TEAM));

    expect(await harness.ctx.db.slackInstallation.count()).toBe(0);
    await expect(harness.ctx.slack.forTeam(TEAM)).rejects.toThrow();
    expect(await harness.ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: 'cmp_live' } })).toMatchObject({ status: 'stopped', completedAt: expect.any(Date) });
    expect((await harness.ctx.db.nudge.findMany({ orderBy: { id: 'asc' } })).map((n) => [n.id, n.status, n.error])).toEqual([
      ['ndg_due', 'cancelled', 'app_uninstalled'],
      ['ndg_sent', 'sent', null],
    ]);
    // People and their data stay for a reinstall.
    expect(await harness.ctx.db.employee.count({ where: { workspaceId: workspace.id } })).toBe(3);
  });

  it('brings the workspace back when it is installed again', async () => {
    expect((await installThroughOAuth(harness, `${TEAM}:U0OWNER`)).finished.status).toBe(200);
    expect(await uninstalledAt(harness, TEAM)).toBeNull();
    expect(await harness.ctx.db.slackInstallation.count()).toBe(1);
    const client = await harness.ctx.slack.forTeam(TEAM);
    expect((await client.auth.test()).team_id).toBe(TEAM);
  });
});

describe('a revoked bot token (one-workspace install)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0ADA', name: 'ada', isAdmin: true }] });
    await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ADA', command: '/integrations', text: 'help' });
    await until('the workspace', () => harness.ctx.workspaces.findBySlackTeamId(harness.teamId));
  });

  afterAll(() => harness.stop());

  it('ignores revoked user tokens: Slotline holds none', async () => {
    await harness.slack.sendEvent({ teamId: harness.teamId, eventId: 'EvUSERS', event: { type: 'tokens_revoked', tokens: { oauth: ['U0ADA'] } } });
    await until('the event processed', () => harness.ctx.db.processedSlackEvent.findUnique({ where: { eventId: 'EvUSERS' } }));
    // The listener runs after the claim; give it the moment it needs, then check nothing changed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await uninstalledAt(harness, harness.teamId)).toBeNull();
  });

  it('leaves the workspace out of the daily roster sync after a revoked bot token, until the next request from Slack', async () => {
    const usersListCalls = () => harness.slack.apiCalls('users.list').length;
    const reconcile = async () => {
      await harness.ctx.jobs.enqueue(RECONCILE_JOB, {});
      await harness.ctx.jobs.drain();
    };
    await harness.slack.sendEvent({ teamId: harness.teamId, event: { type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } } });
    await until('the revocation recorded', () => uninstalledAt(harness, harness.teamId));
    const before = usersListCalls();
    await reconcile();
    expect(usersListCalls()).toBe(before);

    const back = await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ADA', command: '/integrations', text: 'help' });
    expect(back.status).toBe(200);
    await until('the workspace back', async () => (await uninstalledAt(harness, harness.teamId)) === null);
    await reconcile();
    expect(usersListCalls()).toBeGreaterThan(before);
  });
});
