// Sends due reminders, at most one per pace step per workspace (back to back with no pace: then Slack's 429s, which
// the WebClient waits out, set the rate). The Nudge table is the queue: a row is claimed
// (scheduled → sending) by a conditional update before its DM is posted, so a reminder is posted at most once
// even with several replicas, retried jobs or a restart.
//
// A crash between the claim and recording the result leaves the row in `sending`, and Slotline cannot tell
// whether Slack posted the DM (Slack has no idempotency key for chat.postMessage, and reading DM history
// needs a scope Slotline does not ask for). Such rows become `unconfirmed` after STUCK_AFTER_MS and are not
// posted again: a reminder may be lost in that window, never doubled. The person's next reminder is still
// scheduled, so at worst they hear from Slotline one cadence step later. The same rule covers a Slack answer
// that never arrived (network failure, HTTP 5xx); only a refusal Slack stated (ok:false) is retried.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { missingSummary } from '../onboarding/checklist-blocks';
import { RECIPIENT_UNREACHABLE, describeSlackError, slackDefinitelyRefused, slackPlatformError } from '../onboarding/slack-errors';
import { loadEmployeeReadiness } from '../readiness/load-readiness';
import type { Readiness } from '../readiness/readiness';
import { reportProgress } from './progress';
import { followUpTime } from './working-hours';

export const DISPATCH_JOB = 'reminders.dispatch';
export const dispatchPayload = z.object({ workspaceId: z.string().min(1) });

/** Longer than one chat.postMessage may take with the WebClient's own retries (five retries in five minutes). */
export const STUCK_AFTER_MS = 10 * 60_000;
const MAX_REFUSED_ATTEMPTS = 3;
/** One dispatcher run sends for at most this long, then hands over to a new job (a stop waits for at most one run). */
const RUN_BUDGET_MS = 2_000;
/** A run keeps going only while the next slot is this close; a slower pace means one reminder per job, as it waits. */
const MAX_WAIT_IN_RUN_MS = 100;
/**
 * How long past its budget a run's gate still holds: it also bounds how long a crashed run keeps its workspace
 * waiting. A send that Slack slows down beyond it (429s) may meet a second sender, which claims other rows.
 */
const GATE_MARGIN_MS = 3_000;
const REFUSED_RETRY_MS = 5 * 60_000;

type NudgeRow = { id: string; campaignId: string | null; employeeId: string; sequence: number; attempts: number };

/** One dispatcher run per instant and workspace: replicas and re-scheduling runs converge on the same job. */
export async function scheduleDispatch(ctx: Pick<AppContext, 'jobs'>, workspaceId: string, at: Date): Promise<void> {
  await ctx.jobs.enqueue(DISPATCH_JOB, { workspaceId }, { runAt: at, uniqueKey: `${DISPATCH_JOB}:${workspaceId}:${at.getTime()}` });
}

export function reminderNotice(options: { sequence: number; maxCount: number; startedBySlackUserId: string | null; readiness: Readiness }): string {
  const missing = missingSummary(options.readiness);
  if (options.sequence === 0) {
    const who = options.startedBySlackUserId ? `<@${options.startedBySlackUserId}> asked everyone who hosts interviews to finish setting up Slotline.` : 'A quick reminder from Slotline.';
    return `:bell: ${who} You still need to connect ${missing}.`;
  }
  return `:bell: Reminder ${options.sequence + 1} of ${options.maxCount}: you still need to connect ${missing}, so interviews can be booked with you.`;
}

export function createDispatcher(ctx: AppContext, paceMs: number) {
  const { db, clock, ids, logger } = ctx;

  async function scheduleFollowUp(nudge: NudgeRow, sentAt: Date): Promise<void> {
    if (!nudge.campaignId) return;
    const campaign = await db.nudgeCampaign.findUnique({ where: { id: nudge.campaignId }, include: { workspace: true } });
    const employee = await db.employee.findUnique({ where: { id: nudge.employeeId } });
    if (!campaign || !employee || !['running', 'reminding'].includes(campaign.status)) return;
    const { workspace } = campaign;
    if (nudge.sequence + 1 >= workspace.reminderMaxCount) return;
    try {
      await db.nudge.create({
        data: {
          id: ids.id('ndg'),
          campaignId: nudge.campaignId,
          employeeId: nudge.employeeId,
          sequence: nudge.sequence + 1,
          scheduledFor: followUpTime(sentAt, workspace.reminderIntervalHours, employee.timeZone, workspace),
        },
      });
    } catch (error) {
      // (campaign, employee, sequence) is unique: the follow-up exists already.
      if (!(await db.nudge.findUnique({ where: { campaignId_employeeId_sequence: { campaignId: nudge.campaignId, employeeId: nudge.employeeId, sequence: nudge.sequence + 1 } } }))) throw error;
    }
  }

  /** After a reminder was resolved: progress for the first wave, the final summary once, completion. */
  async function settle(campaignId: string | null, sequence: number): Promise<void> {
    if (!campaignId) return;
    const now = clock.now();
    const waveOpen = await db.nudge.count({ where: { campaignId, sequence: 0, status: { in: ['scheduled', 'sending'] } } });
    if (waveOpen === 0) {
      const finished = await db.nudgeCampaign.updateMany({ where: { id: campaignId, status: 'running' }, data: { status: 'reminding' } });
      if (finished.count > 0) await reportProgress(ctx, campaignId, { final: true, paceMs });
    } else if (sequence === 0) {
      await reportProgress(ctx, campaignId, { final: false, paceMs });
    }
    // While the first wave is open the campaign is too; only then is the whole campaign counted.
    const open = waveOpen > 0 ? waveOpen : await db.nudge.count({ where: { campaignId, status: { in: ['scheduled', 'sending'] } } });
    if (open === 0) await db.nudgeCampaign.updateMany({ where: { id: campaignId, status: { in: ['running', 'reminding'] } }, data: { status: 'completed', completedAt: now } });
  }

  async function resolve(nudge: NudgeRow, data: { status: string; error?: string; sentAt?: Date; messageTs?: string }): Promise<void> {
    await db.nudge.update({ where: { id: nudge.id }, data: { error: null, ...data } });
  }

  async function deliver(nudge: NudgeRow): Promise<void> {
    const claimed = await db.nudge.updateMany({ where: { id: nudge.id, status: 'scheduled' }, data: { status: 'sending', claimedAt: clock.now() } });
    if (claimed.count === 0) return;
    const employee = await db.employee.findUnique({ where: { id: nudge.employeeId } });
    const campaign = nudge.campaignId ? await db.nudgeCampaign.findUnique({ where: { id: nudge.campaignId }, include: { workspace: true } }) : null;
    if (!employee || employee.deactivatedAt || !campaign) {
      await resolve(nudge, { status: 'skipped', error: 'employee_left' });
      return settle(nudge.campaignId, nudge.sequence);
    }
    const { readiness } = await loadEmployeeReadiness(db, campaign.workspace, employee.id);
    if (readiness.optedOut || readiness.ready) {
      await resolve(nudge, { status: 'skipped', error: readiness.optedOut ? 'opted_out' : 'nothing_missing' });
      return settle(nudge.campaignId, nudge.sequence);
    }
    const notice = reminderNotice({ sequence: nudge.sequence, maxCount: campaign.workspace.reminderMaxCount, startedBySlackUserId: campaign.startedBySlackUserId, readiness });
    try {
      const posted = await ctx.onboarding.repostChecklist(employee.id, notice);
      const sentAt = clock.now();
      await resolve(nudge, { status: 'sent', sentAt, messageTs: posted.ts });
      await scheduleFollowUp(nudge, sentAt);
    } catch (error) {
      await handleFailure(nudge, error);
    }
    return settle(nudge.campaignId, nudge.sequence);
  }

  async function handleFailure(nudge: NudgeRow, error: unknown): Promise<void> {
    const reason = describeSlackError(error).slice(0, 500);
    if (!slackDefinitelyRefused(error)) {
      logger.warn('reminder outcome unknown; it will not be posted again', { nudgeId: nudge.id, error: reason });
      await resolve(nudge, { status: 'unconfirmed', error: reason });
      await scheduleFollowUp(nudge, clock.now());
      return;
    }
    const attempts = nudge.attempts + 1;
    if (RECIPIENT_UNREACHABLE.has(slackPlatformError(error) ?? '') || attempts >= MAX_REFUSED_ATTEMPTS) {
      logger.warn('reminder could not be delivered', { nudgeId: nudge.id, error: reason, attempts });
      await resolve(nudge, { status: 'failed', error: reason });
      return;
    }
    // Slack said no and posted nothing: safe to try again later.
    await db.nudge.update({ where: { id: nudge.id }, data: { status: 'scheduled', attempts, error: reason, claimedAt: null, scheduledFor: new Date(clock.now().getTime() + REFUSED_RETRY_MS) } });
  }

  /** Rows left in `sending` by a crash: see the header. */
  async function resolveStuck(workspaceId: string, now: Date): Promise<void> {
    const stuck = await db.nudge.findMany({ where: { status: 'sending', claimedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) }, campaign: { workspaceId } } });
    for (const nudge of stuck) {
      const changed = await db.nudge.updateMany({ where: { id: nudge.id, status: 'sending' }, data: { status: 'unconfirmed', error: 'interrupted while sending' } });
      if (changed.count === 0) continue;
      logger.warn('reminder interrupted while sending; it will not be posted again', { nudgeId: nudge.id });
      await scheduleFollowUp(nudge, nudge.claimedAt ?? now);
      await settle(nudge.campaignId, nudge.sequence);
    }
  }

  return {
    async run(workspaceId: string): Promise<void> {
      const started = clock.now();
      await resolveStuck(workspaceId, started);
      // The gate: one sender per workspace across every replica. It is held for the whole run (plus a margin, so a
      // crashed run's workspace carries on soon after), then set to the next slot the pace allows.
      const lease = new Date(started.getTime() + RUN_BUDGET_MS + GATE_MARGIN_MS);
      const gate = await db.workspace.updateMany({ where: { id: workspaceId, OR: [{ reminderGateUntil: null }, { reminderGateUntil: { lte: started } }] }, data: { reminderGateUntil: lease } });
      if (gate.count === 0) {
        const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { reminderGateUntil: true } });
        if (workspace?.reminderGateUntil) await scheduleDispatch(ctx, workspaceId, workspace.reminderGateUntil);
        return;
      }
      const open = { status: 'scheduled', campaign: { workspaceId } };
      // Send back to back while reminders are due, the pace allows the next one soon, and the run is young. Slack's
      // own limits do the rest: the WebClient waits out each 429's Retry-After before it goes on.
      let nextSlot = started.getTime();
      for (;;) {
        const now = clock.now();
        if (nextSlot - now.getTime() > MAX_WAIT_IN_RUN_MS || now.getTime() - started.getTime() >= RUN_BUDGET_MS) break;
        const due = await db.nudge.findFirst({ where: { ...open, scheduledFor: { lte: now } }, orderBy: [{ scheduledFor: 'asc' }, { id: 'asc' }] });
        if (!due) break;
        const wait = nextSlot - clock.now().getTime();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        nextSlot = clock.now().getTime() + paceMs;
        await deliver(due);
      }
      const gateUntil = new Date(Math.max(nextSlot, clock.now().getTime()));
      await db.workspace.update({ where: { id: workspaceId }, data: { reminderGateUntil: gateUntil } });
      const next = await db.nudge.findFirst({ where: open, orderBy: { scheduledFor: 'asc' }, select: { scheduledFor: true } });
      if (next) await scheduleDispatch(ctx, workspaceId, new Date(Math.max(next.scheduledFor.getTime(), gateUntil.getTime())));
      // Rows still `sending` (another worker, or a crash) are looked at again once they can count as stuck.
      const sending = await db.nudge.findFirst({ where: { status: 'sending', campaign: { workspaceId } }, orderBy: { claimedAt: 'asc' }, select: { claimedAt: true } });
      if (!next && sending?.claimedAt) await scheduleDispatch(ctx, workspaceId, new Date(sending.claimedAt.getTime() + STUCK_AFTER_MS + 1));
    },
  };
}
