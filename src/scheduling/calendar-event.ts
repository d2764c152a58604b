// The Cronofy event an interview becomes: our interview id as event_id (so a retry updates rather than duplicates),
// the candidate and panel invited, the conferencing request, and a webhook for the join URL.
import type { EventUpsert } from '../cronofy/cronofy-gateway';
import type { InterviewContext } from './interview-context';
import { toIso, type Period } from './slot-time';

export function conferencingWebhookUrl(publicUrl: string, interviewId: string): string {
  return `${publicUrl}/cronofy/conferencing/${encodeURIComponent(interviewId)}`;
}

export function interviewEvent(
  context: InterviewContext,
  input: { slot: Period; conferencing: { profile_id: string } | null; publicUrl: string; recruiterName: string },
): EventUpsert {
  const { interview, organizer } = context;
  const invite = [
    { email: interview.candidateEmail, display_name: interview.candidateName },
    // The organizer's own calendar holds the event, so they are not invited to it.
    ...context.interviewers.filter((p) => p.email && p.employeeId !== organizer?.employeeId).map((p) => ({ email: p.email as string, display_name: p.name })),
  ];
  const description = [interview.notes, `Scheduled with Slotline by ${input.recruiterName}.`].filter(Boolean).join('\n\n');
  return {
    event_id: interview.id,
    summary: interview.title,
    description,
    start: toIso(input.slot.start),
    end: toIso(input.slot.end),
    tzid: organizer?.timeZone ?? context.zone,
    attendees: { invite },
    transparency: 'opaque',
    ...(input.conferencing
      ? {
          conferencing: input.conferencing,
          subscriptions: [
            {
              type: 'webhook' as const,
              uri: conferencingWebhookUrl(input.publicUrl, interview.id),
              interactions: [{ type: 'conferencing_assigned' }, { type: 'conferencing_failing' }],
            },
          ],
        }
      : {}),
  };
}
