// Reminder campaigns: who is missing something gets a DM, then follow-ups on the company's cadence in their own
// working hours, until they are set up, opt out, or reach the limit. Durable: everything lives in the database.
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { describeSlackError, slackDefinitelyRefused } from '../onboarding/slack-errors';
import { iterateWorkspaceReadiness, loadEmployeeReadiness } from '../readiness/load-readiness';
import { RECHECK_AFTER_MS, STUCK_AFTER_MS, createDispatcher, oneOffNotice, scheduleDispatch } from './dispatch';
import { reminderMetadata } from './find-reminder';
import { estimateMsLeft, finalMessage, progressMessage } from './progress';
import { heldLease } from './send-lease';
import { nextWorkingInstant } from './working-hours';

export const SCHEDULED_CAMPAIGN_JOB = 'reminders.scheduled_campaign';
/**
 * No fixed spacing between reminder DMs by default: they go out back to back, one sender per workspace, and Slack's
 * rate limits (chat.postMessage's workspace budget, Tier 3 for retiring an older checklist with chat.update) set the
 * pace through 429s, whose Retry-After the WebClient waits out. A pace (tests) spaces them out instead.
 */
export const DEFAULT_REMINDER_PACE_MS = 0;
const DAY_MS = 24 * 60 * 60_000;
const INSERT_CHUNK = 500;

export interface CampaignService {
  start(options: { workspaceId: string; startedBySlackUserId?: string; progress?: { channel: string }; trigger?: 'admin' | 'schedule' }): Promise<{ campaignId: string; total: number }>;
  nudgeOne(employeeId: string, bySlackUserId?: string): Promise<'sent' | 'nothing_missing' | 'opted_out'>;
  /** (Re)arms the automatic campaigns of a workspace after its autoNudgeIntervalDays changed; idempotent. */
  ensureSchedule(workspaceId: string): Promise<void>;
  /** At start-up: picks up waiting reminders and automatic campaigns (idempotent across replicas). */
  resume(): Promise<void>;
  /** The reminder dispatcher job's body: sends the workspace's next due reminder, paced. */
  dispatch(workspaceId: string): Promise<void>;
  /** Ends the workspace's campaigns in progress and cancels their reminders not yet sent; returns how many campaigns. */
  stopAll(workspaceId: string, reason: string): Promise<number>;
}

/** `leaseMs`: how long a reminder sender's lease lasts after its last heartbeat (see dispatch.ts; tests shorten it). */
export function createCampaignService(context: () => AppContext, options: { paceMs?: number; leaseMs?: number } = {}): CampaignService {
  const paceMs = options.paceMs ?? DEFAULT_REMINDER_PACE_MS;
  const leaseMs = options.leaseMs ?? STUCK_AFTER_MS;
  const starting = new Map<string, Promise<{ campaignId: string; total: number }>>();
  let dispatcher: ReturnType<typeof createDispatcher> | undefined;

  async function startCampaign({ workspaceId, startedBySlackUserId, progress, trigger = 'admin' }: Parameters<CampaignService['start']>[0]) {
    const ctx = context();
    const { db, clock, ids } = ctx;
    // A double-clicked button or a repeated command while the first wave is still going: the same campaign.
    const running = await db.nudgeCampaign.findFirst({ where: { workspaceId, status: 'running' }, orderBy: { createdAt: 'desc' } });
    if (running) return { campaignId: running.id, total: running.total };

    const workspace = await ctx.workspaces.get(workspaceId);
    const now = clock.now();
    const campaignId = ids.id('cmp');
    const nudges: Array<{ id: string; campaignId: string; employeeId: string; sequence: number; scheduledFor: Date }> = [];
    for await (const person of iterateWorkspaceReadiness(db, workspace)) {
      if (person.readiness.optedOut || person.readiness.ready) continue;
      // Started by hand: the admin asked for now. On a schedule: each person's working hours.
      const scheduledFor = trigger === 'admin' ? now : nextWorkingInstant(now, person.timeZone, workspace);
      nudges.push({ id: ids.id('ndg'), campaignId, employeeId: person.employeeId, sequence: 0, scheduledFor });
    }
    const total = nudges.length;
    const chunks = Array.from({ length: Math.ceil(total / INSERT_CHUNK) }, (_, i) => nudges.slice(i * INSERT_CHUNK, (i + 1) * INSERT_CHUNK));
    await db.$transaction([
      // A new campaign replaces the follow-ups of older ones, so nobody gets two reminder streams.
      db.nudge.updateMany({ where: { status: 'scheduled', campaign: { workspaceId, status: 'reminding' } }, data: { status: 'cancelled', error: 'superseded' } }),
      db.nudgeCampaign.updateMany({ where: { workspaceId, status: 'reminding' }, data: { status: 'superseded', completedAt: now } }),
      db.nudgeCampaign.create({
        data: { id: campaignId, workspaceId, startedBySlackUserId: startedBySlackUserId ?? null, trigger, total, status: total === 0 ? 'completed' : 'running', completedAt: total === 0 ? now : null },
      }),
      ...chunks.map((data) => db.nudge.createMany({ data })),
    ]);

    if (progress) {
      const zero = { total, sent: 0, failed: 0, skipped: 0, remaining: total };
      const message = total === 0 ? finalMessage(zero, { failedSlackUserIds: [], intervalHours: workspace.reminderIntervalHours, maxCount: workspace.reminderMaxCount }) : progressMessage(zero, estimateMsLeft(zero, 0, paceMs));
      try {
        const posted = await (await ctx.slack.forTeam(workspace.slackTeamId)).chat.postMessage({ channel: progress.channel, ...message });
        if (posted.channel && posted.ts) await db.nudgeCampaign.update({ where: { id: campaignId }, data: { progressChannelId: posted.channel, progressTs: posted.ts } });
      } catch (error) {
        ctx.logger.warn('could not post campaign progress', { campaignId, error: describeSlackError(error) });
      }
    }
    if (total > 0) await scheduleDispatch(ctx, workspaceId, nudges.reduce((first, n) => (n.scheduledFor < first ? n.scheduledFor : first), nudges[0].scheduledFor));
    ctx.logger.info('reminder campaign started', { campaignId, workspaceId, total, trigger });
    return { campaignId, total };
  }

  function nextScheduleSlot(after: Date, intervalDays: number): Date {
    const interval = intervalDays * DAY_MS;
    return new Date((Math.floor(after.getTime() / interval) + 1) * interval);
  }

  const service: CampaignService = {
    start(options) {
      // Within one process, concurrent starts for a workspace wait for each other (then find the running one).
      const previous = starting.get(options.workspaceId) ?? Promise.resolve(undefined);
      const next = previous.catch(() => undefined).then(() => startCampaign(options));
      starting.set(options.workspaceId, next);
      void next.catch(() => undefined).finally(() => {
        if (starting.get(options.workspaceId) === next) starting.delete(options.workspaceId);
      });
      return next;
    },

    async nudgeOne(employeeId, bySlackUserId) {
      const ctx = context();
      const { db, clock, ids } = ctx;
      const employee = await db.employee.findUniqueOrThrow({ where: { id: employeeId } });
      if (employee.deactivatedAt) throw new AppError('not_found', { message: 'nudge for a deactivated employee', userMessage: 'That person is no longer a member of this workspace.' });
      const workspace = await ctx.workspaces.get(employee.workspaceId);
      const { readiness } = await loadEmployeeReadiness(db, workspace, employeeId);
      if (readiness.optedOut) return 'opted_out';
      if (readiness.ready) return 'nothing_missing';
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const nudge = await db.nudge.create({ data: { id: ids.id('ndg'), employeeId, sequence: 0, status: 'sending', claimedAt: now, leaseUntil, scheduledFor: now, requestedBySlackUserId: bySlackUserId ?? null } });
      // Should this process die before the outcome is recorded, the dispatcher looks for the DM once the lease lapses.
      await scheduleDispatch(ctx, workspace.id, new Date(leaseUntil.getTime() + 1));
      const lease = heldLease({ db, clock, logger: ctx.logger, leaseMs }, nudge.id, leaseUntil);
      const stopHeartbeat = lease.keepAlive();
      try {
        const posted = await ctx.onboarding.repostChecklist(employeeId, oneOffNotice(bySlackUserId ?? null), { metadata: reminderMetadata(nudge.id) });
        stopHeartbeat();
        await lease.write({ status: 'sent', sentAt: clock.now(), messageTs: posted.ts, leaseUntil: null });
        return 'sent';
      } catch (error) {
        stopHeartbeat();
        const reason = describeSlackError(error).slice(0, 500);
        if (slackDefinitelyRefused(error)) {
          await lease.write({ status: 'failed', error: reason, attempts: 1, leaseUntil: null });
          throw new AppError('slack_api_failed', { message: `one-off nudge failed: ${reason}`, userMessage: `Slack did not accept the DM to <@${employee.slackUserId}> (${reason}).`, cause: error });
        }
        // Slack may have posted it before the answer was lost: the dispatcher looks in the DM soon and sends it if not.
        const recheckAt = new Date(clock.now().getTime() + RECHECK_AFTER_MS);
        await lease.write({ error: reason, attempts: 1, leaseUntil: recheckAt });
        await scheduleDispatch(ctx, workspace.id, recheckAt);
        throw new AppError('slack_api_failed', {
          message: `one-off nudge outcome unknown: ${reason}`,
          userMessage: `Slack did not answer when Slotline sent the DM to <@${employee.slackUserId}>. Slotline checks in a minute whether it arrived and sends it if it did not.`,
          cause: error,
        });
      }
    },

    async ensureSchedule(workspaceId) {
      const ctx = context();
      const workspace = await ctx.workspaces.get(workspaceId);
      if (workspace.autoNudgeIntervalDays <= 0 || workspace.uninstalledAt) return;
      const runAt = nextScheduleSlot(ctx.clock.now(), workspace.autoNudgeIntervalDays);
      await ctx.jobs.enqueue(SCHEDULED_CAMPAIGN_JOB, { workspaceId }, { runAt, uniqueKey: `${SCHEDULED_CAMPAIGN_JOB}:${workspaceId}:${runAt.toISOString()}` });
    },

    async resume() {
      const ctx = context();
      const now = ctx.clock.now();
      const waiting = await ctx.db.nudgeCampaign.findMany({ where: { status: { in: ['running', 'reminding'] } }, select: { workspaceId: true }, distinct: ['workspaceId'] });
      // Reminders a stopped process left in `sending` (one-off nudges too) are looked at once their leases lapse.
      const sending = await ctx.db.nudge.findMany({ where: { status: 'sending' }, select: { employee: { select: { workspaceId: true } } } });
      const workspaceIds = new Set([...waiting.map((w) => w.workspaceId), ...sending.map((n) => n.employee.workspaceId)]);
      for (const workspaceId of workspaceIds) await scheduleDispatch(ctx, workspaceId, now);
      for (const { id } of await ctx.db.workspace.findMany({ where: { autoNudgeIntervalDays: { gt: 0 }, uninstalledAt: null }, select: { id: true } })) await service.ensureSchedule(id);
    },

    async stopAll(workspaceId, reason) {
      const { db, clock } = context();
      const inProgress = { workspaceId, status: { in: ['running', 'reminding'] } };
      const [, stopped] = await db.$transaction([
        db.nudge.updateMany({ where: { status: 'scheduled', campaign: inProgress }, data: { status: 'cancelled', error: reason } }),
        db.nudgeCampaign.updateMany({ where: inProgress, data: { status: 'stopped', completedAt: clock.now() } }),
      ]);
      return stopped.count;
    },

    dispatch(workspaceId) {
      dispatcher ??= createDispatcher(context(), paceMs, leaseMs);
      return dispatcher.run(workspaceId);
    },
  };

  return service;
}
