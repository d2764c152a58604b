// The slot picker: the best slots in the recruiter's zone, each with every interviewer's local time and a Book
// button; or, when nothing fits, why — with a wider search one click away.
import type { Person } from '../panel';
import { ACTIONS, CALLBACKS } from '../slack-ids';
import { formatDate, formatDuration, formatSlot, localStartFor, zoneLabel, type Period } from '../slot-time';
import { VIDEO_LABELS, type VideoChoice } from '../video';
import { button, clip, context, escapeMrkdwn, modal, section, type Block, type ModalView } from './blocks';
import { encodeMetadata, toMinutes } from './metadata';

export interface SlotsViewInput {
  interviewId: string;
  revision: number;
  title: string;
  durationMinutes: number;
  video: VideoChoice;
  interviewers: Person[];
  organizerName: string;
  zone: string;
  searched: Period;
  rescheduling: boolean;
  /** null when nothing fits. */
  slots: Period[] | null;
  reasons?: string[];
  /** A banner above the slots: why they are shown again (slot taken, booking failed…). */
  notice?: string;
  canWiden: boolean;
}

function localTimes(slotStart: number, people: Person[], viewerZone: string): string {
  return people.map((p) => `${escapeMrkdwn(p.name)} ${localStartFor(slotStart, p.timeZone, viewerZone)} ${zoneLabel(p.timeZone)}`).join(' · ');
}

export function slotsView(input: SlotsViewInput): ModalView {
  const panel = input.interviewers.map((p) => `${escapeMrkdwn(p.name)} (${zoneLabel(p.timeZone)})`).join(', ');
  const blocks: Block[] = [
    section(
      `*${escapeMrkdwn(input.title)}*${input.rescheduling ? ' — pick a new time' : ''}\n${formatDuration(input.durationMinutes)} · ${VIDEO_LABELS[input.video]} · organizer ${escapeMrkdwn(input.organizerName)}\nPanel: ${panel}`,
    ),
    context(
      `Searched ${formatDate(input.searched.start, input.zone)} – ${formatDate(input.searched.end - 1, input.zone)}. Times are in your time zone (${zoneLabel(input.zone)}), with each interviewer’s own time below.`,
    ),
  ];
  if (input.notice) blocks.push(section(`:warning: ${input.notice}`));
  if (input.slots && input.slots.length > 0) {
    for (const slot of input.slots) {
      blocks.push(section(`*${formatSlot(slot, input.zone)}*\n${localTimes(slot.start, input.interviewers, input.zone)}`, button({ actionId: ACTIONS.bookSlot, text: input.rescheduling ? 'Move here' : 'Book', value: String(slot.start), style: 'primary' })));
    }
  } else {
    const reasons = (input.reasons ?? []).map((reason) => `• ${escapeMrkdwn(reason)}`).join('\n');
    blocks.push(section(clip(`*Nothing fits in this window.*\n${reasons}`, 3000)));
  }
  if (input.canWiden) {
    blocks.push({ type: 'actions', block_id: 'slot_actions', elements: [button({ actionId: ACTIONS.widerWindow, text: 'Search a wider window' })] });
  } else if (!input.slots?.length) {
    blocks.push(context('This is the widest window Slotline can search at once (35 days). Try a shorter interview, fewer interviewers, or ask the panel to free up time.'));
  }
  return modal({
    callbackId: CALLBACKS.slots,
    title: input.rescheduling ? 'Reschedule interview' : 'Schedule an interview',
    close: 'Close',
    blocks,
    privateMetadata: encodeMetadata({ k: 'interview', i: input.interviewId, r: input.revision, ...(input.slots?.length ? { s: input.slots.map((s) => toMinutes(s.start)) } : {}) }),
  });
}
