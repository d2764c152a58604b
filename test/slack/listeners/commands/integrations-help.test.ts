import { startHarness, type Harness } from '../../../support/harness';

describe('/integrations help', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0ADMIN', name: 'ada', isAdmin: true }] });
  });

  afterAll(() => harness.stop());

  it('answers a signed slash command with the list of admin commands', async () => {
    const result = await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ADMIN', command: '/integrations', text: 'help' });
    expect(result.status).toBe(200);
    const reply = await harness.slack.waitFor((record) => record.kind === 'responseUrlPost' && JSON.stringify(record.body).includes('/integrations status'), { timeoutMs: 3000 });
    expect(JSON.stringify(reply)).toContain('/integrations nudge');
  });
});
