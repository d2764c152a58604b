import { type SeededSimulator, startSeededSimulator } from './simulator-fixtures';

describe('Slack simulator: slow answers', () => {
  let seeded: SeededSimulator;

  beforeAll(async () => {
    seeded = await startSeededSimulator({ enforceRateLimits: false });
  });
  afterAll(() => seeded.sim.stop());

  it('carries a call out at once and holds its answer back, for that method only', async () => {
    seeded.sim.delayAnswers('chat.postMessage', 300);
    const started = Date.now();
    const answer = seeded.client.chat.postMessage({ channel: seeded.ada, text: 'slow answer' });
    await seeded.sim.waitFor((record) => record.kind === 'message' && record.text === 'slow answer', { timeoutMs: 250 });
    const quick = Date.now();
    await seeded.client.auth.test();
    expect(Date.now() - quick).toBeLessThan(250);
    await expect(answer).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers at once again once the delay is lifted', async () => {
    seeded.sim.delayAnswers('chat.postMessage', null);
    const started = Date.now();
    await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'quick answer' });
    expect(Date.now() - started).toBeLessThan(250);
  });
});
