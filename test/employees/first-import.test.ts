import { startHarness, type Harness } from '../support/harness';

describe('first roster import of a workspace', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0ANN', name: 'ann' }, { slackId: 'U0BEN', name: 'ben' }, { slackId: 'U0BOT', name: 'bot', isBot: true }] });
  });

  afterAll(() => harness.stop());

  it('imports the members right after start, without DMing anyone', async () => {
    const workspaceId = await harness.workspaceId();
    for (let waited = 0; waited < 5_000; waited += 50) {
      if ((await harness.ctx.db.employee.count({ where: { workspaceId } })) === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const people = await harness.ctx.db.employee.findMany({ where: { workspaceId }, orderBy: { slackUserId: 'asc' } });
    expect(people.map((p) => p.slackUserId)).toEqual(['U0ANN', 'U0BEN']);
    expect(harness.slack.apiCalls('chat.postMessage')).toHaveLength(0);
  });
});
