// Modal states that only say something: loading, searching, booking, booked, cancelled, or why something failed.
import { CALLBACKS } from '../slack-ids';
import { context, modal, section, type ModalView } from './blocks';
import { encodeMetadata } from './metadata';

const TITLE = 'Schedule an interview';

export function messageView(text: string, options: { interviewId?: string; note?: string } = {}): ModalView {
  return modal({
    callbackId: CALLBACKS.status,
    title: TITLE,
    blocks: [section(text), ...(options.note ? [context(options.note)] : [])],
    ...(options.interviewId ? { privateMetadata: encodeMetadata({ k: 'interview', i: options.interviewId }) } : {}),
  });
}

export const loadingView = () => messageView(':hourglass_flowing_sand: Getting the form ready…');

export const searchingView = (interviewId: string) => messageView(':mag: Looking for times that suit everyone…', { interviewId, note: 'This usually takes a few seconds.' });

export const bookingView = (interviewId: string, when: string) => messageView(`:hourglass_flowing_sand: Booking *${when}*…`, { interviewId });

export function bookedView(input: { interviewId: string; title: string; when: string; zoneNote: string; video: string | null; rescheduled: boolean }): ModalView {
  const headline = input.rescheduled ? `:white_check_mark: *Moved* to *${input.when}*` : `:white_check_mark: *Booked* *${input.when}*`;
  const video = input.video ? `You will get a DM with the ${input.video} link as soon as it is ready.` : 'You will get a DM with the details.';
  return modal({
    callbackId: CALLBACKS.status,
    title: TITLE,
    close: 'Done',
    blocks: [section(`${headline}\n${input.title}\n\nThe candidate and the interviewers are invited from the organizer’s calendar. ${video}`), context(input.zoneNote)],
    privateMetadata: encodeMetadata({ k: 'interview', i: input.interviewId }),
  });
}
