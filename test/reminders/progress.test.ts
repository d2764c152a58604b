import { finalMessage, formatDuration, progressMessage } from '../../src/reminders/progress';

describe('campaign progress messages', () => {
  it('shows done/total, failures and the time left', () => {
    const { text } = progressMessage({ total: 1200, sent: 400, failed: 3, skipped: 7, remaining: 790 }, 790 * 1500);
    expect(text).toBe(':mega: Reminding 1200 people who are missing something: 410/1200 done · 3 failed · about 20 min left');
  });

  it('rounds the estimate into words a person reads at a glance', () => {
    expect(formatDuration(20_000)).toBe('less than a minute');
    expect(formatDuration(45 * 60_000)).toBe('about 45 min');
    expect(formatDuration(3 * 60 * 60_000)).toBe('about 3 h');
  });

  it('ends with a summary naming who could not be reached, and the follow-up rules', () => {
    const failed = Array.from({ length: 12 }, (_, i) => `U${i}`);
    const { text, blocks } = finalMessage({ total: 50, sent: 36, failed: 12, skipped: 2, remaining: 0 }, { failedSlackUserIds: failed, intervalHours: 48, maxCount: 3 });
    expect(text).toBe(':white_check_mark: Reminder campaign sent: 36 DMs sent, 12 failed, 2 no longer needed (set up meanwhile, opted out or left).');
    const rendered = JSON.stringify(blocks);
    expect(rendered).toContain('<@U0>, <@U1>');
    expect(rendered).toContain('and 2 more');
    expect(rendered).toContain('every 48 h');
  });

  it('names apart those whose reminder Slack never confirmed and Slotline could not check', () => {
    const { blocks } = finalMessage({ total: 3, sent: 1, failed: 2, skipped: 0, remaining: 0 }, { failedSlackUserIds: ['U0GONE'], unconfirmedSlackUserIds: ['U0LOST'], intervalHours: 48, maxCount: 1 });
    const rendered = JSON.stringify(blocks);
    expect(rendered).toContain('Could not be reached: <@U0GONE>.');
    expect(rendered).toContain('Slack never confirmed the reminder to <@U0LOST>');
    expect(rendered).not.toContain('reached: <@U0GONE>, <@U0LOST>');
  });

  it('says so when nobody needs a reminder', () => {
    expect(finalMessage({ total: 0, sent: 0, failed: 0, skipped: 0, remaining: 0 }, { failedSlackUserIds: [], intervalHours: 48, maxCount: 3 }).text).toContain('Nobody to remind');
  });
});
