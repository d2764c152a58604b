// Plays the recruiter through /schedule-interview over real HTTP (Slack simulator → Slotline → Cronofy simulator),
// and reads back what Slack shows: the modal's state, its blocks, its field errors, people's DMs.
import type { MessageRecord, SimRecord, SlackObject, ViewRecord } from '../../src/simulators/slack';
import type { Harness } from '../support/harness';

export const FORM = 'schedule_interview_form';
export const SLOTS = 'schedule_interview_slots';
export const STATUS = 'schedule_interview_status';

/** A clock tests move by hand, shared by Slotline and the Cronofy simulator. */
export function manualClock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    clock: { now: () => new Date(now) },
    cronofyClock: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

export function blockText(view: Pick<ViewRecord, 'spec'>): string {
  return JSON.stringify(view.spec.blocks);
}

/** Waits until the modal shows a given callback_id and (optionally) some text. */
export async function waitForView(harness: Harness, viewId: string, callbackId: string, contains?: string, timeoutMs = 5000): Promise<ViewRecord> {
  const matches = (r: SimRecord): r is ViewRecord => r.kind === 'view' && r.id === viewId && r.spec.callback_id === callbackId && (!contains || blockText(r).includes(contains));
  const current = harness.slack.views().find(matches);
  if (current) return current;
  return harness.slack.waitFor(matches, { timeoutMs });
}

export async function openScheduler(harness: Harness, userId: string, text = ''): Promise<ViewRecord> {
  const opened = await newModal(harness, userId, async () => {
    const result = await harness.slack.slashCommand({ teamId: harness.teamId, userId, command: '/schedule-interview', text });
    expect(result).toMatchObject({ status: 200, ackedInTime: true });
  });
  return waitForView(harness, opened.id, FORM);
}

/** The modal an action opens for someone (views.open), not one they had before. */
export async function newModal(harness: Harness, userId: string, act: () => Promise<unknown>): Promise<ViewRecord> {
  const before = new Set(harness.slack.views().map((v) => v.id));
  await act();
  return harness.slack.waitFor((r): r is ViewRecord => r.kind === 'view' && r.userId === userId && r.type === 'modal' && !before.has(r.id), { timeoutMs: 5000 });
}

export interface FormValues {
  candidateName?: string;
  candidateEmail?: string;
  interviewers?: string[];
  organizer?: string | null;
  duration?: string;
  windowStart?: string;
  windowEnd?: string;
  video?: 'auto' | 'google_meet' | 'ms_teams' | 'zoom' | 'go_to' | 'none';
  title?: string;
  notes?: string;
}

/** Only the given fields are typed in; the rest keep what the modal shows. */
export function formValues(values: FormValues): Record<string, Record<string, SlackObject>> {
  const entries: Record<string, Record<string, SlackObject>> = {};
  const text = (blockId: string, value: string | undefined) => {
    if (value !== undefined) entries[blockId] = { value: { type: 'plain_text_input', value } };
  };
  text('candidate_name', values.candidateName);
  text('candidate_email', values.candidateEmail);
  text('duration', values.duration);
  text('title', values.title);
  text('notes', values.notes);
  if (values.interviewers) entries.interviewers = { schedule_interviewers: { type: 'multi_users_select', selected_users: values.interviewers } };
  if (values.organizer !== undefined) entries.organizer = { schedule_organizer: { type: 'users_select', selected_user: values.organizer } };
  if (values.windowStart) entries.window_start = { value: { type: 'datepicker', selected_date: values.windowStart } };
  if (values.windowEnd) entries.window_end = { value: { type: 'datepicker', selected_date: values.windowEnd } };
  if (values.video) entries.video = { schedule_video: { type: 'static_select', selected_option: { value: values.video } } };
  return entries;
}

export async function submitForm(harness: Harness, userId: string, viewId: string, values: FormValues) {
  return harness.slack.submitView({ userId, viewId, values: formValues(values) });
}

/** Submits a valid form and waits for the slot picker. */
export async function findSlots(harness: Harness, userId: string, values: FormValues, text = ''): Promise<ViewRecord> {
  const form = await openScheduler(harness, userId, text);
  const result = await submitForm(harness, userId, form.id, values);
  expect(result).toMatchObject({ outcome: 'updated' });
  return waitForView(harness, form.id, SLOTS);
}

/** The Book buttons of a slot picker: their slot starts, in order. */
export function slotStarts(view: Pick<ViewRecord, 'spec'>): number[] {
  return (view.spec.blocks as SlackObject[]).flatMap((block) => {
    const accessory = block.accessory as SlackObject | undefined;
    return accessory?.action_id === 'schedule_book_slot' ? [Number(accessory.value)] : [];
  });
}

export function slotTexts(view: Pick<ViewRecord, 'spec'>): string[] {
  return (view.spec.blocks as SlackObject[]).filter((b) => (b.accessory as SlackObject | undefined)?.action_id === 'schedule_book_slot').map((b) => String((b.text as SlackObject).text));
}

export async function clickSlot(harness: Harness, userId: string, viewId: string, start: number) {
  return harness.slack.clickButton({ userId, actionId: 'schedule_book_slot', value: String(start), in: { viewId } });
}

export function interviewDms(harness: Harness, userId: string): MessageRecord[] {
  return harness.slack.dmsTo(userId).filter((m) => /^Interview (booked|moved|cancelled)/.test(m.text));
}

export async function waitForDm(harness: Harness, userId: string, pattern: RegExp, timeoutMs = 5000): Promise<MessageRecord> {
  const found = interviewDms(harness, userId).find((m) => pattern.test(m.text));
  if (found) return found;
  return harness.slack.waitFor((r): r is MessageRecord => r.kind === 'message' && pattern.test(r.text) && harness.slack.dmsTo(userId).includes(r), { timeoutMs });
}

export const iso = (instant: number) => new Date(instant).toISOString();
