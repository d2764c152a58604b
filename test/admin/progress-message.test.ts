import type { WebClient } from '@slack/web-api';
import { createProgressMessage, estimateSecondsLeft, progressBlocks, timeLeftText } from '../../src/admin/progress-message';
import { silentLogger } from '../../src/platform/logger';
import { messageBlockProblems } from '../../src/simulators/slack/block-kit-limits';

function fakeSlack(fail = false) {
  const updates: Array<{ channel: string; ts: string; text: string }> = [];
  const client = {
    chat: {
      update: async (args: { channel: string; ts: string; text: string }) => {
        if (fail) throw new Error('ratelimited');
        updates.push(args);
        return { ok: true };
      },
    },
  } as unknown as WebClient;
  return { client, updates };
}

describe('live progress messages', () => {
  let nowMs: number;
  const clock = { now: () => new Date(nowMs) };
  beforeEach(() => {
    nowMs = Date.parse('2025-03-03T10:00:00Z');
  });

  it('extrapolates the time left from the pace so far', () => {
    expect(estimateSecondsLeft(0, 100, 5000)).toBeNull();
    expect(estimateSecondsLeft(25, 100, 10_000)).toBe(30);
    expect(timeLeftText(null)).toBe('estimating time left');
    expect(timeLeftText(0.2)).toBe('about 1 s left');
    expect(timeLeftText(95)).toBe('about 2 min left');
    expect(timeLeftText(5400)).toBe('about 1.5 h left');
  });

  it('updates in place at most every two seconds, unless forced', async () => {
    const { client, updates } = fakeSlack();
    const progress = createProgressMessage({ client, channel: 'D1', ts: '1.0', title: 'Exporting', total: 1000, clock, logger: silentLogger });
    nowMs += 500;
    await progress.update(100);
    expect(updates).toHaveLength(0);
    nowMs += 1500;
    await progress.update(400, 2);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ channel: 'D1', ts: '1.0' });
    expect(updates[0].text).toBe('Exporting: 400 / 1,000 · 2 failed · about 3 s left');
    nowMs += 100;
    await progress.update(450, 2, true);
    expect(updates).toHaveLength(2);
  });

  it('never fails the operation when Slack refuses an update', async () => {
    const { client } = fakeSlack(true);
    const progress = createProgressMessage({ client, channel: 'D1', ts: '1.0', title: 'Exporting', total: 10, clock, logger: silentLogger });
    await expect(progress.update(5, 0, true)).resolves.toBeUndefined();
    await expect(progress.finish({ text: 'done', blocks: [] })).resolves.toBeUndefined();
  });

  it('draws valid blocks with a bar', () => {
    const blocks = progressBlocks({ title: 'Exporting', done: 12_000, total: 50_000, failed: 3, secondsLeft: 12 });
    expect(messageBlockProblems(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('▓▓░░░░░░░░ 24%');
    expect(JSON.stringify(blocks)).toContain('12,000 / 50,000 done · 3 failed so far · about 12 s left');
  });
});
