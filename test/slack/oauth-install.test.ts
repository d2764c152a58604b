import { startHarness, type Harness } from '../support/harness';
import { installThroughOAuth } from '../support/oauth-install';

describe('Add to Slack (multi-workspace installs)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      teamId: 'T0OAUTH',
      people: [{ slackId: 'U0OWNER', name: 'olive', isAdmin: true, isOwner: true }],
      env: { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '', SLACK_CLIENT_SECRET: '', SLACK_STATE_SECRET: 'state-secret' },
      start: {},
    });
  }, 20_000);

  afterAll(() => harness.stop());

  it('installs through /slack/install and the OAuth redirect, storing the installation encrypted', async () => {
    const { authorize, finished } = await installThroughOAuth(harness, 'T0OAUTH:U0OWNER');
    expect(authorize.origin).toBe(harness.slack.url);
    expect(authorize.searchParams.get('scope')).toContain('users:read.email');
    expect(finished.status).toBe(200);

    const row = await harness.ctx.db.slackInstallation.findUniqueOrThrow({ where: { installationKey: 'T0OAUTH' } });
    expect(row.installationEnc).toMatch(/^v1\./);
    expect(row.installationEnc).not.toContain('xoxb-');
    const workspace = await harness.ctx.workspaces.findBySlackTeamId('T0OAUTH');
    expect(workspace?.name).toBe('Acme Test');

    const client = await harness.ctx.slack.forTeam('T0OAUTH');
    const auth = await client.auth.test();
    expect(auth.team_id).toBe('T0OAUTH');
  });

  it('serves commands for the installed workspace with its stored token', async () => {
    const result = await harness.slack.slashCommand({ teamId: 'T0OAUTH', userId: 'U0OWNER', command: '/integrations', text: 'help' });
    expect(result.status).toBe(200);
  });

  it('refuses an OAuth redirect whose state is not for this browser', async () => {
    const response = await fetch(`${harness.app.url}/slack/oauth_redirect?code=forged&state=forged`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await harness.ctx.db.slackInstallation.count()).toBe(1);
  });
});
