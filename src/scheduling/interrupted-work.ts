// Booking, moving and cancelling claim the interview (status `booking`) for seconds, a few minutes at worst while
// Cronofy calls are retried. A replica killed in between would leave the claim in place for good: every click would
// answer "being booked right now" and Cancel would refuse. So every claim is watched by a durable job, due once such
// work must be over. If the claim is still there, the job puts the calendar back in line with the record (the
// event_id is the interview's id, so each write is idempotent) and tells the recruiter.
import { z } from 'zod';
import { toAppError, type AppError } from '../errors';
import { enqueueAnnouncement } from './announcements';
import { interviewEvent } from './calendar-event';
import { loadInterviewContext, slotOf } from './interview-context';
import { createInterviewRecords, type CalendarWork, type Interview } from './interview-records';
import type { SchedulingPorts } from './ports';
import { formatSlot, zoneLabel, type Period } from './slot-time';
import type { Workspace } from '../workspaces/workspace-service';

export const RECOVER_INTERRUPTED_JOB = 'interview.recover_interrupted';
/** Longer than any calendar work takes: two Cronofy calls with every retry, and an undo. */
export const INTERRUPTED_AFTER_MS = 15 * 60_000;
/** With the job queue's backoff (1 s doubling, at most 15 min), about half an hour of a Cronofy outage. */
const MAX_ATTEMPTS = 12;

export const recoverPayloadSchema = z.object({ interviewId: z.string().min(1) });
export type RecoverPayload = z.infer<typeof recoverPayloadSchema>;

/** Called before claiming: a claim that is never made (or is settled in time) leaves the job nothing to do. */
export async function watchClaim(ports: Pick<SchedulingPorts, 'jobs' | 'clock'>, interviewId: string): Promise<void> {
  const runAt = new Date(ports.clock.now().getTime() + INTERRUPTED_AFTER_MS);
  await ports.jobs.enqueue(RECOVER_INTERRUPTED_JOB, { interviewId } satisfies RecoverPayload, {
    runAt,
    uniqueKey: `${RECOVER_INTERRUPTED_JOB}:${interviewId}:${runAt.getTime()}`,
    maxAttempts: MAX_ATTEMPTS,
  });
}

const transient = (error: AppError) => error.code === 'cronofy_unavailable' || error.code === 'cronofy_rate_limited';

/** Where the calendar would be after the interrupted work, put back to what the record says. */
async function repairCalendar(ports: SchedulingPorts, workspace: Workspace, interview: Interview, work: CalendarWork, previous: Period | null): Promise<void> {
  const context = await loadInterviewContext(ports, workspace, interview);
  // The calendars bookSlot and cancelInterview write to.
  const calendarId = work === 'booking' ? (context.organizer?.calendarId ?? interview.calendarId) : (interview.calendarId ?? context.organizer?.calendarId);
  if (!calendarId) return;
  await ports.calendars.withAccessToken(interview.organizerEmployeeId, async (token) => {
    if (work === 'rescheduling' && previous) {
      return ports.cronofy.upsertEvent(token, calendarId, interviewEvent(context, { slot: previous, conferencing: null, publicUrl: ports.publicUrl, recruiterName: context.recruiterName }));
    }
    return ports.cronofy.deleteEvent(token, calendarId, interview.id);
  });
}

export async function recoverInterruptedWork(ports: SchedulingPorts, payload: RecoverPayload, job: { attempts: number }): Promise<void> {
  const interview = await ports.db.interview.findUnique({ where: { id: payload.interviewId } });
  if (!interview || interview.status !== 'booking') return;
  // A claim made since is watched by its own job.
  if ((interview.claimedAt?.getTime() ?? 0) > ports.clock.now().getTime() - INTERRUPTED_AFTER_MS) return;
  const work = (interview.statusReason ?? 'booking') as CalendarWork;
  const workspace = await ports.db.workspace.findUniqueOrThrow({ where: { id: interview.workspaceId } });
  const slot = slotOf(interview);

  let unrepaired: AppError | null = null;
  try {
    await repairCalendar(ports, workspace, interview, work, slot);
  } catch (raw) {
    const error = toAppError(raw);
    // Cronofy down: try again later (the job's backoff); on the last attempt, settle the record anyway.
    if (transient(error) && job.attempts < MAX_ATTEMPTS) throw error;
    unrepaired = error;
    ports.logger.error('could not put the calendar back after interrupted interview work', { interviewId: interview.id, work, code: error.code, error: error.message });
  }

  const records = createInterviewRecords(ports.db, ports.ids);
  const detail = { work, ...(unrepaired ? { calendarUnchecked: unrepaired.code } : {}) };
  const checkCalendar = unrepaired ? ` Slotline could not check the organizer’s calendar (${unrepaired.userMessage}), so please look there for a stray event.` : '';
  const title = `*${interview.title}* with ${interview.candidateName}`;
  let notice: string | null;
  if (work === 'cancelling') {
    // The recruiter asked for the cancellation: it is finished, and everyone is told as after any cancellation.
    const revision = interview.revision + 1;
    if (!(await records.settle(interview.id, { status: 'cancelled', statusReason: null, revision }))) return;
    await records.history(interview.id, 'cancelled', null, { ...detail, ...(slot ? { from: { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() } } : {}) });
    await enqueueAnnouncement(ports, { interviewId: interview.id, revision, kind: 'cancelled' });
    notice = unrepaired ? `:warning: Slotline finished cancelling ${title} after an interruption.${checkCalendar}` : null;
  } else if (work === 'rescheduling') {
    if (!(await records.settle(interview.id, { status: 'booked', statusReason: 'interrupted' }))) return;
    await records.history(interview.id, 'reschedule_interrupted', null, detail);
    const when = slot ? ` It stays at ${formatSlot(slot, interview.timeZone)} (${zoneLabel(interview.timeZone)} time).` : '';
    notice = `:warning: Slotline was interrupted while moving ${title}.${when} Move it again from your interview message if you still want to.${checkCalendar}`;
  } else {
    if (!(await records.settle(interview.id, { status: 'draft', statusReason: 'interrupted' }))) return;
    await records.history(interview.id, 'booking_interrupted', null, detail);
    notice = `:warning: Slotline was interrupted while booking ${title}. Nothing was booked. Pick a time again with /schedule-interview.${checkCalendar}`;
  }
  ports.logger.warn('settled interview work a crash interrupted', { interviewId: interview.id, work, calendarRepaired: unrepaired === null });
  if (!notice) return;
  try {
    const client = await ports.slack.forTeam(workspace.slackTeamId);
    await client.chat.postMessage({ channel: interview.recruiterSlackUserId, text: notice });
  } catch (error) {
    // The record is already right; a lost notice must not undo that.
    ports.logger.warn('could not tell the recruiter about interrupted interview work', { interviewId: interview.id, error: error instanceof Error ? error.message : String(error) });
  }
}
