import { retryPolicies } from '@slack/web-api';
import { STUCK_AFTER_MS } from '../../src/reminders/dispatch';
import { HEARTBEAT_MS } from '../../src/reminders/send-lease';
import { slackClientOptions } from '../../src/slack/slack-clients';
import { shiftableClock } from '../support/checklist';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { until as pollUntil } from '../support/until';

const MINUTE_MS = 60_000;
/** This file's jobs run on a quick clock: give up sooner than the shared default. */
const until = <T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 6000) => pollUntil(what, probe, timeoutMs);

describe('the reminder dispatcher', () => {
  let harness: Harness;
  // Saturday noon UTC: outside working hours in London.
  const clock = shiftableClock(new Date('2026-11-28T12:00:00Z'));
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startHarness({
      start: { clock, reminderPaceMs: 20 },
      slackClock: () => clock.now().getTime(),
      people: [
        { slackId: 'U0CRASH', name: 'cass' },
        { slackId: 'U0BUSY', name: 'bea' },
        { slackId: 'U0GONE', name: 'gus' },
        { slackId: 'U0SAT', name: 'sam', tz: 'Asia/Tokyo' },
      ],
    });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });

  afterAll(() => harness.stop());

  const postsTo = (slackUserId: string) => harness.slack.apiCalls('chat.postMessage').filter((call) => call.args.channel === slackUserId);

  async function campaignWith(rows: Array<{ slackUserId: string; status: string; claimedAt?: Date }>): Promise<string> {
    const { db, ids } = harness.ctx;
    const campaignId = ids.id('cmp');
    await db.nudgeCampaign.create({ data: { id: campaignId, workspaceId, total: rows.length, status: 'running' } });
    for (const row of rows) {
      await db.nudge.create({ data: { id: ids.id('ndg'), campaignId, employeeId: await employeeId(harness, row.slackUserId), status: row.status, claimedAt: row.claimedAt ?? null, scheduledFor: clock.now() } });
    }
    return campaignId;
  }

  it('waits longer than the WebClient retries one post, plus a heartbeat, before it looks at a silent sender’s row', () => {
    const { retryConfig, timeout } = slackClientOptions({ mode: 'single-workspace', signingSecret: 's', botToken: 'xoxb-1', apiUrl: 'http://slack.test/api/' });
    expect(retryConfig).toBe(retryPolicies.fiveRetriesInFiveMinutes);
    const { retries = 10, factor = 2, minTimeout = 1000, maxTimeout = Number.POSITIVE_INFINITY } = retryConfig ?? {};
    const backOff = Array.from({ length: retries }, (_, i) => Math.min(maxTimeout, minTimeout * factor ** i)).reduce((sum, ms) => sum + ms, 0);
    const longestPost = backOff + (retries + 1) * (timeout ?? 0);
    expect(longestPost).toBeGreaterThan(6 * MINUTE_MS);
    expect(longestPost + HEARTBEAT_MS).toBeLessThan(STUCK_AFTER_MS);
  });

  it('sends once a reminder a crash cut off before it reached Slack, and leaves one a live sender may hold alone', async () => {
    const now = clock.now();
    const crashedAt = new Date(now.getTime() - STUCK_AFTER_MS - MINUTE_MS);
    // Rows from before sender leases: judged by their claim time.
    const campaignId = await campaignWith([
      { slackUserId: 'U0CRASH', status: 'sending', claimedAt: crashedAt },
      // Claimed a minute ago: another worker may be posting it right now, so it is left alone.
      { slackUserId: 'U0BUSY', status: 'sending', claimedAt: new Date(now.getTime() - MINUTE_MS) },
    ]);
    await harness.ctx.campaigns.dispatch(workspaceId);

    const rows = await harness.ctx.db.nudge.findMany({ where: { campaignId }, include: { employee: true }, orderBy: { sequence: 'asc' } });
    const crash = rows.filter((r) => r.employee.slackUserId === 'U0CRASH');
    // Not in the DM: Slack never posted it, so it went out now, and the cadence goes on from there.
    expect(crash.map((r) => [r.sequence, r.status])).toEqual([
      [0, 'sent'],
      [1, 'scheduled'],
    ]);
    expect(postsTo('U0CRASH')).toHaveLength(1);
    expect(crash[0].messageTs).toBe(harness.slack.lastDmTo('U0CRASH')?.ts);
    expect(rows.find((r) => r.employee.slackUserId === 'U0BUSY')?.status).toBe('sending');
    expect(postsTo('U0BUSY')).toHaveLength(0);
    // Once the second row's sender can only have stopped, a later run resolves it the same way.
    clock.advance(STUCK_AFTER_MS);
    await harness.ctx.campaigns.dispatch(workspaceId);
    expect((await harness.ctx.db.nudge.findFirstOrThrow({ where: { campaignId, sequence: 0, employee: { slackUserId: 'U0BUSY' } } })).status).toBe('sent');
    expect(postsTo('U0BUSY')).toHaveLength(1);
    expect(await harness.ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({ status: 'reminding', sent: 2, failed: 0 });
  });

  it('records a person Slack refuses to DM as failed and names them in the summary', async () => {
    harness.slack.updateUser(harness.teamId, 'U0GONE', { deleted: true });
    const admin = 'U0BUSY';
    const { campaignId, total } = await harness.ctx.campaigns.start({ workspaceId, startedBySlackUserId: admin, progress: { channel: admin } });
    expect(total).toBe(4);
    const campaign = await until('the first wave', async () => {
      const row = await harness.ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: campaignId } });
      return row.status === 'reminding' ? row : null;
    });
    expect(campaign.failed).toBe(1);
    const gone = await harness.ctx.db.nudge.findFirstOrThrow({ where: { campaignId, sequence: 0, employee: { slackUserId: 'U0GONE' } } });
    expect(gone).toMatchObject({ status: 'failed', error: 'is_archived' });
    expect(await harness.ctx.db.nudge.count({ where: { campaignId, sequence: 1, employee: { slackUserId: 'U0GONE' } } })).toBe(0);
    const summary = await until('the summary', async () => harness.slack.dmsTo(admin).find((m) => m.ts === campaign.progressTs && m.text.includes('campaign sent')));
    expect(JSON.stringify(summary.blocks)).toContain('Could not be reached: <@U0GONE>');
  });

  it('replaces the follow-ups of an older campaign when a new one starts', async () => {
    const older = await harness.ctx.db.nudgeCampaign.findFirstOrThrow({ where: { status: 'reminding' }, orderBy: { createdAt: 'desc' } });
    const { campaignId } = await harness.ctx.campaigns.start({ workspaceId, trigger: 'schedule' });
    expect(campaignId).not.toBe(older.id);
    expect((await harness.ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: older.id } })).status).toBe('superseded');
    expect(await harness.ctx.db.nudge.count({ where: { campaignId: older.id, status: 'scheduled' } })).toBe(0);
    // Scheduled campaigns wait for each person's working hours: Monday 09:00 in London, 09:00 in Tokyo.
    const first = await harness.ctx.db.nudge.findMany({ where: { campaignId, sequence: 0 }, include: { employee: true } });
    expect(first.find((n) => n.employee.slackUserId === 'U0CRASH')?.scheduledFor.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(first.find((n) => n.employee.slackUserId === 'U0SAT')?.scheduledFor.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(first.every((n) => n.status === 'scheduled')).toBe(true);
  });

  it('arms automatic campaigns when the company turns them on', async () => {
    await harness.ctx.db.workspace.update({ where: { id: workspaceId }, data: { autoNudgeIntervalDays: 7 } });
    await harness.ctx.campaigns.ensureSchedule(workspaceId);
    await harness.ctx.campaigns.ensureSchedule(workspaceId);
    const jobs = await harness.ctx.db.job.findMany({ where: { kind: 'reminders.scheduled_campaign' } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].runAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });
});
