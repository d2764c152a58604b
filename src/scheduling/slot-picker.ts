// Searches the interview's window and shows the slot picker (or why nothing fits), and widens the window on request.
import { toAppError } from '../errors';
import type { Workspace } from '../workspaces/workspace-service';
import { searchSlots, type SlotSearch } from './availability';
import type { InterviewContext } from './interview-context';
import { createInterviewRecords } from './interview-records';
import type { SchedulingPorts } from './ports';
import { bestSlots, dateWindowOf, parseWorkingDays, widerWindow, windowPeriod, type DateWindow, type Period } from './slot-time';
import type { ModalView } from './views/blocks';
import { slotsView } from './views/slots-view';
import { messageView, searchingView } from './views/status-views';

export const SLOTS_SHOWN = 12;

/** views.update that never throws: the modal may have been closed meanwhile, which is nobody's error. */
export async function updateView(ports: SchedulingPorts, workspace: Workspace, viewId: string, view: ModalView): Promise<boolean> {
  try {
    const client = await ports.slack.forTeam(workspace.slackTeamId);
    await client.views.update({ view_id: viewId, view });
    return true;
  } catch (error) {
    ports.logger.info('could not update the scheduling modal', { viewId, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

export function dateWindowOfInterview(context: InterviewContext): DateWindow {
  const { interview, zone } = context;
  if (!interview.windowStart || !interview.windowEnd) throw new Error(`interview ${interview.id} has no search window`);
  return dateWindowOf({ start: interview.windowStart.getTime(), end: interview.windowEnd.getTime() }, zone);
}

export function slotSearch(context: InterviewContext, period: Period): SlotSearch {
  return { interviewers: context.interviewers, hours: context.hours, durationMinutes: context.interview.durationMinutes, period };
}

function currentPeriod(ports: SchedulingPorts, context: InterviewContext): Period {
  return windowPeriod(dateWindowOfInterview(context), context.zone, ports.clock.now().getTime());
}

export function renderSlots(context: InterviewContext, input: { slots: Period[] | null; reasons?: string[]; notice?: string; period: Period }): ModalView {
  const { interview } = context;
  return slotsView({
    interviewId: interview.id,
    revision: interview.revision,
    title: interview.title,
    durationMinutes: interview.durationMinutes,
    video: context.video,
    interviewers: context.interviewers,
    organizerName: context.organizer?.name ?? 'unknown',
    zone: context.zone,
    searched: input.period,
    rescheduling: interview.status === 'booked',
    slots: input.slots,
    reasons: input.reasons,
    notice: input.notice,
    canWiden: widerWindow(dateWindowOfInterview(context), parseWorkingDays(context.workspace.workingDays)) !== null,
  });
}

/** Searches and shows the result in the modal; Cronofy failures become a kind message there. */
export async function showSlots(ports: SchedulingPorts, context: InterviewContext, viewId: string, notice?: string): Promise<void> {
  const period = currentPeriod(ports, context);
  let view: ModalView;
  try {
    const result = await searchSlots(ports.cronofy, slotSearch(context, period));
    view =
      result.kind === 'slots'
        ? renderSlots(context, { slots: bestSlots(result.slots, context.zone, SLOTS_SHOWN), notice, period })
        : renderSlots(context, { slots: null, reasons: result.reasons, notice, period });
  } catch (raw) {
    const error = toAppError(raw);
    ports.logger.warn('slot search failed', { interviewId: context.interview.id, code: error.code, error: error.message });
    const note = context.interview.status === 'booked' ? 'Nothing changed: the interview stays at its current time. Try Reschedule again in a moment.' : 'Nothing was booked. Run /schedule-interview again in a moment.';
    view = messageView(`:warning: Slotline could not search for slots. ${error.userMessage}`, { interviewId: context.interview.id, note });
  }
  await updateView(ports, context.workspace, viewId, view);
}

/** Pushes the window five working days further (up to Cronofy's 35 days) and searches again. */
export async function widenWindow(ports: SchedulingPorts, context: InterviewContext, viewId: string, actorSlackUserId: string): Promise<void> {
  const wider = widerWindow(dateWindowOfInterview(context), parseWorkingDays(context.workspace.workingDays));
  if (!wider) return showSlots(ports, context, viewId, 'This is already the widest window Slotline can search.');
  const period = windowPeriod(wider, context.zone, ports.clock.now().getTime());
  const interview = await createInterviewRecords(ports.db, ports.ids).setWindow(context.interview.id, { start: new Date(period.start), end: new Date(period.end) });
  await createInterviewRecords(ports.db, ports.ids).history(interview.id, 'window_widened', actorSlackUserId, { endDate: wider.endDate });
  await updateView(ports, context.workspace, viewId, searchingView(interview.id));
  await showSlots(ports, { ...context, interview }, viewId);
}
