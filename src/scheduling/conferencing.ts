// The join URL: Cronofy assigns it asynchronously and tells us through the event's webhook subscription. If no
// webhook arrives, durable jobs read the event back (readManagedEvents) a few times, then announce without a link.
import { z } from 'zod';
import { conferencingWebhookSchema } from '../cronofy/schemas';
import { AppError } from '../errors';
import { enqueueAnnouncement, latestBookingKind } from './announcements';
import { createInterviewRecords } from './interview-records';
import type { SchedulingPorts } from './ports';
import { toIso } from './slot-time';

export const CONFERENCING_CHECK_JOB = 'interview.conferencing_check';
/** When to look for the join URL ourselves, after booking: the bounded wait before announcing without it. */
export const CONFERENCING_CHECK_DELAYS_MS = [60_000, 120_000, 240_000];

export const conferencingCheckPayloadSchema = z.object({
  interviewId: z.string().min(1),
  revision: z.number().int().positive(),
  check: z.number().int().min(0),
});
export type ConferencingCheckPayload = z.infer<typeof conferencingCheckPayloadSchema>;

export type ConferencingOutcome = { kind: 'assigned'; joinUrl: string; provider: string | null } | { kind: 'failing' } | { kind: 'missing' };

export async function scheduleConferencingCheck(ports: SchedulingPorts, interviewId: string, revision: number, check = 0): Promise<void> {
  const runAt = new Date(ports.clock.now().getTime() + CONFERENCING_CHECK_DELAYS_MS[check]);
  await ports.jobs.enqueue(CONFERENCING_CHECK_JOB, { interviewId, revision, check }, { runAt, uniqueKey: `interview-conferencing:${interviewId}:${revision}:${check}` });
}

/** Records the first word on the conference for the current revision (webhook or poll, whichever comes first). */
export async function recordConferencing(ports: SchedulingPorts, interviewId: string, outcome: ConferencingOutcome, source: 'webhook' | 'poll'): Promise<void> {
  const interview = await ports.db.interview.findUnique({ where: { id: interviewId } });
  if (!interview || interview.status !== 'booked' || interview.conferencingStatus !== 'pending') return;
  const data =
    outcome.kind === 'assigned'
      ? { conferencingStatus: 'assigned', joinUrl: outcome.joinUrl, conferencingProvider: outcome.provider ?? interview.conferencingProvider }
      : { conferencingStatus: outcome.kind };
  const claimed = await ports.db.interview.updateMany({ where: { id: interviewId, revision: interview.revision, status: 'booked', conferencingStatus: 'pending' }, data });
  if (claimed.count !== 1) return;
  await createInterviewRecords(ports.db, ports.ids).history(interviewId, `conferencing_${outcome.kind}`, null, { source, ...(outcome.kind === 'assigned' ? { provider: outcome.provider } : {}) });
  await enqueueAnnouncement(ports, { interviewId, revision: interview.revision, kind: await latestBookingKind(ports.db, interviewId) });
}

/** A verified webhook body from Cronofy for this interview's event. */
export async function handleConferencingWebhook(ports: SchedulingPorts, interviewId: string, body: unknown): Promise<void> {
  const parsed = conferencingWebhookSchema.safeParse(body);
  if (!parsed.success) throw new AppError('bad_request', { message: 'conferencing webhook with an unexpected shape', userMessage: 'Unexpected body.', details: { status: 400 } });
  const type = parsed.data.notification?.type;
  const event = parsed.data.event;
  if (event?.event_id !== undefined && event.event_id !== interviewId) {
    ports.logger.warn('conferencing webhook for another event', { interviewId });
    return;
  }
  const joinUrl = event?.conferencing?.join_url ?? event?.meeting_url;
  if (type === 'conferencing_assigned' && joinUrl) {
    await recordConferencing(ports, interviewId, { kind: 'assigned', joinUrl, provider: event?.conferencing?.provider_name ?? null }, 'webhook');
  } else if (type === 'conferencing_failing') {
    await recordConferencing(ports, interviewId, { kind: 'failing' }, 'webhook');
  } else {
    ports.logger.info('ignored a conferencing webhook', { interviewId, type });
  }
}

/** The fallback: read the event back from the organizer's calendar. */
export async function checkConferencing(ports: SchedulingPorts, payload: ConferencingCheckPayload): Promise<void> {
  const interview = await ports.db.interview.findUnique({ where: { id: payload.interviewId } });
  if (!interview || interview.revision !== payload.revision || interview.status !== 'booked' || interview.conferencingStatus !== 'pending') return;
  if (!interview.start || !interview.end || !interview.calendarId) return;
  const day = 24 * 60 * 60_000;
  const calendarId = interview.calendarId;
  const events = await ports.calendars.withAccessToken(interview.organizerEmployeeId, (token) =>
    ports.cronofy.readManagedEvents(token, {
      from: toIso(interview.start!.getTime() - day).slice(0, 10),
      to: toIso(interview.end!.getTime() + 2 * day).slice(0, 10),
      calendarIds: [calendarId],
    }),
  );
  const event = events.find((e) => e.event_id === interview.id && !e.deleted);
  const joinUrl = event?.conferencing?.join_url ?? event?.meeting_url;
  if (joinUrl) return recordConferencing(ports, interview.id, { kind: 'assigned', joinUrl, provider: event?.conferencing?.provider_name ?? null }, 'poll');
  if (payload.check + 1 < CONFERENCING_CHECK_DELAYS_MS.length) return scheduleConferencingCheck(ports, interview.id, interview.revision, payload.check + 1);
  await recordConferencing(ports, interview.id, { kind: 'missing' }, 'poll');
}
