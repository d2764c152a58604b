import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { FakeClock, type SeededSimulator, startSeededSimulator, webClient } from './simulator-fixtures';

const REDIRECT_URI = 'http://127.0.0.1:3000/slack/oauth_redirect';

async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  try {
    await call;
  } catch (error) {
    expect((error as WebAPIPlatformError).code).toBe(ErrorCode.PlatformError);
    return (error as WebAPIPlatformError).data;
  }
  throw new Error('expected the call to fail');
}

const reminder = (nudgeId: string) => ({ event_type: 'slotline_reminder', event_payload: { nudge_id: nudgeId } });

describe('Slack simulator: message metadata and conversations.history, driven by the real WebClient', () => {
  let seeded: SeededSimulator;
  const clock = new FakeClock();
  let dm: string;
  /** ts of the messages posted in beforeAll, oldest first. */
  const posted: string[] = [];

  beforeAll(async () => {
    seeded = await startSeededSimulator({ clock: clock.now, rateLimitScale: 100 });
    dm = String((await seeded.client.conversations.open({ users: seeded.ada })).channel?.id);
    for (let i = 0; i < 5; i += 1) {
      const answer = await seeded.client.chat.postMessage({ channel: seeded.ada, text: `message ${i}`, metadata: reminder(`ndg_${i}`) });
      posted.push(String(answer.ts));
      clock.advance(1000);
    }
  });
  afterAll(() => seeded.sim.stop());

  describe('chat.postMessage metadata', () => {
    it('stores the metadata with the message and echoes it in the answer', async () => {
      const answer = await seeded.client.chat.postMessage({ channel: seeded.grace, text: 'hello', metadata: { event_type: 'order_placed', event_payload: { id: 7, rush: true } } });
      expect(answer.message).toMatchObject({ type: 'message', text: 'hello', metadata: { event_type: 'order_placed', event_payload: { id: 7, rush: true } } });
      expect(seeded.sim.lastDmTo(seeded.grace)?.metadata).toEqual({ event_type: 'order_placed', event_payload: { id: 7, rush: true } });
    });

    it('refuses metadata that is not JSON, or lacks an event type or payload', async () => {
      expect((await slackError(seeded.client.apiCall('chat.postMessage', { channel: seeded.grace, text: 'x', metadata: '{not json' }))).error).toBe('invalid_metadata_format');
      expect((await slackError(seeded.client.apiCall('chat.postMessage', { channel: seeded.grace, text: 'x', metadata: { event_payload: {} } }))).error).toBe('invalid_metadata_schema');
      expect((await slackError(seeded.client.apiCall('chat.postMessage', { channel: seeded.grace, text: 'x', metadata: { event_type: 'a', event_payload: [1] } }))).error).toBe('invalid_metadata_schema');
    });

    it('posts a message without metadata as before', async () => {
      const answer = await seeded.client.chat.postMessage({ channel: seeded.grace, text: 'plain' });
      expect(answer.message).not.toHaveProperty('metadata');
      expect(seeded.sim.lastDmTo(seeded.grace)?.metadata).toBeNull();
    });
  });

  describe('conversations.history', () => {
    it('returns the bot’s messages newest first, in Slack’s shape, with metadata when include_all_metadata is set', async () => {
      const page = await seeded.client.conversations.history({ channel: dm, include_all_metadata: true });
      expect(page).toMatchObject({ ok: true, has_more: false, response_metadata: { next_cursor: '' } });
      expect(page.messages?.map((m) => m.ts)).toEqual([...posted].reverse());
      expect(page.messages?.[0]).toMatchObject({
        type: 'message',
        ts: posted[4],
        text: 'message 4',
        user: seeded.botUserId,
        bot_id: expect.stringMatching(/^B/),
        app_id: seeded.sim.appId,
        metadata: reminder('ndg_4'),
      });
    });

    it('leaves metadata out unless include_all_metadata is set', async () => {
      const page = await seeded.client.conversations.history({ channel: dm });
      expect(page.messages).toHaveLength(5);
      for (const message of page.messages ?? []) expect(message).not.toHaveProperty('metadata');
    });

    it('keeps to oldest and latest, which exclude their own ts unless inclusive', async () => {
      const between = await seeded.client.conversations.history({ channel: dm, oldest: posted[1], latest: posted[3] });
      expect(between.messages?.map((m) => m.ts)).toEqual([posted[2]]);
      const inclusive = await seeded.client.conversations.history({ channel: dm, oldest: posted[1], latest: posted[3], inclusive: true });
      expect(inclusive.messages?.map((m) => m.ts)).toEqual([posted[3], posted[2], posted[1]]);
      // Whole seconds are timestamps too.
      const since = await seeded.client.conversations.history({ channel: dm, oldest: posted[3].split('.')[0], inclusive: true });
      expect(since.messages?.map((m) => m.ts)).toEqual([posted[4], posted[3]]);
    });

    it('pages by limit and cursor, which client.paginate follows to the end', async () => {
      const first = await seeded.client.conversations.history({ channel: dm, limit: 2 });
      expect(first.messages?.map((m) => m.ts)).toEqual([posted[4], posted[3]]);
      expect(first.has_more).toBe(true);
      expect(first.response_metadata?.next_cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
      const second = await seeded.client.conversations.history({ channel: dm, limit: 2, cursor: first.response_metadata?.next_cursor });
      expect(second.messages?.map((m) => m.ts)).toEqual([posted[2], posted[1]]);

      const pages: string[][] = [];
      for await (const page of seeded.client.paginate('conversations.history', { channel: dm, limit: 2, oldest: posted[0] })) {
        pages.push(((page as { messages?: Array<{ ts: string }> }).messages ?? []).map((m) => m.ts));
      }
      expect(pages).toEqual([
        [posted[4], posted[3]],
        [posted[2], posted[1]],
      ]);
    });

    it('leaves out deleted messages and thread replies', async () => {
      const parent = await seeded.client.chat.postMessage({ channel: dm, text: 'parent' });
      await seeded.client.chat.postMessage({ channel: dm, text: 'reply', thread_ts: String(parent.ts) });
      const gone = await seeded.client.chat.postMessage({ channel: dm, text: 'gone' });
      await seeded.client.chat.delete({ channel: dm, ts: String(gone.ts) });
      const page = await seeded.client.conversations.history({ channel: dm, oldest: posted[4] });
      expect(page.messages?.map((m) => m.text)).toEqual(['parent']);
    });

    it('answers channel_not_found for a user id or an unknown channel, and invalid_cursor for a made-up cursor', async () => {
      expect((await slackError(seeded.client.conversations.history({ channel: seeded.ada }))).error).toBe('channel_not_found');
      expect((await slackError(seeded.client.conversations.history({ channel: 'D0NOPE' }))).error).toBe('channel_not_found');
      expect((await slackError(seeded.client.conversations.history({ channel: dm, cursor: 'bm9wZQ==' }))).error).toBe('invalid_cursor');
      expect((await slackError(seeded.client.conversations.history({ channel: dm, oldest: 'yesterday' }))).error).toBe('invalid_ts_oldest');
    });

    it('answers not_in_channel for a channel the bot is not in', async () => {
      const channel = seeded.sim.addChannel(seeded.teamId, { name: 'elsewhere', botIsMember: false });
      expect((await slackError(seeded.client.conversations.history({ channel: channel.id }))).error).toBe('not_in_channel');
    });
  });

  describe('scopes', () => {
    afterEach(() => seeded.sim.setBotScopes(seeded.teamId, null));

    it('answers missing_scope, naming im:history and the token’s scopes, for a token installed without it', async () => {
      seeded.sim.setBotScopes(seeded.teamId, ['chat:write', 'im:write']);
      const data = await slackError(seeded.client.conversations.history({ channel: dm }));
      expect(data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'im:history', provided: 'chat:write,im:write' });
      // Posting needs no history scope.
      await expect(seeded.client.chat.postMessage({ channel: dm, text: 'still allowed' })).resolves.toMatchObject({ ok: true });
    });

    it('asks for the history scope of the conversation’s kind', async () => {
      seeded.sim.setBotScopes(seeded.teamId, ['im:history']);
      const channel = seeded.sim.addChannel(seeded.teamId, { name: 'general' });
      expect(await slackError(seeded.client.conversations.history({ channel: channel.id }))).toMatchObject({ error: 'missing_scope', needed: 'channels:history' });
      await expect(seeded.client.conversations.history({ channel: dm })).resolves.toMatchObject({ ok: true });
    });

    it('gives the token the scopes an install grants, and adds those of a reinstall', async () => {
      const sim = await startSeededSimulator({ clientId: '111.222', clientSecret: 'shh', rateLimitScale: 100 });
      try {
        const install = async (scope: string) => {
          const query = new URLSearchParams({ client_id: '111.222', scope, state: 's', redirect_uri: REDIRECT_URI });
          const page = await (await fetch(`${sim.sim.url}/oauth/v2/authorize?${query}`)).text();
          const form = new URLSearchParams();
          for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(match[1], match[2]);
          form.set('decision', 'allow');
          const decision = await fetch(`${sim.sim.url}/oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
          const code = String(new URL(String(decision.headers.get('location'))).searchParams.get('code'));
          return webClient(sim.sim).oauth.v2.access({ client_id: '111.222', client_secret: 'shh', code, redirect_uri: REDIRECT_URI });
        };
        const imDm = String((await sim.client.conversations.open({ users: sim.ada })).channel?.id);
        expect((await install('chat:write,im:write')).scope).toBe('chat:write,im:write');
        expect(await slackError(sim.client.conversations.history({ channel: imDm }))).toMatchObject({ error: 'missing_scope', needed: 'im:history' });
        expect((await install('im:history')).scope).toBe('chat:write,im:write,im:history');
        await expect(sim.client.conversations.history({ channel: imDm })).resolves.toMatchObject({ ok: true });
      } finally {
        await sim.sim.stop();
      }
    });
  });

  it('counts conversations.history against Tier 3 (50 a minute)', async () => {
    const limited = await startSeededSimulator({ clock: clock.now });
    try {
      const client = webClient(limited.sim, limited.botToken, { rejectRateLimitedCalls: true });
      const channel = String((await client.conversations.open({ users: limited.ada })).channel?.id);
      for (let i = 0; i < 50; i += 1) await client.conversations.history({ channel });
      await expect(client.conversations.history({ channel })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 2 });
      expect(limited.sim.rateLimitHits()).toEqual([expect.objectContaining({ method: 'conversations.history', retryAfterSec: 2 })]);
    } finally {
      await limited.sim.stop();
    }
  });
});
