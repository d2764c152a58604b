// Reminders whose outcome Slotline did not learn (a crash between claim and record, an answer that never arrived):
// looked for in the DM by their metadata, recorded as sent when found, sent once when not, left alone while a live
// sender holds them, and never posted again when the workspace's token cannot read DM history.
import { ErrorCode, WebClient } from '@slack/web-api';
import type { MessageRecord } from '../../src/simulators/slack';
import { AppError } from '../../src/errors';
import { RECHECK_AFTER_MS } from '../../src/reminders/dispatch';
import { reminderMetadata } from '../../src/reminders/find-reminder';
import { BOT_SCOPES } from '../../src/slack/create-bolt-app';
import { shiftableClock } from '../support/checklist';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { until } from '../support/until';

const LEASE_MS = 2_000;
const ADMIN = 'U0ADMIN';

/** What the WebClient throws when Slack's answer was an HTTP 503: Slack may or may not have acted. */
function answerLost(): Error {
  return Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), { code: ErrorCode.HTTPError, statusCode: 503 });
}

describe('reminders whose outcome is unknown', () => {
  let harness: Harness;
  const clock = shiftableClock();
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startHarness({
      start: { clock, reminderLeaseMs: LEASE_MS },
      slackClock: () => clock.now().getTime(),
      people: [
        { slackId: ADMIN, name: 'ada', isAdmin: true },
        ...['U0POSTED', 'U0ORPHAN', 'U0LOST', 'U0OLD', 'U0LIVE', 'U0NOSCOPE', 'U0DROPPED', 'U0NEVER', 'U0SLOW', 'U0ONEOFF', 'U0ONECRASH'].map((slackId) => ({ slackId, name: slackId.slice(3).toLowerCase() })),
      ],
    });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });

  afterAll(() => harness.stop());
  afterEach(() => jest.restoreAllMocks());

  /** Reminder DMs Slack accepted for the person (each carries its row's metadata). */
  const remindersTo = (slackUserId: string): MessageRecord[] => harness.slack.dmsTo(slackUserId).filter((m) => m.metadata?.event_type === 'slotline_reminder');
  const row = (id: string) => harness.ctx.db.nudge.findUniqueOrThrow({ where: { id } });
  const rowIs = (id: string, status: string) => until(`${id} to be ${status}`, async () => ((await row(id)).status === status ? row(id) : null));
  /** Another replica's run (or the scheduled one) comes along; the gate is the only thing it may wait for. */
  const dispatchNow = async () => {
    await harness.ctx.db.workspace.update({ where: { id: workspaceId }, data: { reminderGateUntil: null } });
    await harness.ctx.campaigns.dispatch(workspaceId);
  };

  /** A campaign reminder as a sender left it when it claimed the row (and then, in most tests, died). */
  async function claimedReminder(slackUserId: string, options: { status?: string } = {}): Promise<string> {
    const { db, ids } = harness.ctx;
    const now = clock.now();
    const campaignId = ids.id('cmp');
    await db.nudgeCampaign.create({ data: { id: campaignId, workspaceId, total: 1, status: 'running', startedBySlackUserId: ADMIN } });
    const id = ids.id('ndg');
    const sending = options.status === undefined || options.status === 'sending';
    await db.nudge.create({
      data: { id, campaignId, employeeId: await employeeId(harness, slackUserId), status: options.status ?? 'sending', scheduledFor: now, claimedAt: sending ? now : null, leaseUntil: sending ? new Date(now.getTime() + LEASE_MS) : null },
    });
    return id;
  }

  it('records a reminder that reached Slack before its sender died as sent, with its ts, and posts nothing again', async () => {
    const id = await claimedReminder('U0POSTED');
    const posted = await harness.ctx.onboarding.repostChecklist(await employeeId(harness, 'U0POSTED'), ':bell: A quick reminder from Slotline.', { metadata: reminderMetadata(id) });
    // The sender dies here. While its lease runs, nobody touches the row.
    await dispatchNow();
    expect((await row(id)).status).toBe('sending');

    clock.advance(LEASE_MS + 1);
    await dispatchNow();
    const sent = await rowIs(id, 'sent');
    expect(sent).toMatchObject({ messageTs: posted.ts, error: null, leaseUntil: null });
    expect(Math.abs((sent.sentAt?.getTime() ?? 0) - Number(posted.ts) * 1000)).toBeLessThan(1000);
    expect(remindersTo('U0POSTED').map((m) => m.ts)).toEqual([posted.ts]);
    // The cadence goes on: the follow-up is scheduled, and the history was read for the DM.
    expect(await harness.ctx.db.nudge.count({ where: { campaignId: sent.campaignId, sequence: 1 } })).toBe(1);
    expect(harness.slack.apiCalls('conversations.history').at(-1)?.args).toMatchObject({ include_all_metadata: 'true', channel: posted.channel });
  });

  it('adopts a reminder Slack posted before the checklist pointer was recorded, and retires the older checklist', async () => {
    const employee = await employeeId(harness, 'U0ORPHAN');
    await harness.ctx.onboarding.sendChecklist(employee);
    const older = await harness.ctx.db.employee.findUniqueOrThrow({ where: { id: employee } });
    const id = await claimedReminder('U0ORPHAN');
    // Slack took the post; the process died before it learnt the ts.
    const client = new WebClient(harness.botToken, { slackApiUrl: harness.slack.apiUrl });
    const orphan = await client.chat.postMessage({ channel: 'U0ORPHAN', text: ':bell: A quick reminder from Slotline.', metadata: reminderMetadata(id) });

    clock.advance(LEASE_MS + 1);
    await dispatchNow();
    expect(await rowIs(id, 'sent')).toMatchObject({ messageTs: orphan.ts });
    await until('the checklist pointer', async () => (await harness.ctx.db.employee.findUniqueOrThrow({ where: { id: employee } })).dmTs === orphan.ts);
    const retired = harness.slack.messages(older.dmChannelId ?? undefined).find((m) => m.ts === older.dmTs);
    expect(retired?.text).toContain('replaced by a newer message');
    expect(remindersTo('U0ORPHAN')).toHaveLength(1);
  });

  it('sends once a reminder that never reached Slack before its sender died', async () => {
    const id = await claimedReminder('U0LOST');
    clock.advance(LEASE_MS + 1);
    await dispatchNow();
    const sent = await rowIs(id, 'sent');
    const reminders = remindersTo('U0LOST');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].metadata?.event_payload).toEqual({ nudge_id: id });
    expect(sent.messageTs).toBe(reminders[0].ts);
    // A later run finds nothing left to do.
    clock.advance(LEASE_MS + 1);
    await dispatchNow();
    expect(remindersTo('U0LOST')).toHaveLength(1);
  });

  it('does not send a cut-off reminder of a campaign a newer one replaced meanwhile', async () => {
    const id = await claimedReminder('U0OLD');
    await harness.ctx.db.nudgeCampaign.update({ where: { id: (await row(id)).campaignId ?? '' }, data: { status: 'superseded' } });
    clock.advance(LEASE_MS + 1);
    await dispatchNow();
    expect(await rowIs(id, 'cancelled')).toMatchObject({ error: 'superseded' });
    expect(remindersTo('U0OLD')).toHaveLength(0);
  });

  it('leaves alone a row whose sender renewed its lease, however long ago it claimed it', async () => {
    const id = await claimedReminder('U0LIVE');
    const longAgo = new Date(clock.now().getTime() - 60 * 60_000);
    await harness.ctx.db.nudge.update({ where: { id }, data: { claimedAt: longAgo, leaseUntil: new Date(clock.now().getTime() + LEASE_MS) } });
    const historyReads = harness.slack.apiCalls('conversations.history').length;
    await dispatchNow();
    expect(await row(id)).toMatchObject({ status: 'sending', claimedAt: longAgo });
    expect(remindersTo('U0LIVE')).toHaveLength(0);
    expect(harness.slack.apiCalls('conversations.history')).toHaveLength(historyReads);
    await harness.ctx.db.nudge.update({ where: { id }, data: { status: 'cancelled', leaseUntil: null } });
  });

  it('keeps an install without im:history to the old rule: unconfirmed, never posted again, follow-up scheduled', async () => {
    harness.slack.setBotScopes(harness.teamId, BOT_SCOPES.filter((scope) => scope !== 'im:history'));
    try {
      const id = await claimedReminder('U0NOSCOPE');
      clock.advance(LEASE_MS + 1);
      await dispatchNow();
      const unconfirmed = await rowIs(id, 'unconfirmed');
      expect(unconfirmed.error).toContain('im:history');
      expect(harness.slack.apiCalls('conversations.history').at(-1)).toMatchObject({ error: 'missing_scope' });
      expect(remindersTo('U0NOSCOPE')).toHaveLength(0);
      expect(await harness.ctx.db.nudge.count({ where: { campaignId: unconfirmed.campaignId, sequence: 1, status: 'scheduled' } })).toBe(1);
      clock.advance(LEASE_MS + 1);
      await dispatchNow();
      expect(remindersTo('U0NOSCOPE')).toHaveLength(0);
    } finally {
      harness.slack.setBotScopes(harness.teamId, null);
    }
  });

  it('when Slack posted the DM but its answer was lost, looks in the DM a minute later and records it, without a second post', async () => {
    const original = harness.ctx.onboarding.repostChecklist;
    jest.spyOn(harness.ctx.onboarding, 'repostChecklist').mockImplementationOnce(async (...args) => {
      await original(...args);
      throw answerLost();
    });
    const id = await claimedReminder('U0DROPPED', { status: 'scheduled' });
    await dispatchNow();
    const waiting = await until('the lost answer to be noted', async () => ((await row(id)).attempts === 1 ? row(id) : null));
    expect(waiting).toMatchObject({ status: 'sending', error: expect.stringContaining('503') });
    expect(waiting.leaseUntil?.getTime()).toBeGreaterThanOrEqual(clock.now().getTime() + RECHECK_AFTER_MS - 5_000);
    expect(remindersTo('U0DROPPED')).toHaveLength(1);

    clock.advance(RECHECK_AFTER_MS + 1);
    await dispatchNow();
    expect(await rowIs(id, 'sent')).toMatchObject({ messageTs: remindersTo('U0DROPPED')[0].ts, error: null });
    expect(remindersTo('U0DROPPED')).toHaveLength(1);
  });

  it('when the answer was lost and Slack had posted nothing, sends the reminder once after the check', async () => {
    jest.spyOn(harness.ctx.onboarding, 'repostChecklist').mockRejectedValueOnce(answerLost());
    const id = await claimedReminder('U0NEVER', { status: 'scheduled' });
    await dispatchNow();
    await until('the lost answer to be noted', async () => (await row(id)).attempts === 1);
    expect(remindersTo('U0NEVER')).toHaveLength(0);

    clock.advance(RECHECK_AFTER_MS + 1);
    await dispatchNow();
    expect(await rowIs(id, 'sent')).toMatchObject({ attempts: 1 });
    expect(remindersTo('U0NEVER')).toHaveLength(1);
  });

  it('does not take a row over from a sender that is alive but slow: its heartbeat keeps the lease', async () => {
    const original = harness.ctx.onboarding.repostChecklist;
    let postStarted = false;
    jest.spyOn(harness.ctx.onboarding, 'repostChecklist').mockImplementationOnce(async (...args) => {
      postStarted = true;
      // Slack is slow (or the WebClient waits out 429s) for longer than the lease itself.
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 1.5));
      return original(...args);
    });
    const id = await claimedReminder('U0SLOW', { status: 'scheduled' });
    await harness.ctx.db.workspace.update({ where: { id: workspaceId }, data: { reminderGateUntil: null } });
    const slowRun = harness.ctx.campaigns.dispatch(workspaceId);
    await until('the slow post to start', async () => postStarted);
    // Past the first lease: without a heartbeat this run would find the DM missing and send it a second time.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 1.2));
    await dispatchNow();
    expect((await row(id)).status).toBe('sending');
    await slowRun;
    await rowIs(id, 'sent');
    expect(remindersTo('U0SLOW')).toHaveLength(1);
  });

  it('tells the admin when a one-off nudge’s answer was lost, then records the DM Slack had posted', async () => {
    const original = harness.ctx.onboarding.repostChecklist;
    jest.spyOn(harness.ctx.onboarding, 'repostChecklist').mockImplementationOnce(async (...args) => {
      await original(...args);
      throw answerLost();
    });
    const employee = await employeeId(harness, 'U0ONEOFF');
    const failure = await harness.ctx.campaigns.nudgeOne(employee, ADMIN).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).userMessage).toContain('checks in a minute whether it arrived');
    const nudge = await harness.ctx.db.nudge.findFirstOrThrow({ where: { employeeId: employee, campaignId: null } });
    expect(nudge).toMatchObject({ status: 'sending', attempts: 1 });

    clock.advance(RECHECK_AFTER_MS + 1);
    await dispatchNow();
    expect(await rowIs(nudge.id, 'sent')).toMatchObject({ messageTs: remindersTo('U0ONEOFF')[0].ts });
    expect(remindersTo('U0ONEOFF')).toHaveLength(1);
  });

  it('sends a one-off nudge a crash cut off before Slack had it, with the admin’s words', async () => {
    const { db, ids } = harness.ctx;
    const now = clock.now();
    const id = ids.id('ndg');
    await db.nudge.create({
      data: { id, employeeId: await employeeId(harness, 'U0ONECRASH'), status: 'sending', scheduledFor: now, claimedAt: now, leaseUntil: new Date(now.getTime() + LEASE_MS), requestedBySlackUserId: ADMIN },
    });
    clock.advance(LEASE_MS + 1);
    await dispatchNow();
    await rowIs(id, 'sent');
    const reminders = remindersTo('U0ONECRASH');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toContain(`<@${ADMIN}> asked me to remind you`);
  });
});
