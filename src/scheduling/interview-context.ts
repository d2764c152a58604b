// Everything about one interview that screens and calendar work need: the row, its panel and organizer as people,
// the recruiter's zone and the workspace's working hours. Also the one check of who may change it.
import { AppError } from '../errors';
import type { Workspace } from '../workspaces/workspace-service';
import { canSchedule } from './can-schedule';
import { interviewerIdsOf, type Interview } from './interview-records';
import { loadPerson, type Person } from './panel';
import type { SchedulingPorts } from './ports';
import { workingHoursOf, type Period, type WorkingHours } from './slot-time';
import { isVideoChoice, type VideoChoice } from './video';

export interface InterviewContext {
  interview: Interview;
  workspace: Workspace;
  interviewers: Person[];
  organizer: Person | null;
  video: VideoChoice;
  zone: string;
  hours: WorkingHours;
  recruiterName: string;
}

export const notFound = () =>
  new AppError('not_found', { message: 'interview not found in this workspace', userMessage: 'Slotline cannot find this interview any more. Start again with /schedule-interview.' });

export async function loadInterview(ports: SchedulingPorts, workspace: Workspace, interviewId: string): Promise<Interview> {
  const interview = await ports.db.interview.findUnique({ where: { id: interviewId } });
  if (!interview || interview.workspaceId !== workspace.id) throw notFound();
  return interview;
}

export async function loadInterviewContext(ports: SchedulingPorts, workspace: Workspace, interview: Interview): Promise<InterviewContext> {
  const video = isVideoChoice(interview.conferencingChoice) ? interview.conferencingChoice : 'auto';
  const interviewers: Person[] = [];
  for (const slackUserId of interviewerIdsOf(interview)) {
    const person = await loadPerson(ports.db, workspace, slackUserId, video);
    if (person) interviewers.push(person);
  }
  const organizerRow = await ports.db.employee.findUnique({ where: { id: interview.organizerEmployeeId }, select: { slackUserId: true } });
  const organizer = organizerRow ? await loadPerson(ports.db, workspace, organizerRow.slackUserId, video) : null;
  const recruiter = await ports.db.employee.findUnique({
    where: { workspaceId_slackUserId: { workspaceId: workspace.id, slackUserId: interview.recruiterSlackUserId } },
    select: { realName: true },
  });
  return { interview, workspace, interviewers, organizer, video, zone: interview.timeZone, hours: workingHoursOf(workspace), recruiterName: recruiter?.realName ?? 'a recruiter' };
}

export function slotOf(interview: Pick<Interview, 'start' | 'end'>): Period | null {
  return interview.start && interview.end ? { start: interview.start.getTime(), end: interview.end.getTime() } : null;
}

/** The recruiter, the panel and the organizer may change an interview; so may anyone allowed to schedule. */
export async function assertMayChange(ports: SchedulingPorts, context: Pick<InterviewContext, 'interview' | 'workspace' | 'organizer'>, slackUserId: string): Promise<void> {
  const { interview } = context;
  const involved = [interview.recruiterSlackUserId, context.organizer?.slackUserId, ...interviewerIdsOf(interview)];
  if (involved.includes(slackUserId)) return;
  const permission = await canSchedule(ports, context.workspace.id, slackUserId);
  if (!permission.allowed) {
    throw new AppError('not_permitted', { message: 'someone outside the interview tried to change it', userMessage: 'Only the recruiter, the organizer and the interviewers can change this interview.' });
  }
}
