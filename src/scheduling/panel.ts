// Who takes part in an interview and whether they can: interviewers need a connected calendar, the organizer
// also needs to host the chosen video. Problems are named per person with what to do, never found at booking time.
import type { Db } from '../db/client';
import { loadEmployeeReadiness, type EmployeeReadiness } from '../readiness/load-readiness';
import { CONFERENCING_LABELS } from '../readiness/providers';
import type { Workspace } from '../workspaces/workspace-service';
import { safeZone } from './slot-time';
import { hostingFor, providersToCheck, type Hosting, type VideoChoice } from './video';

export interface Person {
  slackUserId: string;
  employeeId: string;
  name: string;
  email: string | null;
  timeZone: string;
  /** Cronofy account id (`sub` in availability queries); null until the calendar is connected. */
  cronofySub: string | null;
  /** The calendar interviews are written into. */
  calendarId: string | null;
  readiness: EmployeeReadiness['readiness'];
}

export interface PanelProblem {
  field: 'interviewers' | 'organizer' | 'video';
  slackUserId: string;
  /** Set when a reminder from Slotline could fix it (the Nudge button). */
  nudgeEmployeeId: string | null;
  /** mrkdwn for the modal's readiness section. */
  text: string;
  /** Plain text for the field error under the input. */
  short: string;
}

export interface Panel {
  interviewers: Person[];
  organizer: Person | null;
  problems: PanelProblem[];
}

/** Readiness evaluated against the providers this video choice needs, rather than the company's list. */
function workspaceFor(workspace: Workspace, video: VideoChoice): Workspace {
  return { ...workspace, conferencingProviders: JSON.stringify(providersToCheck(video)) };
}

export async function loadPerson(db: Db, workspace: Workspace, slackUserId: string, video: VideoChoice = 'none'): Promise<Person | null> {
  const employee = await db.employee.findUnique({
    where: { workspaceId_slackUserId: { workspaceId: workspace.id, slackUserId } },
    include: { calendar: { select: { cronofyAccountId: true, primaryCalendarId: true } } },
  });
  if (!employee || employee.deactivatedAt) return null;
  const { readiness } = await loadEmployeeReadiness(db, workspaceFor(workspace, video), employee.id);
  const connected = readiness.calendar.state === 'connected';
  return {
    slackUserId,
    employeeId: employee.id,
    name: employee.realName,
    email: employee.email,
    timeZone: safeZone(employee.timeZone),
    cronofySub: connected ? (employee.calendar?.cronofyAccountId ?? null) : null,
    calendarId: connected ? (employee.calendar?.primaryCalendarId ?? null) : null,
    readiness,
  };
}

const REASONS: Record<string, string> = {
  authorization_revoked: 'the authorization was revoked',
  authorization_expired: 'the authorization expired',
  provider_credentials_lost: 'the calendar provider stopped accepting Slotline',
  profile_disconnected: 'the calendar provider disconnected it',
  no_calendar_profile: 'no calendar was shared',
};

function calendarProblem(field: PanelProblem['field'], person: Person): PanelProblem | null {
  const { state, reason } = person.readiness.calendar;
  const who = `<@${person.slackUserId}>`;
  if (state === 'connected' && person.cronofySub) return null;
  if (state === 'pending' || state === 'connected') {
    return { field, slackUserId: person.slackUserId, nudgeEmployeeId: null, text: `${who}’s calendar is still being connected. Try again in a minute.`, short: `${person.name}’s calendar is still being connected; try again in a minute.` };
  }
  const why = state === 'disconnected' ? `is disconnected (${REASONS[reason ?? ''] ?? 'it needs relinking'})` : 'is not connected to Slotline yet';
  return {
    field,
    slackUserId: person.slackUserId,
    nudgeEmployeeId: person.employeeId,
    text: `${who}’s calendar ${why}. They need to use the *Connect* button in their Slotline DM.`,
    short: `${person.name}’s calendar ${why}. They need to connect it in Slotline (see above).`,
  };
}

function unknownPerson(field: PanelProblem['field'], slackUserId: string): PanelProblem {
  return {
    field,
    slackUserId,
    nudgeEmployeeId: null,
    text: `<@${slackUserId}> cannot take part: Slotline only books full members of this workspace (not guests, bots or people who left).`,
    short: 'Someone you picked is not a full member of this workspace (guests, bots and people who left cannot take part).',
  };
}

function hostingProblem(organizer: Person, hosting: Extract<Hosting, { ok: false }>, video: VideoChoice): PanelProblem {
  const who = `<@${organizer.slackUserId}>`;
  const provider = hosting.provider ? CONFERENCING_LABELS[hosting.provider] : '';
  if (hosting.reason === 'needs_google') {
    return {
      field: 'video',
      slackUserId: organizer.slackUserId,
      nudgeEmployeeId: null,
      text: `${who} cannot host Google Meet: Meet comes with a Google calendar, and theirs is not one. Pick another organizer or another video option.`,
      short: `${organizer.name} cannot host Google Meet (no Google calendar). Pick another organizer or video option.`,
    };
  }
  if (hosting.reason === 'nothing_to_host') {
    return {
      field: 'video',
      slackUserId: organizer.slackUserId,
      nudgeEmployeeId: organizer.employeeId,
      text: `${who}’s calendar has no built-in video and no Zoom, Teams or GoTo account linked, so Auto would find nothing. Pick *No video* or another organizer, or ask them to link one.`,
      short: `${organizer.name} has no video account Slotline can use. Pick No video or another organizer (see above).`,
    };
  }
  return {
    field: video === 'auto' ? 'video' : 'organizer',
    slackUserId: organizer.slackUserId,
    nudgeEmployeeId: organizer.employeeId,
    text: `${who} has not authorized ${provider} in Slotline yet, so the event cannot get a ${provider} link. Pick another organizer or video option, or ask them to authorize it.`,
    short: `${organizer.name} cannot host ${provider} yet (not authorized). Pick another organizer or video option (see above).`,
  };
}

function organizerProblem(organizer: Person, hosting: Hosting, video: VideoChoice, isInterviewer: boolean): PanelProblem | null {
  const calendar = calendarProblem('organizer', organizer);
  if (calendar && isInterviewer) {
    // Already listed (with its Nudge button) among the interviewers; here it only blocks holding the event.
    return {
      ...calendar,
      nudgeEmployeeId: null,
      text: `<@${organizer.slackUserId}> cannot hold the event until their calendar is connected. Pick another organizer.`,
      short: `${organizer.name} cannot hold the event until their calendar is connected. Pick another organizer.`,
    };
  }
  if (calendar) return calendar;
  if (!organizer.calendarId) {
    return {
      field: 'organizer',
      slackUserId: organizer.slackUserId,
      nudgeEmployeeId: null,
      text: `<@${organizer.slackUserId}> has no calendar Slotline can write to (theirs is read-only). Pick another organizer.`,
      short: `${organizer.name} has no calendar Slotline can write to. Pick another organizer.`,
    };
  }
  return hosting.ok ? null : hostingProblem(organizer, hosting, video);
}

/**
 * Loads the panel and names every problem. The organizer defaults to the recruiter when they can host,
 * otherwise the first interviewer who can.
 */
export async function loadPanel(
  db: Db,
  workspace: Workspace,
  input: { interviewers: string[]; organizer: string | null; recruiter: string; video: VideoChoice },
): Promise<Panel> {
  const problems: PanelProblem[] = [];
  const interviewers: Person[] = [];
  for (const slackUserId of input.interviewers) {
    const person = await loadPerson(db, workspace, slackUserId, input.video);
    if (!person) {
      problems.push(unknownPerson('interviewers', slackUserId));
      continue;
    }
    interviewers.push(person);
    const problem = calendarProblem('interviewers', person);
    if (problem) problems.push(problem);
  }

  const canOrganize = (person: Person | null): person is Person =>
    person !== null && calendarProblem('organizer', person) === null && person.calendarId !== null && hostingFor(input.video, person.readiness).ok;

  let organizer: Person | null = null;
  if (input.organizer) {
    organizer = interviewers.find((p) => p.slackUserId === input.organizer) ?? (await loadPerson(db, workspace, input.organizer, input.video));
    if (!organizer) problems.push(unknownPerson('organizer', input.organizer));
  } else {
    const recruiter = await loadPerson(db, workspace, input.recruiter, input.video);
    organizer = [recruiter, ...interviewers].find(canOrganize) ?? interviewers[0] ?? null;
  }

  if (organizer) {
    const problem = organizerProblem(organizer, hostingFor(input.video, organizer.readiness), input.video, interviewers.includes(organizer));
    if (problem) problems.push(problem);
  }
  return { interviewers, organizer, problems };
}

/** Field errors for a submission: one line per field, naming the people. */
export function panelErrors(problems: PanelProblem[]): Partial<Record<PanelProblem['field'], string>> {
  const errors: Partial<Record<PanelProblem['field'], string>> = {};
  for (const problem of problems) {
    const current = errors[problem.field];
    const next = current ? `${current} ${problem.short}` : problem.short;
    errors[problem.field] = next.length > 480 ? `${next.slice(0, 477)}…` : next;
  }
  return errors;
}
