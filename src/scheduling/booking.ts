// Booking, moving and cancelling the calendar event. Each claims the interview first (conditional update), so a
// double click or a retried request acts once; a failed Cronofy call leaves the interview as it was, never
// recorded as booked when the event does not exist.
import { AppError, toAppError } from '../errors';
import { enqueueAnnouncement } from './announcements';
import { isSlotFree } from './availability';
import { interviewEvent } from './calendar-event';
import { scheduleConferencingCheck } from './conferencing';
import { slotOf, type InterviewContext } from './interview-context';
import { createInterviewRecords, statusOf, type CalendarWork } from './interview-records';
import { watchClaim } from './interrupted-work';
import type { SchedulingPorts } from './ports';
import { renderSlots, showSlots, slotSearch, updateView } from './slot-picker';
import { formatSlot, zoneLabel, type Period } from './slot-time';
import { hostingFor } from './video';
import { videoLabel } from './views/interview-message';
import { bookedView, bookingView, messageView } from './views/status-views';

const MINUTE_MS = 60_000;

export interface SlotChoice {
  viewId: string;
  slotStart: number;
  /** The slots the modal showed, to show them again if this booking fails. */
  shownSlots: number[];
  actorSlackUserId: string;
}

/** Shows where the interview stands, for a click that came too late or twice. */
export function showCurrentState(ports: SchedulingPorts, context: InterviewContext, viewId: string): Promise<boolean> {
  const { interview, zone } = context;
  const slot = slotOf(interview);
  switch (statusOf(interview)) {
    case 'booking':
      return updateView(ports, context.workspace, viewId, messageView(':hourglass_flowing_sand: This interview is being booked or changed right now. You will get a DM when it is done.', { interviewId: interview.id }));
    case 'cancelled':
      return updateView(ports, context.workspace, viewId, messageView('This interview was cancelled, so it cannot be booked again. Start a new one with /schedule-interview.', { interviewId: interview.id }));
    case 'failed':
      return updateView(ports, context.workspace, viewId, messageView('This draft can no longer be booked. Start again with /schedule-interview.', { interviewId: interview.id }));
    default:
      return slot
        ? updateView(ports, context.workspace, viewId, bookedView({ interviewId: interview.id, title: interview.title, when: formatSlot(slot, zone), zoneNote: `Times in ${zoneLabel(zone)} time.`, video: null, rescheduled: false }))
        : Promise.resolve(false);
  }
}

/** Book (draft) or move (booked) the interview to the chosen slot. */
export async function bookSlot(ports: SchedulingPorts, context: InterviewContext, choice: SlotChoice): Promise<void> {
  const records = createInterviewRecords(ports.db, ports.ids);
  const { interview, workspace, zone } = context;
  const status = statusOf(interview);
  const slot: Period = { start: choice.slotStart, end: choice.slotStart + interview.durationMinutes * MINUTE_MS };
  const previous = slotOf(interview);
  if (status !== 'draft' && status !== 'booked') return void (await showCurrentState(ports, context, choice.viewId));
  if (status === 'booked' && previous?.start === slot.start) return void (await showCurrentState(ports, context, choice.viewId));
  if (slot.start <= ports.clock.now().getTime()) return showSlots(ports, context, choice.viewId, `${formatSlot(slot, zone)} has already started. Here are times still ahead.`);

  const work: CalendarWork = status === 'booked' ? 'rescheduling' : 'booking';
  await watchClaim(ports, interview.id);
  if (!(await records.claim(interview, work, ports.clock.now()))) {
    const current = await records.find(interview.id);
    return void (current && (await showCurrentState(ports, { ...context, interview: current }, choice.viewId)));
  }
  const when = formatSlot(slot, zone);
  await updateView(ports, workspace, choice.viewId, bookingView(interview.id, when));
  const backTo = { status, statusReason: null, start: interview.start, end: interview.end } as const;

  const organizer = context.organizer;
  const hosting = organizer ? hostingFor(context.video, organizer.readiness) : null;
  if (!organizer?.calendarId || !hosting?.ok) {
    await records.settle(interview.id, { ...backTo, statusReason: 'organizer_not_ready' });
    return void (await updateView(
      ports,
      workspace,
      choice.viewId,
      messageView(
        `:warning: ${organizer ? `<@${organizer.slackUserId}>` : 'The organizer'} cannot hold this event any more (their calendar or video account changed). ${
          work === 'booking' ? 'Nothing was booked. Start again with /schedule-interview to pick another organizer.' : 'The interview stays at its current time until they reconnect.'
        }`,
        { interviewId: interview.id },
      ),
    ));
  }
  // A booked event stays in the calendar it was written to; a new one goes to the organizer's primary calendar.
  const calendarId = status === 'booked' && interview.calendarId ? interview.calendarId : organizer.calendarId;
  // Moving keeps the conference Cronofy already made (omitting `conferencing` leaves it untouched).
  const conferencing = status === 'booked' && interview.joinUrl ? null : hosting.conferencing;

  let wrote = false;
  try {
    if (!(await isSlotFree(ports.cronofy, slotSearch(context, slot), slot))) {
      await records.settle(interview.id, { ...backTo, statusReason: 'slot_taken' });
      await records.history(interview.id, 'slot_taken', choice.actorSlackUserId, { start: new Date(slot.start).toISOString() });
      return showSlots(ports, { ...context, interview: { ...interview, ...backTo } }, choice.viewId, `${when} was just taken by something else in someone’s calendar. Here are fresh times.`);
    }
    const event = interviewEvent(context, { slot, conferencing, publicUrl: ports.publicUrl, recruiterName: context.recruiterName });
    wrote = true;
    await ports.calendars.withAccessToken(organizer.employeeId, (token) => ports.cronofy.upsertEvent(token, calendarId, event));
  } catch (raw) {
    const error = toAppError(raw);
    ports.logger.warn(work === 'booking' ? 'booking failed' : 'moving an interview failed', { interviewId: interview.id, code: error.code, error: error.message });
    if (wrote) await undoUncertainWrite(ports, context, calendarId, error, previous);
    await records.settle(interview.id, { ...backTo, statusReason: error.code });
    await records.history(interview.id, work === 'booking' ? 'booking_failed' : 'reschedule_failed', choice.actorSlackUserId, { code: error.code });
    const notice = `${work === 'booking' ? 'Slotline could not book' : 'Slotline could not move the interview to'} ${when}. ${error.userMessage} ${work === 'booking' ? 'Nothing was booked.' : 'It stays at its current time.'}`;
    const shown = choice.shownSlots.map((start) => ({ start, end: start + interview.durationMinutes * MINUTE_MS }));
    const period = { start: interview.windowStart?.getTime() ?? slot.start, end: interview.windowEnd?.getTime() ?? slot.end };
    return void (await updateView(ports, workspace, choice.viewId, renderSlots({ ...context, interview: { ...interview, ...backTo } }, { slots: shown.length ? shown : [slot], notice, period })));
  }

  const revision = interview.revision + 1;
  const conferencingStatus = conferencing ? 'pending' : status === 'booked' && interview.joinUrl ? 'assigned' : 'none';
  await records.settle(interview.id, {
    status: 'booked',
    statusReason: null,
    start: new Date(slot.start),
    end: new Date(slot.end),
    calendarId,
    revision,
    ...(conferencing ? { conferencingProfileId: conferencing.profile_id, conferencingStatus, joinUrl: null, conferencingProvider: hosting.provider } : { conferencingStatus }),
  });
  const kind = work === 'booking' ? 'booked' : 'rescheduled';
  await records.history(interview.id, kind, choice.actorSlackUserId, {
    start: new Date(slot.start).toISOString(),
    end: new Date(slot.end).toISOString(),
    ...(previous ? { from: { start: new Date(previous.start).toISOString(), end: new Date(previous.end).toISOString() } } : {}),
  });
  if (conferencingStatus === 'pending') await scheduleConferencingCheck(ports, interview.id, revision);
  else await enqueueAnnouncement(ports, { interviewId: interview.id, revision, kind });

  await updateView(
    ports,
    workspace,
    choice.viewId,
    bookedView({
      interviewId: interview.id,
      title: interview.title,
      when,
      zoneNote: `Times in ${zoneLabel(zone)} time. Each interviewer gets a DM with the time in their own zone.`,
      video: conferencingStatus === 'pending' ? videoLabel({ conferencingProvider: hosting.provider, conferencingChoice: interview.conferencingChoice }) : null,
      rescheduled: kind === 'rescheduled',
    }),
  );
}

/**
 * After a timeout or 5xx, Cronofy may have written the event anyway. Put the calendar back to what we record:
 * delete a new event, or move a moved one back. Best effort; the next action with the same event_id repairs it too.
 */
async function undoUncertainWrite(ports: SchedulingPorts, context: InterviewContext, calendarId: string, error: AppError, previous: Period | null): Promise<void> {
  if (error.code !== 'cronofy_unavailable') return;
  const { interview, organizer } = context;
  if (!organizer) return;
  try {
    await ports.calendars.withAccessToken(organizer.employeeId, async (token) => {
      if (!previous) return ports.cronofy.deleteEvent(token, calendarId, interview.id);
      return ports.cronofy.upsertEvent(token, calendarId, interviewEvent(context, { slot: previous, conferencing: null, publicUrl: ports.publicUrl, recruiterName: context.recruiterName }));
    });
  } catch (undo) {
    ports.logger.error('could not undo an uncertain calendar write', { interviewId: interview.id, error: undo instanceof Error ? undo.message : String(undo) });
  }
}

/** Deletes the event and tells everyone; returns what to tell the person who clicked. */
export async function cancelInterview(ports: SchedulingPorts, context: InterviewContext, actorSlackUserId: string): Promise<string> {
  const records = createInterviewRecords(ports.db, ports.ids);
  const { interview } = context;
  switch (statusOf(interview)) {
    case 'cancelled':
      return 'This interview is already cancelled.';
    case 'draft':
    case 'failed':
      return 'This interview was never booked, so there is nothing to cancel.';
    case 'booking':
      return 'Someone is changing this interview right now. Try again in a moment.';
    case 'booked':
      break;
  }
  await watchClaim(ports, interview.id);
  if (!(await records.claim(interview, 'cancelling', ports.clock.now()))) return 'Someone else just changed this interview. Check your latest message from Slotline.';
  const calendarId = interview.calendarId ?? context.organizer?.calendarId;
  try {
    if (!calendarId) throw new AppError('not_found', { message: 'interview without a calendar', userMessage: 'Slotline does not know which calendar holds this event.' });
    await ports.calendars.withAccessToken(interview.organizerEmployeeId, (token) => ports.cronofy.deleteEvent(token, calendarId, interview.id));
  } catch (raw) {
    const error = toAppError(raw);
    ports.logger.warn('cancelling an interview failed', { interviewId: interview.id, code: error.code, error: error.message });
    await records.settle(interview.id, { status: 'booked', statusReason: error.code });
    await records.history(interview.id, 'cancel_failed', actorSlackUserId, { code: error.code });
    return `Slotline could not cancel the interview. ${error.userMessage} It is still booked.`;
  }
  const revision = interview.revision + 1;
  await records.settle(interview.id, { status: 'cancelled', statusReason: null, revision });
  const slot = slotOf(interview);
  await records.history(interview.id, 'cancelled', actorSlackUserId, slot ? { from: { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() } } : undefined);
  await enqueueAnnouncement(ports, { interviewId: interview.id, revision, kind: 'cancelled' });
  return 'Cancelled. The calendar event is deleted and everyone is being told.';
}
