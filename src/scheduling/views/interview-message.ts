// The DM each person gets about an interview: the time in their own zone, the join link, Reschedule / Cancel.
import type { Interview } from '../interview-records';
import { ACTIONS } from '../slack-ids';
import { formatSlotForPerson, type Period } from '../slot-time';
import { VIDEO_LABELS, type VideoChoice } from '../video';
import { CONFERENCING_LABELS, isConferencingProvider } from '../../readiness/providers';
import { button, context, escapeMrkdwn, section, type Block } from './blocks';

export type AnnouncementKind = 'booked' | 'rescheduled' | 'cancelled';

export interface MessageInput {
  kind: AnnouncementKind;
  interview: Interview;
  recipient: { slackUserId: string; timeZone: string; isRecruiter: boolean };
  interviewerIds: string[];
  organizerSlackUserId: string | null;
  actorSlackUserId: string | null;
  previous: Period | null;
}

export function videoLabel(interview: Pick<Interview, 'conferencingProvider' | 'conferencingChoice'>): string {
  const provider = interview.conferencingProvider;
  if (provider && isConferencingProvider(provider)) return CONFERENCING_LABELS[provider];
  const choice = interview.conferencingChoice as VideoChoice;
  return choice === 'auto' || choice === 'none' || !(choice in VIDEO_LABELS) ? 'video' : VIDEO_LABELS[choice];
}

function videoLine(interview: Interview): string {
  if (interview.conferencingChoice === 'none') return '*Video:* none (in person or by phone)';
  const label = videoLabel(interview);
  if (interview.joinUrl) return `*Video:* <${interview.joinUrl}|Join the ${label} meeting>`;
  if (interview.conferencingStatus === 'failing') return `*Video:* :warning: ${label} could not create a link for this event. Add one to the calendar event by hand, or reschedule with another video option.`;
  return '*Video:* the link is not ready yet; it will be in the calendar invitation.';
}

const HEADLINES: Record<AnnouncementKind, string> = {
  booked: ':calendar: *Interview booked*',
  rescheduled: ':arrows_counterclockwise: *Interview moved*',
  cancelled: ':x: *Interview cancelled*',
};

export function interviewMessage(input: MessageInput): { text: string; blocks: Block[] } {
  const { interview, recipient, kind } = input;
  const slot = { start: interview.start?.getTime() ?? 0, end: interview.end?.getTime() ?? 0 };
  const when = formatSlotForPerson(kind === 'cancelled' && input.previous ? input.previous : slot, recipient.timeZone);
  const title = escapeMrkdwn(interview.title);
  const panel = input.interviewerIds.map((id) => `<@${id}>`).join(', ');
  const lines = [`${HEADLINES[kind]}: ${title}`];
  if (kind === 'cancelled') {
    lines.push(`*Was:* ${when}`, `Cancelled by <@${input.actorSlackUserId ?? interview.recruiterSlackUserId}>. The calendar event is removed, so the candidate and the panel get the cancellation from the calendar.`);
  } else {
    lines.push(`*When:* ${when}`);
    if (kind === 'rescheduled' && input.previous) lines.push(`*Was:* ~${formatSlotForPerson(input.previous, recipient.timeZone)}~`);
    lines.push(`*Candidate:* ${escapeMrkdwn(interview.candidateName)}${recipient.isRecruiter ? ` (${escapeMrkdwn(interview.candidateEmail)})` : ''}`);
    lines.push(`*Panel:* ${panel}${input.organizerSlackUserId ? ` · organizer <@${input.organizerSlackUserId}>` : ''}`);
    lines.push(videoLine(interview));
    if (interview.notes) lines.push(`*Notes:* ${escapeMrkdwn(interview.notes)}`);
  }
  const blocks: Block[] = [section(lines.join('\n'))];
  if (kind !== 'cancelled') {
    blocks.push({
      type: 'actions',
      block_id: `interview_actions`,
      elements: [
        ...(interview.joinUrl ? [button({ actionId: ACTIONS.openLink, text: 'Join video', url: interview.joinUrl, value: interview.id })] : []),
        button({ actionId: ACTIONS.reschedule, text: 'Reschedule', value: interview.id }),
        button({
          actionId: ACTIONS.cancel,
          text: 'Cancel interview',
          value: interview.id,
          style: 'danger',
          confirm: {
            title: { type: 'plain_text', text: 'Cancel the interview?' },
            text: { type: 'mrkdwn', text: 'The calendar event is deleted and everyone is told.' },
            confirm: { type: 'plain_text', text: 'Cancel it' },
            deny: { type: 'plain_text', text: 'Keep it' },
          },
        }),
      ],
    });
    blocks.push(context(`Scheduled with Slotline by <@${interview.recruiterSlackUserId}>.`));
  }
  const plainWhen = when.replace(/[*~]/g, '');
  const text = kind === 'cancelled' ? `Interview cancelled: ${interview.title} (was ${plainWhen})` : `${kind === 'booked' ? 'Interview booked' : 'Interview moved'}: ${interview.title}, ${plainWhen}`;
  return { text, blocks };
}

/** What an older message turns into once a newer one replaces it: the same text, no buttons. */
export function supersededMessage(kind: AnnouncementKind): { text: string; blocks: Block[] } {
  const why = kind === 'cancelled' ? 'This interview was cancelled — see the newer message below.' : 'This interview was moved — see the newer message below.';
  return { text: why, blocks: [context(`:information_source: ${why}`)] };
}
