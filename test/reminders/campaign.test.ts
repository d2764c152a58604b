import { openDatabase } from '../../src/db/client';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { blocksText, checklistMessage, shiftableClock } from '../support/checklist';
import { connectCalendar, connectConferencing, employeeId, syncRoster } from '../support/connect';
import { until } from '../support/until';

const HOUR_MS = 60 * 60_000;
const MISSING = ['U0M1', 'U0M2', 'U0M3', 'U0M4', 'U0M5', 'U0M6', 'U0M7', 'U0M8'];

describe('reminder campaigns', () => {
  let harness: Harness;
  // Monday 10:00 UTC: inside everyone's working hours (Europe/London).
  const clock = shiftableClock(new Date('2026-11-23T10:00:00Z'));
  let campaignId: string;

  beforeAll(async () => {
    harness = await startHarness({
      // Slow before the restart, so a loaded machine still stops mid-campaign; quicker after it.
      start: { clock, reminderPaceMs: 250 },
      people: [
        { slackId: 'U0ADA', name: 'ada', isAdmin: true, calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0OPT', name: 'otto' },
        ...MISSING.map((slackId, i) => ({ slackId, name: `missing${i + 1}`, calendar: { provider: 'google' as const }, conferencingAccounts: ['zoom' as const] })),
      ],
    });
    await syncRoster(harness);
    await connectCalendar(harness, 'U0ADA');
    await connectConferencing(harness, 'U0ADA', 'zoom');
    await harness.ctx.onboarding.setHostsInterviews(await employeeId(harness, 'U0OPT'), false);
  });

  afterAll(() => harness.stop());

  /** Reminder DMs as posted (older checklists are later edited into a pointer, so read what was posted). */
  const reminders = (slackUserId: string) =>
    harness.slack
      .apiCalls('chat.postMessage')
      .filter((call) => call.status === 200 && call.args.channel === slackUserId && String(call.args.text).includes(':bell:'))
      .map((call) => ({ text: String(call.args.text) }));
  const nudges = (sequence: number) => harness.ctx.db.nudge.findMany({ where: { campaignId, sequence }, include: { employee: true } });

  it('DMs everyone missing something, survives a restart mid-campaign, and sends no reminder twice or never', async () => {
    const workspaceId = await harness.workspaceId();
    // A double click while the first wave runs starts nothing new.
    const [first, second] = await Promise.all([
      harness.ctx.campaigns.start({ workspaceId, startedBySlackUserId: 'U0ADA', progress: { channel: 'U0ADA' } }),
      harness.ctx.campaigns.start({ workspaceId, startedBySlackUserId: 'U0ADA', progress: { channel: 'U0ADA' } }),
    ]);
    expect(second).toEqual(first);
    expect(first.total).toBe(MISSING.length);
    campaignId = first.campaignId;

    await until('three reminders', async () => (await harness.ctx.db.nudge.count({ where: { campaignId, status: 'sent' } })) >= 3);
    let sentBeforeRestart = 0;
    await harness.restart({
      start: { reminderPaceMs: 40 },
      whileStopped: async () => {
        const database = openDatabase(harness.databaseUrl);
        sentBeforeRestart = await database.db.nudge.count({ where: { campaignId, status: 'sent' } });
        // A stop waits for the reminder being sent: nothing is left half-done.
        expect(await database.db.nudge.count({ where: { campaignId, status: 'sending' } })).toBe(0);
        await database.close();
      },
    });
    expect(sentBeforeRestart).toBeGreaterThanOrEqual(3);
    expect(sentBeforeRestart).toBeLessThan(MISSING.length);

    const campaign = await until('the first wave to finish', async () => {
      const row = await harness.ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: campaignId } });
      return row.status === 'reminding' ? row : null;
    });
    expect(campaign).toMatchObject({ total: MISSING.length, sent: MISSING.length, failed: 0 });
    for (const slackUserId of MISSING) {
      expect(reminders(slackUserId)).toHaveLength(1);
      expect(reminders(slackUserId)[0].text).toContain('<@U0ADA> asked everyone who hosts interviews');
    }
    expect(reminders('U0ADA')).toHaveLength(0);
    expect(reminders('U0OPT')).toHaveLength(0);
    // Paced across the restart too: the gate lives in the database.
    const sentAt = harness.slack.apiCalls('chat.postMessage').filter((call) => String(call.args.text).includes(':bell:')).map((call) => call.at).sort((a, b) => a - b);
    // Arrival times carry network jitter on a loaded machine, so the span is held to the pace and
    // each gap only to a floor that unpaced sends (a few ms apart) would still miss.
    expect(sentAt).toHaveLength(MISSING.length);
    expect(sentAt[sentAt.length - 1] - sentAt[0]).toBeGreaterThanOrEqual((sentAt.length - 1) * 40);
    for (let i = 1; i < sentAt.length; i += 1) expect(sentAt[i] - sentAt[i - 1]).toBeGreaterThanOrEqual(15);
    expect((await nudges(0)).map((n) => n.status)).toEqual(MISSING.map(() => 'sent'));

    const progress = await until('the final summary', async () => harness.slack.dmsTo('U0ADA').find((m) => m.ts === campaign.progressTs && m.text.includes('Reminder campaign sent')));
    expect(progress.text).toContain(`Reminder campaign sent: ${MISSING.length} DMs sent, 0 failed`);
    expect(progress.updates.map((u) => u.text).some((text) => /^:mega: Reminding 8 people .* \d\/8 done · 0 failed/.test(text))).toBe(true);

    // Each follow-up waits the cadence (48 h), then lands in the person's working hours.
    const followUps = await nudges(1);
    expect(followUps).toHaveLength(MISSING.length);
    for (const followUp of followUps) {
      const sent = (await nudges(0)).find((n) => n.employeeId === followUp.employeeId)?.sentAt as Date;
      expect(followUp.scheduledFor.getTime()).toBeGreaterThanOrEqual(sent.getTime() + 48 * HOUR_MS);
      expect(followUp.status).toBe('scheduled');
    }
  });

  it('sends follow-ups on the cadence, skips people who finished or opted out, and stops at the limit', async () => {
    await connectCalendar(harness, 'U0M1');
    await connectConferencing(harness, 'U0M1', 'zoom');
    const optOut = await checklistMessage(harness, 'U0M2');
    await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0M2', actionId: 'onboarding_opt_out', in: { channel: optOut.channel, ts: optOut.ts } });
    await until('the opt-out', async () => (await harness.ctx.db.employee.findUniqueOrThrow({ where: { id: await employeeId(harness, 'U0M2') } })).optedOutAt);
    expect(await harness.ctx.db.auditEvent.count({ where: { action: 'employee_opted_out', target: 'U0M2' } })).toBe(1);

    clock.advance(49 * HOUR_MS);
    await until('the second wave', async () => (await nudges(1)).every((n) => n.status !== 'scheduled' && n.status !== 'sending'));
    const second = await nudges(1);
    expect(second.find((n) => n.employee.slackUserId === 'U0M1')).toMatchObject({ status: 'skipped', error: 'nothing_missing' });
    expect(second.find((n) => n.employee.slackUserId === 'U0M2')).toMatchObject({ status: 'skipped', error: 'opted_out' });
    for (const slackUserId of MISSING.slice(2)) {
      expect(reminders(slackUserId)).toHaveLength(2);
      expect(reminders(slackUserId)[1].text).toContain('Reminder 2 of 3');
    }
    // The checklist moved to the newest reminder; the older message lost its buttons.
    const messages = harness.slack.dmsTo('U0M3');
    expect(messages).toHaveLength(2);
    expect(blocksText(messages[0].blocks)).toContain('replaced by a newer message');
    expect(messages[1].ts).toBe((await checklistMessage(harness, 'U0M3')).ts);

    clock.advance(49 * HOUR_MS);
    await until('the campaign to complete', async () => (await harness.ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'completed');
    for (const slackUserId of MISSING.slice(2)) expect(reminders(slackUserId).map((m) => m.text.slice(0, 24))).toEqual([':bell: <@U0ADA> asked ev', ':bell: Reminder 2 of 3: ', ':bell: Reminder 3 of 3: ']);
    expect(await nudges(3)).toHaveLength(0);
    expect(reminders('U0M1')).toHaveLength(1);
    expect(reminders('U0M2')).toHaveLength(1);
  });

  it('nudges one person on request, unless they are set up or opted out', async () => {
    expect(await harness.ctx.campaigns.nudgeOne(await employeeId(harness, 'U0M3'), 'U0ADA')).toBe('sent');
    expect(reminders('U0M3').at(-1)?.text).toContain('<@U0ADA> asked me to remind you');
    expect(await harness.ctx.campaigns.nudgeOne(await employeeId(harness, 'U0M1'), 'U0ADA')).toBe('nothing_missing');
    expect(await harness.ctx.campaigns.nudgeOne(await employeeId(harness, 'U0M2'), 'U0ADA')).toBe('opted_out');
    const record = await harness.ctx.db.nudge.findFirstOrThrow({ where: { campaignId: null, employee: { slackUserId: 'U0M3' } } });
    expect(record).toMatchObject({ status: 'sent', requestedBySlackUserId: 'U0ADA' });
  });
});
