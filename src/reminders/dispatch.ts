// Sends due reminders, at most one per pace step per workspace (back to back with no pace: then Slack's 429s, which
// the WebClient waits out, set the rate). The Nudge table is the queue: a row is claimed (scheduled → sending) by a
// conditional update before its DM is posted, so two replicas, a retried job or a restart never post the same row.
//
// Nothing sent twice, nothing lost. Every reminder DM carries message metadata naming its row (find-reminder.ts).
// While a DM is on its way its sender renews the row's lease (Nudge.leaseUntil) every HEARTBEAT_MS, so a sender that
// is alive, however slow (the WebClient waiting out 429s or retrying), keeps its row. The outcome is unknown when the
// sender died between the claim and recording the result (its lease lapses STUCK_AFTER_MS after its last heartbeat),
// or when Slack's answer never arrived (network failure, HTTP 5xx; looked at RECHECK_AFTER_MS later, once a request
// still on its way has landed). Then the dispatcher takes the row over with a conditional update and reads the DM's
// history from just before the claim: the reminder is there → `sent`, with its ts, as if the answer had arrived; it
// is not → Slack never posted it, and it is sent now under the same takeover, so only one replica does it.
// STUCK_AFTER_MS outlasts the WebClient's own retries of one post (about 6.5 minutes) plus a heartbeat: a sender that
// is alive but cut off from the database, so it cannot renew its lease, has given its post up before anyone looks.
//
// Reading the history needs the im:history scope. A workspace installed before Slotline asked for it (Slack answers
// missing_scope), or a history Slack will not read, keeps the older rule: the row becomes `unconfirmed` and is not
// posted again. A reminder may then be lost, never doubled; the person's next reminder is still scheduled. A refusal
// Slack stated (ok:false) posted nothing and is retried a few times.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import type { Employee, NudgeCampaign, Workspace } from '../generated/prisma/sqlite/client';
import { missingSummary } from '../onboarding/checklist-blocks';
import { RECIPIENT_UNREACHABLE, describeSlackError, slackDefinitelyRefused, slackPlatformError } from '../onboarding/slack-errors';
import { loadEmployeeReadiness } from '../readiness/load-readiness';
import type { Readiness } from '../readiness/readiness';
import { findPostedReminder, reminderMetadata } from './find-reminder';
import { reportProgress } from './progress';
import { type LeasePorts, type SendLease, claimScheduled, takeLapsed } from './send-lease';
import { followUpTime } from './working-hours';

export const DISPATCH_JOB = 'reminders.dispatch';
export const dispatchPayload = z.object({ workspaceId: z.string().min(1) });

/**
 * How long a sender's lease lasts after its last heartbeat. Longer than one chat.postMessage may take with the
 * WebClient's own retries (fiveRetriesInFiveMinutes: about 300 s of back-off between six attempts of up to 15 s)
 * plus one HEARTBEAT_MS, so a sender that cannot renew its lease has stopped posting before its row is looked at.
 */
export const STUCK_AFTER_MS = 8 * 60_000;
/** After an answer that never arrived: long enough for a request Slack was still working on to show in the DM. */
export const RECHECK_AFTER_MS = 60_000;
/** Sends that failed (refused, or not found in the DM afterwards) before a reminder counts as failed. */
const MAX_ATTEMPTS = 3;
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

type NudgeRow = {
  id: string;
  campaignId: string | null;
  employeeId: string;
  sequence: number;
  attempts: number;
  requestedBySlackUserId: string | null;
};
type CampaignWithWorkspace = NudgeCampaign & { workspace: Workspace };
type SendingRow = NudgeRow & { claimedAt: Date | null; leaseUntil: Date | null; scheduledFor: Date; error: string | null };

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

/** The DM of a one-off nudge (an admin's "Nudge now"), which belongs to no campaign. */
export function oneOffNotice(bySlackUserId: string | null): string {
  return `:bell: ${bySlackUserId ? `<@${bySlackUserId}> asked me to remind you to finish setting up Slotline.` : 'A quick reminder from Slotline.'}`;
}

/** When a row in `sending` may be looked at: its lease lapsed (rows claimed before leases existed: by claim time). */
function lapsedAt(row: { leaseUntil: Date | null; claimedAt: Date | null; scheduledFor: Date }, leaseMs: number): Date {
  return row.leaseUntil ?? new Date((row.claimedAt ?? row.scheduledFor).getTime() + leaseMs);
}

export function createDispatcher(ctx: AppContext, paceMs: number, leaseMs: number = STUCK_AFTER_MS) {
  const { db, clock, ids, logger } = ctx;
  const leases: LeasePorts = { db, clock, logger, leaseMs };

  /** `loaded`: the campaign and employee the caller read moments ago (the sender), so they are not read again. */
  async function scheduleFollowUp(nudge: NudgeRow, sentAt: Date, loaded?: { campaign: CampaignWithWorkspace; employee: Employee }): Promise<void> {
    if (!nudge.campaignId) return;
    const campaign = loaded?.campaign ?? (await db.nudgeCampaign.findUnique({ where: { id: nudge.campaignId }, include: { workspace: true } }));
    const employee = loaded?.employee ?? (await db.employee.findUnique({ where: { id: nudge.employeeId } }));
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
    // Existence, not a count: counting the open rows after every reminder made a campaign quadratic in its size.
    const isOpen = async (onlySequence?: number) =>
      (await db.nudge.findFirst({ where: { campaignId, ...(onlySequence === undefined ? {} : { sequence: onlySequence }), status: { in: ['scheduled', 'sending'] } }, select: { id: true } })) !== null;
    const waveOpen = await isOpen(0);
    if (!waveOpen) {
      const finished = await db.nudgeCampaign.updateMany({ where: { id: campaignId, status: 'running' }, data: { status: 'reminding' } });
      if (finished.count > 0) await reportProgress(ctx, campaignId, { final: true, paceMs });
    } else if (sequence === 0) {
      await reportProgress(ctx, campaignId, { final: false, paceMs });
    }
    // While the first wave is open the campaign is too; only then is the whole campaign counted.
    const open = waveOpen || (await isOpen());
    if (!open) await db.nudgeCampaign.updateMany({ where: { id: campaignId, status: { in: ['running', 'reminding'] } }, data: { status: 'completed', completedAt: now } });
  }

  async function deliver(nudge: NudgeRow): Promise<void> {
    const claimed = await claimScheduled(leases, nudge.id);
    if (claimed) await send(nudge, claimed.lease);
  }

  /** Posts a reminder the caller holds the lease of, or skips it when it is no longer needed. */
  async function send(nudge: NudgeRow, lease: SendLease): Promise<void> {
    const employee = await db.employee.findUnique({ where: { id: nudge.employeeId } });
    const campaign = nudge.campaignId ? await db.nudgeCampaign.findUnique({ where: { id: nudge.campaignId }, include: { workspace: true } }) : null;
    if (!employee || employee.deactivatedAt || (nudge.campaignId && !campaign)) {
      await lease.write({ status: 'skipped', error: 'employee_left', leaseUntil: null });
      return settle(nudge.campaignId, nudge.sequence);
    }
    // A newer campaign replaced this one while the reminder waited to be looked at: the newer one reminds them.
    if (campaign && !['running', 'reminding'].includes(campaign.status)) {
      await lease.write({ status: 'cancelled', error: 'superseded', leaseUntil: null });
      return settle(nudge.campaignId, nudge.sequence);
    }
    const workspace = campaign?.workspace ?? (await ctx.workspaces.get(employee.workspaceId));
    const { readiness } = await loadEmployeeReadiness(db, workspace, employee.id);
    if (readiness.optedOut || readiness.ready) {
      await lease.write({ status: 'skipped', error: readiness.optedOut ? 'opted_out' : 'nothing_missing', leaseUntil: null });
      return settle(nudge.campaignId, nudge.sequence);
    }
    const notice = campaign
      ? reminderNotice({ sequence: nudge.sequence, maxCount: workspace.reminderMaxCount, startedBySlackUserId: campaign.startedBySlackUserId, readiness })
      : oneOffNotice(nudge.requestedBySlackUserId);
    const stopHeartbeat = lease.keepAlive();
    try {
      const posted = await ctx.onboarding.repostChecklist(employee.id, notice, { metadata: reminderMetadata(nudge.id), known: { workspace, readiness } });
      stopHeartbeat();
      const sentAt = clock.now();
      if (await lease.write({ status: 'sent', sentAt, messageTs: posted.ts, error: null, leaseUntil: null })) await scheduleFollowUp(nudge, sentAt, campaign ? { campaign, employee } : undefined);
    } catch (error) {
      stopHeartbeat();
      await handleFailure(nudge, lease, error);
    }
    return settle(nudge.campaignId, nudge.sequence);
  }

  async function handleFailure(nudge: NudgeRow, lease: SendLease, error: unknown): Promise<void> {
    const reason = describeSlackError(error).slice(0, 500);
    const attempts = nudge.attempts + 1;
    if (!slackDefinitelyRefused(error)) {
      // Slack may have posted it before the answer was lost: the DM is looked at once such a request has landed.
      logger.warn('reminder outcome unknown; Slotline will look for it in the DM before sending it again', { nudgeId: nudge.id, error: reason });
      await lease.write({ attempts, error: reason, leaseUntil: new Date(clock.now().getTime() + RECHECK_AFTER_MS) });
      return;
    }
    // A one-off nudge answered its admin already; only campaign reminders come back later.
    if (RECIPIENT_UNREACHABLE.has(slackPlatformError(error) ?? '') || attempts >= MAX_ATTEMPTS || !nudge.campaignId) {
      logger.warn('reminder could not be delivered', { nudgeId: nudge.id, error: reason, attempts });
      await lease.write({ status: 'failed', error: reason, attempts, leaseUntil: null });
      return;
    }
    // Slack said no and posted nothing: safe to try again later.
    await lease.write({ status: 'scheduled', attempts, error: reason, claimedAt: null, leaseUntil: null, scheduledFor: new Date(clock.now().getTime() + REFUSED_RETRY_MS) });
  }

  /** A row whose outcome is unknown (see the header): found in the DM → sent; not there → sent now. */
  async function reconcile(row: SendingRow): Promise<void> {
    const lease = await takeLapsed(leases, row);
    if (!lease) return;
    const employee = await db.employee.findUnique({ where: { id: row.employeeId }, include: { workspace: true } });
    if (!employee) {
      await lease.write({ status: 'skipped', error: 'employee_left', leaseUntil: null });
      return settle(row.campaignId, row.sequence);
    }
    const claimedAt = row.claimedAt ?? row.scheduledFor;
    let found;
    try {
      found = await findPostedReminder(ctx, { slackTeamId: employee.workspace.slackTeamId, employee, nudgeId: row.id, since: claimedAt });
    } catch (error) {
      const reason = slackPlatformError(error) === 'missing_scope' ? 'Slotline lacks the im:history scope (reinstall the app to grant it)' : describeSlackError(error);
      logger.warn('cannot tell whether an interrupted reminder reached Slack; it will not be posted again', { nudgeId: row.id, error: reason });
      const unconfirmed = `interrupted while sending; cannot look in the DM: ${reason}`.slice(0, 500);
      if (await lease.write({ status: 'unconfirmed', error: unconfirmed, leaseUntil: null })) await scheduleFollowUp(row, claimedAt);
      return settle(row.campaignId, row.sequence);
    }
    if (found) {
      logger.info('an interrupted reminder had reached Slack; recorded as sent', { nudgeId: row.id });
      if (await lease.write({ status: 'sent', sentAt: found.sentAt, messageTs: found.ts, error: null, leaseUntil: null })) {
        await ctx.onboarding.adoptChecklist(employee.id, found).catch((error: unknown) => logger.warn('could not adopt the checklist DM', { nudgeId: row.id, error: describeSlackError(error) }));
        await scheduleFollowUp(row, found.sentAt);
      }
      return settle(row.campaignId, row.sequence);
    }
    if (row.attempts >= MAX_ATTEMPTS) {
      logger.warn('reminder could not be delivered', { nudgeId: row.id, error: row.error, attempts: row.attempts });
      await lease.write({ status: 'failed', error: `not delivered after ${row.attempts} attempts: ${row.error ?? 'no answer'}`.slice(0, 500), leaseUntil: null });
      return settle(row.campaignId, row.sequence);
    }
    // Not in the DM: Slack never posted it. Send it now, under a fresh claim (the DM is then looked for from here).
    logger.info('an interrupted reminder never reached Slack; sending it now', { nudgeId: row.id });
    const now = clock.now();
    if (await lease.write({ claimedAt: now, leaseUntil: new Date(now.getTime() + leaseMs) })) await send(row, lease);
  }

  async function reconcileLapsed(workspaceId: string, now: Date): Promise<void> {
    const sending = await db.nudge.findMany({ where: { status: 'sending', employee: { workspaceId } } });
    for (const row of sending) if (lapsedAt(row, leaseMs) <= now) await reconcile(row);
  }

  /** The earliest a row now in `sending` can be looked at (another sender's, or one whose answer was lost). */
  async function nextLapse(workspaceId: string): Promise<Date | null> {
    const sending = await db.nudge.findMany({ where: { status: 'sending', employee: { workspaceId } }, select: { leaseUntil: true, claimedAt: true, scheduledFor: true } });
    const times = sending.map((row) => lapsedAt(row, leaseMs).getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }

  return {
    async run(workspaceId: string): Promise<void> {
      const started = clock.now();
      // The gate: one sender per workspace across every replica. It is held for the whole run (plus a margin, so a
      // crashed run's workspace carries on soon after), then set to the next slot the pace allows.
      const lease = new Date(started.getTime() + RUN_BUDGET_MS + GATE_MARGIN_MS);
      const gate = await db.workspace.updateMany({ where: { id: workspaceId, OR: [{ reminderGateUntil: null }, { reminderGateUntil: { lte: started } }] }, data: { reminderGateUntil: lease } });
      if (gate.count === 0) {
        const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { reminderGateUntil: true } });
        if (workspace?.reminderGateUntil) await scheduleDispatch(ctx, workspaceId, workspace.reminderGateUntil);
        return;
      }
      await reconcileLapsed(workspaceId, started);
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
      const nextAt = next ? Math.max(next.scheduledFor.getTime(), gateUntil.getTime()) : Number.POSITIVE_INFINITY;
      // Rows still `sending` (another sender's, a crash's, or an answer that was lost) are looked at once they lapse.
      const lapse = await nextLapse(workspaceId);
      const lapseAt = lapse ? Math.max(lapse.getTime() + 1, gateUntil.getTime()) : Number.POSITIVE_INFINITY;
      const at = Math.min(nextAt, lapseAt);
      if (Number.isFinite(at)) await scheduleDispatch(ctx, workspaceId, new Date(at));
    },
  };
}
