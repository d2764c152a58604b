// /schedule-interview from start to finish, as the Slack listeners, the conferencing webhook and the jobs call it.
// Listeners ack first (or ack with what submitForm returns) and hand everything else here.
import type { Workspace } from '../workspaces/workspace-service';
import { toAppError } from '../errors';
import { announce, type AnnouncePayload } from './announcements';
import { bookSlot, cancelInterview, showCurrentState } from './booking';
import { canSchedule } from './can-schedule';
import { checkConferencing, handleConferencingWebhook, type ConferencingCheckPayload } from './conferencing';
import { defaultTitle, MAX_INTERVIEWERS, readFormState, validateFields, type FieldErrors, type FormDraft } from './form';
import { assertMayChange, loadInterview, loadInterviewContext } from './interview-context';
import { recoverInterruptedWork, type RecoverPayload } from './interrupted-work';
import { createInterviewRecords, statusOf } from './interview-records';
import { loadPanel, panelErrors, type PanelProblem } from './panel';
import type { SchedulingPorts } from './ports';
import { parsePrefill } from './prefill';
import { showSlots, updateView, widenWindow } from './slot-picker';
import { defaultWindow, isValidZone, parseWorkingDays, safeZone, windowPeriod, workingHoursOf } from './slot-time';
import type { ModalView } from './views/blocks';
import { formView } from './views/form-view';
import { decodeMetadata, fromMinutes, type NudgeOutcome } from './views/metadata';
import { loadingView, messageView, searchingView } from './views/status-views';

/** The parts of a Slack view the listeners pass on. */
export interface ViewInput {
  id: string;
  privateMetadata?: string;
  stateValues?: unknown;
}

/** The view fields of a Slack payload that scheduling reads (view_submission or block_actions in a modal). */
export function viewInputOf(view: { id: string; private_metadata?: string; state?: { values?: unknown } }): ViewInput {
  return { id: view.id, privateMetadata: view.private_metadata, stateValues: view.state?.values };
}

export type ViewAck = { response_action: 'errors'; errors: FieldErrors } | { response_action: 'update'; view: ModalView };

export interface SchedulingService {
  /** After the command's ack: permission, loading modal (within the trigger's 3 s), then the form. */
  openScheduler(input: { workspace: Workspace; slackUserId: string; triggerId: string; text: string }): Promise<{ refused?: string }>;
  /** Validates a submission; the ack carries field errors or the next view, `afterAck` runs after the ack. */
  submitForm(input: { workspace: Workspace; slackUserId: string; view: ViewInput }): Promise<{ ack: ViewAck; afterAck?: () => Promise<void> }>;
  /** Re-checks readiness as interviewers, organizer or video change (or on "Check again"). */
  refreshForm(input: { workspace: Workspace; slackUserId: string; view: ViewInput }): Promise<void>;
  nudge(input: { workspace: Workspace; slackUserId: string; view: ViewInput; employeeId: string }): Promise<void>;
  bookSlot(input: { workspace: Workspace; slackUserId: string; view: ViewInput; slotStart: string }): Promise<void>;
  widenWindow(input: { workspace: Workspace; slackUserId: string; view: ViewInput }): Promise<void>;
  openReschedule(input: { workspace: Workspace; slackUserId: string; triggerId: string; interviewId: string }): Promise<void>;
  /** Returns what to tell the person who clicked Cancel. */
  cancel(input: { workspace: Workspace; slackUserId: string; interviewId: string }): Promise<string>;
  handleConferencingWebhook(interviewId: string, body: unknown): Promise<void>;
  checkConferencing(payload: ConferencingCheckPayload): Promise<void>;
  announce(payload: AnnouncePayload): Promise<void>;
  /** Settles calendar work a crash cut off (see interrupted-work.ts). */
  recoverInterruptedWork(payload: RecoverPayload, job: { attempts: number }): Promise<void>;
}

export function createSchedulingService(ports: SchedulingPorts): SchedulingService {
  // Ports are read on use: the service is built inside the AppContext it works through.
  const records = () => createInterviewRecords(ports.db, ports.ids);

  /** Only the zone: it is read before the form's ack, where loading the recruiter's whole readiness costs time. */
  async function recruiterZone(workspace: Workspace, slackUserId: string): Promise<string> {
    const recruiter = await ports.db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId: workspace.id, slackUserId } }, select: { timeZone: true, deactivatedAt: true } });
    return recruiter && !recruiter.deactivatedAt ? safeZone(recruiter.timeZone) : safeZone(workspace.defaultTimeZone);
  }

  async function problemsFor(workspace: Workspace, slackUserId: string, draft: FormDraft): Promise<PanelProblem[]> {
    if (draft.interviewers.length === 0 || draft.interviewers.length > MAX_INTERVIEWERS) return [];
    return (await loadPanel(ports.db, workspace, { interviewers: draft.interviewers, organizer: draft.organizer, recruiter: slackUserId, video: draft.video })).problems;
  }

  async function renderForm(
    workspace: Workspace,
    slackUserId: string,
    draft: FormDraft,
    nudges: Record<string, NudgeOutcome>,
    options: { notice?: string; problems?: PanelProblem[] } = {},
  ): Promise<ModalView> {
    return formView({
      draft,
      zone: await recruiterZone(workspace, slackUserId),
      hours: workingHoursOf(workspace),
      problems: options.problems ?? (await problemsFor(workspace, slackUserId, draft)),
      nudges,
      canNudge: ports.nudges !== undefined,
      notice: options.notice,
    });
  }

  /** Raw `@name` words from an unescaped command, matched to members by handle (email name) or full name. */
  async function resolveHandles(workspace: Workspace, handles: string[]): Promise<{ ids: string[]; unknown: string[] }> {
    if (handles.length === 0) return { ids: [], unknown: [] };
    const employees = await ports.db.employee.findMany({ where: { workspaceId: workspace.id, deactivatedAt: null }, select: { slackUserId: true, email: true, realName: true } });
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const handle of handles) {
      const wanted = handle.toLowerCase();
      const matches = employees.filter((e) => e.email?.split('@')[0] === wanted || e.realName.toLowerCase() === wanted);
      if (matches.length === 1) ids.push(matches[0].slackUserId);
      else unknown.push(handle);
    }
    return { ids, unknown };
  }

  /** Runs work that updates a modal, turning any failure into a kind message in that modal. */
  async function inModal(workspace: Workspace, viewId: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (raw) {
      const error = toAppError(raw);
      ports.logger.warn('scheduling step failed', { code: error.code, error: error.message });
      await updateView(ports, workspace, viewId, messageView(`:warning: ${error.userMessage}`));
    }
  }

  function formMetadata(view: ViewInput): Record<string, NudgeOutcome> {
    const metadata = decodeMetadata(view.privateMetadata);
    return metadata?.k === 'form' ? { ...metadata.n } : {};
  }

  async function interviewFromView(workspace: Workspace, view: ViewInput) {
    const metadata = decodeMetadata(view.privateMetadata);
    if (metadata?.k !== 'interview') return null;
    const interview = await loadInterview(ports, workspace, metadata.i);
    return { metadata, context: await loadInterviewContext(ports, workspace, interview) };
  }

  async function submitForm({ workspace, slackUserId, view }: { workspace: Workspace; slackUserId: string; view: ViewInput }): Promise<{ ack: ViewAck; afterAck?: () => Promise<void> }> {
    const draft = readFormState(view.stateValues);
    const metadata = decodeMetadata(view.privateMetadata);
    const zone = metadata?.k === 'form' && metadata.z && isValidZone(metadata.z) ? metadata.z : await recruiterZone(workspace, slackUserId);
    const now = ports.clock.now().getTime();
    const { errors, fields } = validateFields(draft, { zone, now });
    const panel =
      draft.interviewers.length > 0 && draft.interviewers.length <= MAX_INTERVIEWERS
        ? await loadPanel(ports.db, workspace, { interviewers: draft.interviewers, organizer: draft.organizer, recruiter: slackUserId, video: draft.video })
        : null;
    // Problems only the recruiter can fix (a guest picked, Meet without Google…) are field errors; problems the
    // person can fix come back as the readiness section with its Nudge buttons.
    const recruiterMustFix = panel?.problems.some((p) => p.nudgeEmployeeId === null) ?? false;
    if (!fields || !panel || recruiterMustFix) return { ack: { response_action: 'errors', errors: { ...panelErrors(panel?.problems ?? []), ...errors } } };
    if (panel.problems.length > 0) {
      const nudges = formMetadata(view);
      const notice = 'Some people are not ready yet. Fix what is listed, then press Find slots again.';
      return { ack: { response_action: 'update', view: await renderForm(workspace, slackUserId, draft, nudges, { notice, problems: panel.problems }) } };
    }
    const permission = await canSchedule(ports, workspace.id, slackUserId);
    if (!permission.allowed) return { ack: { response_action: 'update', view: messageView(permission.message) } };
    const organizer = panel.organizer;
    if (!organizer?.calendarId) return { ack: { response_action: 'errors', errors: { organizer: 'Pick an organizer whose calendar is connected.' } } };

    const period = windowPeriod(fields.window, zone, now);
    const interview = await records().createDraft({
      workspaceId: workspace.id,
      recruiterSlackUserId: slackUserId,
      organizerEmployeeId: organizer.employeeId,
      calendarId: organizer.calendarId,
      candidateName: fields.candidateName,
      candidateEmail: fields.candidateEmail,
      interviewerSlackUserIds: fields.interviewers,
      title: fields.title ?? defaultTitle(fields.candidateName),
      notes: fields.notes,
      durationMinutes: fields.durationMinutes,
      timeZone: zone,
      video: fields.video,
      windowStart: new Date(period.start),
      windowEnd: new Date(period.end),
    });
    return {
      ack: { response_action: 'update', view: searchingView(interview.id) },
      afterAck: () => inModal(workspace, view.id, async () => showSlots(ports, await loadInterviewContext(ports, workspace, interview), view.id)),
    };
  }

  return {
    async openScheduler({ workspace, slackUserId, triggerId, text }) {
      const permission = await canSchedule(ports, workspace.id, slackUserId);
      if (!permission.allowed) return { refused: permission.message };
      const client = await ports.slack.forTeam(workspace.slackTeamId);
      const opened = await client.views.open({ trigger_id: triggerId, view: loadingView() });
      const viewId = opened.view?.id;
      if (!viewId) throw new Error('views.open returned no view id');
      await inModal(workspace, viewId, async () => {
        const prefill = parsePrefill(text);
        const handles = await resolveHandles(workspace, prefill.handles);
        const zone = await recruiterZone(workspace, slackUserId);
        const window = defaultWindow(ports.clock.now().getTime(), zone, parseWorkingDays(workspace.workingDays));
        const draft: FormDraft = {
          candidateName: prefill.candidateName ?? '',
          candidateEmail: prefill.candidateEmail ?? '',
          interviewers: [...new Set([...prefill.interviewerIds, ...handles.ids])].slice(0, MAX_INTERVIEWERS),
          organizer: null,
          duration: prefill.durationText ?? '60',
          windowStart: window.startDate,
          windowEnd: window.endDate,
          video: prefill.video ?? 'auto',
          title: '',
          notes: '',
        };
        const notice = handles.unknown.length ? `Slotline could not tell who ${handles.unknown.map((h) => `@${h}`).join(', ')} is. Pick them under Interviewers.` : undefined;
        await updateView(ports, workspace, viewId, await renderForm(workspace, slackUserId, draft, {}, { notice }));
      });
      return {};
    },

    async submitForm(input) {
      try {
        return await submitForm(input);
      } catch (raw) {
        const error = toAppError(raw);
        ports.logger.error('scheduling form submission failed', { code: error.code, error: error.message });
        return { ack: { response_action: 'update', view: messageView(`:warning: ${error.userMessage}`, { note: 'Nothing was booked. Run /schedule-interview again.' }) } };
      }
    },

    async refreshForm({ workspace, slackUserId, view }) {
      // No hash: a refresh always reflects the state it was sent, and Slack keeps what was typed either way.
      const rendered = await renderForm(workspace, slackUserId, readFormState(view.stateValues), formMetadata(view));
      await updateView(ports, workspace, view.id, rendered);
    },

    async nudge({ workspace, slackUserId, view, employeeId }) {
      const nudges = formMetadata(view);
      const employee = await ports.db.employee.findUnique({ where: { id: employeeId }, select: { workspaceId: true } });
      if (ports.nudges && employee?.workspaceId === workspace.id) {
        try {
          nudges[employeeId] = await ports.nudges.nudgeOne(employeeId, slackUserId);
        } catch (raw) {
          const error = toAppError(raw);
          ports.logger.warn('nudge from the scheduling modal failed', { employeeId, code: error.code, error: error.message });
          nudges[employeeId] = 'failed';
        }
      }
      const rendered = await renderForm(workspace, slackUserId, readFormState(view.stateValues), nudges);
      await updateView(ports, workspace, view.id, rendered);
    },

    async bookSlot({ workspace, slackUserId, view, slotStart }) {
      await inModal(workspace, view.id, async () => {
        const found = await interviewFromView(workspace, view);
        if (!found) return;
        const { metadata, context } = found;
        await assertMayChange(ports, context, slackUserId);
        const shown = (metadata.s ?? []).map(fromMinutes);
        const start = Number(slotStart);
        if (metadata.r !== undefined && metadata.r !== context.interview.revision) return void (await showCurrentState(ports, context, view.id));
        if (!shown.includes(start)) return showSlots(ports, context, view.id, 'That time is no longer on the list. Here are current times.');
        await bookSlot(ports, context, { viewId: view.id, slotStart: start, shownSlots: shown, actorSlackUserId: slackUserId });
      });
    },

    async widenWindow({ workspace, slackUserId, view }) {
      await inModal(workspace, view.id, async () => {
        const found = await interviewFromView(workspace, view);
        if (!found) return;
        await assertMayChange(ports, found.context, slackUserId);
        await widenWindow(ports, found.context, view.id, slackUserId);
      });
    },

    async openReschedule({ workspace, slackUserId, triggerId, interviewId }) {
      const client = await ports.slack.forTeam(workspace.slackTeamId);
      const opened = await client.views.open({ trigger_id: triggerId, view: searchingView(interviewId) });
      const viewId = opened.view?.id;
      if (!viewId) throw new Error('views.open returned no view id');
      await inModal(workspace, viewId, async () => {
        const interview = await loadInterview(ports, workspace, interviewId);
        const context = await loadInterviewContext(ports, workspace, interview);
        await assertMayChange(ports, context, slackUserId);
        if (statusOf(interview) !== 'booked') {
          await updateView(ports, workspace, viewId, messageView(interview.status === 'cancelled' ? 'This interview was cancelled, so there is nothing to move.' : 'This interview is not booked right now, so it cannot be moved.', { interviewId }));
          return;
        }
        // A reschedule searches from now, in the recruiter's zone, like a fresh request.
        const window = defaultWindow(ports.clock.now().getTime(), context.zone, parseWorkingDays(workspace.workingDays));
        const period = windowPeriod(window, context.zone, ports.clock.now().getTime());
        const updated = await records().setWindow(interview.id, { start: new Date(period.start), end: new Date(period.end) });
        await showSlots(ports, { ...context, interview: updated }, viewId);
      });
    },

    async cancel({ workspace, slackUserId, interviewId }) {
      try {
        const interview = await loadInterview(ports, workspace, interviewId);
        const context = await loadInterviewContext(ports, workspace, interview);
        await assertMayChange(ports, context, slackUserId);
        return await cancelInterview(ports, context, slackUserId);
      } catch (raw) {
        const error = toAppError(raw);
        ports.logger.warn('cancel failed', { interviewId, code: error.code, error: error.message });
        return error.userMessage;
      }
    },

    handleConferencingWebhook: (interviewId, body) => handleConferencingWebhook(ports, interviewId, body),
    checkConferencing: (payload) => checkConferencing(ports, payload),
    announce: (payload) => announce(ports, payload),
    recoverInterruptedWork: (payload, job) => recoverInterruptedWork(ports, payload, job),
  };
}
