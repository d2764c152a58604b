// Interview rows and their history. Status changes that touch a calendar are claimed with conditional updates,
// so a double click, a retried request or a second replica finds the interview already taken and changes nothing.
import { z } from 'zod';
import type { Db } from '../db/client';
import type { Interview } from '../generated/prisma/sqlite/client';
import type { IdGenerator } from '../platform/ids';
import type { VideoChoice } from './video';

export type { Interview };

export const INTERVIEW_STATUSES = ['draft', 'booking', 'booked', 'cancelled', 'failed'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/** What a claimed interview is being taken for; kept in statusReason while the status is `booking`. */
export type CalendarWork = 'booking' | 'rescheduling' | 'cancelling';

export const HISTORY_ACTIONS = [
  'drafted',
  'window_widened',
  'slot_taken',
  'booked',
  'booking_failed',
  'booking_interrupted',
  'rescheduled',
  'reschedule_failed',
  'reschedule_interrupted',
  'cancelled',
  'cancel_failed',
  'conferencing_assigned',
  'conferencing_failing',
  'conferencing_missing',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

const slackIds = z.array(z.string());

export function interviewerIdsOf(interview: Pick<Interview, 'interviewerSlackUserIds'>): string[] {
  try {
    const parsed = slackIds.safeParse(JSON.parse(interview.interviewerSlackUserIds));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function statusOf(interview: Pick<Interview, 'status'>): InterviewStatus {
  return (INTERVIEW_STATUSES as readonly string[]).includes(interview.status) ? (interview.status as InterviewStatus) : 'failed';
}

export interface DraftInput {
  workspaceId: string;
  recruiterSlackUserId: string;
  organizerEmployeeId: string;
  calendarId: string;
  candidateName: string;
  candidateEmail: string;
  interviewerSlackUserIds: string[];
  title: string;
  notes: string | null;
  durationMinutes: number;
  timeZone: string;
  video: VideoChoice;
  windowStart: Date;
  windowEnd: Date;
}

export function createInterviewRecords(db: Db, ids: IdGenerator) {
  async function history(interviewId: string, action: HistoryAction, actorSlackUserId: string | null, detail?: Record<string, unknown>): Promise<void> {
    await db.interviewHistory.create({
      data: { id: ids.id('ih'), interviewId, action, actorSlackUserId, detail: detail ? JSON.stringify(detail) : null },
    });
  }

  return {
    history,

    async createDraft(input: DraftInput): Promise<Interview> {
      const interview = await db.interview.create({
        data: {
          id: ids.id('int'),
          workspaceId: input.workspaceId,
          recruiterSlackUserId: input.recruiterSlackUserId,
          organizerEmployeeId: input.organizerEmployeeId,
          calendarId: input.calendarId,
          candidateName: input.candidateName,
          candidateEmail: input.candidateEmail,
          interviewerSlackUserIds: JSON.stringify(input.interviewerSlackUserIds),
          title: input.title,
          notes: input.notes,
          durationMinutes: input.durationMinutes,
          timeZone: input.timeZone,
          conferencingChoice: input.video,
          status: 'draft',
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
        },
      });
      await history(interview.id, 'drafted', input.recruiterSlackUserId, { interviewers: input.interviewerSlackUserIds.length, durationMinutes: input.durationMinutes, video: input.video });
      return interview;
    },

    find: (id: string) => db.interview.findUnique({ where: { id } }),

    /** Takes the interview for calendar work; false when someone else already has it or it moved on. */
    async claim(interview: Pick<Interview, 'id' | 'status' | 'revision'>, work: CalendarWork, at: Date): Promise<boolean> {
      const claimed = await db.interview.updateMany({
        where: { id: interview.id, status: interview.status, revision: interview.revision },
        data: { status: 'booking', statusReason: work, claimedAt: at },
      });
      return claimed.count === 1;
    },

    /** Ends calendar work, from `booking` only, so a finished claim is never applied twice. */
    async settle(id: string, data: Partial<Pick<Interview, 'status' | 'statusReason' | 'start' | 'end' | 'calendarId' | 'revision' | 'conferencingProfileId' | 'conferencingStatus' | 'conferencingProvider' | 'joinUrl'>>): Promise<boolean> {
      const updated = await db.interview.updateMany({ where: { id, status: 'booking' }, data });
      return updated.count === 1;
    },

    setWindow: (id: string, window: { start: Date; end: Date }) => db.interview.update({ where: { id }, data: { windowStart: window.start, windowEnd: window.end } }),
  };
}

export type InterviewRecords = ReturnType<typeof createInterviewRecords>;
