import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { findPostedReminder, reminderMetadata } from '../../src/reminders/find-reminder';
import { createSlackSimulator, type SlackSimulator } from '../../src/simulators/slack';

const MINUTE_MS = 60_000;

describe('finding a reminder in the DM by its metadata', () => {
  let slack: SlackSimulator;
  let client: WebClient;
  let now = Date.UTC(2026, 10, 23, 10, 0, 0);
  const warnings: string[] = [];
  const ctx = {
    slack: { forTeam: async () => client },
    logger: { debug: () => undefined, info: () => undefined, warn: (message: string) => void warnings.push(message), error: () => undefined },
  };
  const person = { slackUserId: 'U0ANN', dmChannelId: null };
  const find = (nudgeId: string, since: Date, employee: { slackUserId: string; dmChannelId: string | null } = person) => findPostedReminder(ctx, { slackTeamId: 'T0FIND', employee, nudgeId, since });

  beforeAll(async () => {
    slack = await createSlackSimulator({ signingSecret: 'secret', enforceRateLimits: false, clock: () => now });
    const { botToken } = slack.addWorkspace({ teamId: 'T0FIND', name: 'Find Co' });
    slack.addUser('T0FIND', { id: 'U0ANN', name: 'ann' });
    client = new WebClient(botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.stop());

  const post = async (text: string, nudgeId?: string) => {
    now += 1000;
    return client.chat.postMessage({ channel: 'U0ANN', text, ...(nudgeId ? { metadata: reminderMetadata(nudgeId) } : {}) });
  };

  it('finds the bot’s message with the nudge id, pages past newer messages, and opens the DM when its id is unknown', async () => {
    const claimedAt = new Date(now);
    const reminder = await post('reminder', 'ndg_1');
    await post('another reminder', 'ndg_2');
    for (let i = 0; i < 205; i += 1) await post(`later ${i}`);
    const found = await find('ndg_1', claimedAt);
    expect(found).toEqual({ channel: reminder.channel, ts: reminder.ts, sentAt: new Date(Math.floor(Number(reminder.ts) * 1000)) });
    const reads = slack.apiCalls('conversations.history');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads[0].args).toMatchObject({ channel: reminder.channel, include_all_metadata: 'true' });
    expect(slack.apiCalls('conversations.open')).toHaveLength(1);
  });

  it('answers null when no message carries the nudge id, or only one from before the claim', async () => {
    const before = await post('old reminder', 'ndg_3');
    const channel = String(before.channel);
    now += 30 * MINUTE_MS;
    expect(await find('ndg_3', new Date(now), { slackUserId: 'U0ANN', dmChannelId: channel })).toBeNull();
    expect(await find('ndg_missing', new Date(now - 60 * MINUTE_MS), { slackUserId: 'U0ANN', dmChannelId: channel })).toBeNull();
  });

  it('reads from a little before the claim, as Slack’s clock may run behind ours', async () => {
    const posted = await post('reminder', 'ndg_4');
    expect(await find('ndg_4', new Date(now + 2 * MINUTE_MS))).toMatchObject({ ts: posted.ts });
  });

  it('takes the first of two copies (a retried post), and says so in the log', async () => {
    const since = new Date(now);
    const first = await post('reminder', 'ndg_5');
    await post('reminder again', 'ndg_5');
    expect(await find('ndg_5', since)).toMatchObject({ ts: first.ts });
    expect(warnings).toContain('a reminder is in the DM more than once');
  });

  it('throws Slack’s missing_scope when the token cannot read DM history', async () => {
    slack.setBotScopes('T0FIND', ['chat:write', 'im:write']);
    try {
      const error = await find('ndg_1', new Date(now)).catch((e: unknown) => e);
      expect((error as WebAPIPlatformError).data).toMatchObject({ error: 'missing_scope', needed: 'im:history' });
    } finally {
      slack.setBotScopes('T0FIND', null);
    }
  });
});
