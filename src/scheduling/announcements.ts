// Telling people: once an interview is booked, moved or cancelled (and its join URL is known), a durable job DMs the
// recruiter and each interviewer in their own zone. One message per person and revision; older ones lose their buttons.
import { z } from 'zod';
import type { Db } from '../db/client';
import { interviewerIdsOf, type Interview } from './interview-records';
import type { SchedulingPorts } from './ports';
import { safeZone, type Period } from './slot-time';
import { interviewMessage, supersededMessage, type AnnouncementKind } from './views/interview-message';

export const ANNOUNCE_JOB = 'interview.announce';

export const announcePayloadSchema = z.object({
  interviewId: z.string().min(1),
  revision: z.number().int().positive(),
  kind: z.enum(['booked', 'rescheduled', 'cancelled']),
});
export type AnnouncePayload = z.infer<typeof announcePayloadSchema>;

export async function enqueueAnnouncement(ports: SchedulingPorts, payload: AnnouncePayload): Promise<void> {
  await ports.jobs.enqueue(ANNOUNCE_JOB, payload, { uniqueKey: `interview-announce:${payload.interviewId}:${payload.revision}` });
}

const slotDetail = z.object({ from: z.object({ start: z.string(), end: z.string() }).optional() });

/** The slot before the latest move or cancellation, from the interview's history. */
async function previousSlot(db: Db, interviewId: string, kind: AnnouncementKind): Promise<Period | null> {
  if (kind === 'booked') return null;
  const entry = await db.interviewHistory.findFirst({ where: { interviewId, action: kind }, orderBy: { at: 'desc' } });
  try {
    const from = slotDetail.safeParse(JSON.parse(entry?.detail ?? '{}')).data?.from;
    return from ? { start: Date.parse(from.start), end: Date.parse(from.end) } : null;
  } catch {
    return null;
  }
}

/** The latest calendar change people are told about: `booked` or `rescheduled` (used when the join URL arrives later). */
export async function latestBookingKind(db: Db, interviewId: string): Promise<'booked' | 'rescheduled'> {
  const entry = await db.interviewHistory.findFirst({ where: { interviewId, action: { in: ['booked', 'rescheduled'] } }, orderBy: { at: 'desc' } });
  return entry?.action === 'rescheduled' ? 'rescheduled' : 'booked';
}

function isPermanentSlackError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'slack_webapi_platform_error';
}

export async function announce(ports: Pick<SchedulingPorts, 'db' | 'ids' | 'logger' | 'slack'>, payload: AnnouncePayload): Promise<void> {
  const { db, logger } = ports;
  const interview = await db.interview.findUnique({ where: { id: payload.interviewId } });
  // A newer change supersedes this announcement; its own job tells people.
  if (!interview || interview.revision !== payload.revision) return;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: interview.workspaceId } });
  const client = await ports.slack.forTeam(workspace.slackTeamId);
  const interviewerIds = interviewerIdsOf(interview);
  const organizer = await db.employee.findUnique({ where: { id: interview.organizerEmployeeId }, select: { slackUserId: true } });
  const previous = await previousSlot(db, interview.id, payload.kind);
  const recipients = [...new Set([interview.recruiterSlackUserId, ...interviewerIds])];
  const actor = payload.kind === 'cancelled' ? ((await db.interviewHistory.findFirst({ where: { interviewId: interview.id, action: 'cancelled' }, orderBy: { at: 'desc' } }))?.actorSlackUserId ?? null) : null;

  for (const slackUserId of recipients) {
    const sent = await db.interviewMessage.findUnique({ where: { interviewId_slackUserId_revision: { interviewId: interview.id, slackUserId, revision: interview.revision } } });
    if (sent) continue;
    const person = await db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId: workspace.id, slackUserId } }, select: { timeZone: true } });
    const message = interviewMessage({
      kind: payload.kind,
      interview,
      recipient: { slackUserId, timeZone: safeZone(person?.timeZone), isRecruiter: slackUserId === interview.recruiterSlackUserId },
      interviewerIds,
      organizerSlackUserId: organizer?.slackUserId ?? null,
      actorSlackUserId: actor,
      previous,
    });
    try {
      const posted = await client.chat.postMessage({ channel: slackUserId, text: message.text, blocks: message.blocks });
      await db.interviewMessage.create({
        data: { id: ports.ids.id('imsg'), interviewId: interview.id, slackUserId, revision: interview.revision, channelId: String(posted.channel), ts: String(posted.ts) },
      });
    } catch (error) {
      // Someone Slack will never let us DM (left, blocked the app) must not hold up everyone else's message.
      if (!isPermanentSlackError(error)) throw error;
      logger.warn('could not DM someone about an interview', { interviewId: interview.id, slackUserId, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    await supersedeOlder(ports, client, interview, slackUserId, payload.kind);
  }
}

async function supersedeOlder(ports: Pick<SchedulingPorts, 'db' | 'logger'>, client: Awaited<ReturnType<SchedulingPorts['slack']['forTeam']>>, interview: Interview, slackUserId: string, kind: AnnouncementKind): Promise<void> {
  const older = await ports.db.interviewMessage.findMany({ where: { interviewId: interview.id, slackUserId, revision: { lt: interview.revision } } });
  for (const message of older) {
    try {
      await client.chat.update({ channel: message.channelId, ts: message.ts, ...supersededMessage(kind) });
    } catch (error) {
      ports.logger.info('could not retire an older interview message', { interviewId: interview.id, error: error instanceof Error ? error.message : String(error) });
    }
    await ports.db.interviewMessage.delete({ where: { id: message.id } });
  }
}
