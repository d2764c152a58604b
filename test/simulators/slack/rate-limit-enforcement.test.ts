import { ErrorCode, WebAPIRateLimitedError } from '@slack/web-api';
import { FakeClock, type SeededSimulator, startSeededSimulator, webClient } from './simulator-fixtures';

describe('Slack simulator rate limits, as the real WebClient sees them', () => {
  let seeded: SeededSimulator;
  const clock = new FakeClock();

  beforeAll(async () => {
    seeded = await startSeededSimulator({ clock: clock.now });
  });
  afterAll(() => seeded.sim.stop());

  it('answers the 21st users.list in a minute with 429 and Retry-After, which WebClient turns into WebAPIRateLimitedError', async () => {
    const client = webClient(seeded.sim, seeded.botToken, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 20; i++) await client.users.list({});
    const refused = client.users.list({});
    await expect(refused).rejects.toBeInstanceOf(WebAPIRateLimitedError);
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 3 });
    expect(seeded.sim.rateLimitHits()).toEqual([expect.objectContaining({ method: 'users.list', teamId: seeded.teamId, retryAfterSec: 3 })]);
    expect(seeded.sim.apiCalls('users.list').at(-1)).toMatchObject({ status: 429, error: 'ratelimited' });
  });

  it('lets the method through again after Retry-After has passed on the simulator clock', async () => {
    clock.advance(3000);
    await expect(seeded.client.users.list({})).resolves.toMatchObject({ ok: true });
  });

  it('allows a short burst of messages into one channel, then about one per second', async () => {
    const client = webClient(seeded.sim, seeded.botToken, { rejectRateLimitedCalls: true });
    const dm = String((await client.conversations.open({ users: seeded.ada })).channel?.id);
    for (let i = 0; i < 5; i++) await client.chat.postMessage({ channel: dm, text: `burst ${i}` });
    await expect(client.chat.postMessage({ channel: dm, text: 'one too many' })).rejects.toMatchObject({ retryAfter: 1 });
    await expect(client.chat.postMessage({ channel: seeded.grace, text: 'other channel' })).resolves.toMatchObject({ ok: true });
    clock.advance(1000);
    await expect(client.chat.postMessage({ channel: dm, text: 'after a second' })).resolves.toMatchObject({ ok: true });
  });

  it('limits nothing when enforcement is off', async () => {
    const relaxed = await startSeededSimulator({ enforceRateLimits: false });
    try {
      for (let i = 0; i < 25; i++) await relaxed.client.users.list({});
      expect(relaxed.sim.rateLimitHits()).toEqual([]);
    } finally {
      await relaxed.sim.stop();
    }
  });
});
