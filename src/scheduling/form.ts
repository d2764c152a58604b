// The scheduling form's values: read from Slack's view state (zod), and checked field by field (pure).
import { z } from 'zod';
import { ACTIONS, FORM_BLOCKS, type FormBlock } from './slack-ids';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, parseDuration, windowProblems, type DateWindow } from './slot-time';
import { isVideoChoice, type VideoChoice } from './video';

/** What the form holds, as typed (possibly invalid); also what prefills and re-renders use. */
export interface FormDraft {
  candidateName: string;
  candidateEmail: string;
  interviewers: string[];
  organizer: string | null;
  duration: string;
  windowStart: string | null;
  windowEnd: string | null;
  video: VideoChoice;
  title: string;
  notes: string;
}

export interface ValidFields {
  candidateName: string;
  candidateEmail: string;
  interviewers: string[];
  organizer: string | null;
  durationMinutes: number;
  window: DateWindow;
  video: VideoChoice;
  title: string | null;
  notes: string | null;
}

export type FieldErrors = Partial<Record<FormBlock, string>>;

export const MAX_INTERVIEWERS = 10;
export const LIMITS = { candidateName: 100, candidateEmail: 254, title: 150, notes: 2000 } as const;

const text = z.object({ value: z.string().nullish() }).partial();
const state = z.object({
  [FORM_BLOCKS.candidateName]: z.object({ [ACTIONS.value]: text }).partial(),
  [FORM_BLOCKS.candidateEmail]: z.object({ [ACTIONS.value]: text }).partial(),
  [FORM_BLOCKS.interviewers]: z.object({ [ACTIONS.interviewers]: z.object({ selected_users: z.array(z.string()).nullish() }).partial() }).partial(),
  [FORM_BLOCKS.organizer]: z.object({ [ACTIONS.organizer]: z.object({ selected_user: z.string().nullish() }).partial() }).partial(),
  [FORM_BLOCKS.duration]: z.object({ [ACTIONS.value]: text }).partial(),
  [FORM_BLOCKS.windowStart]: z.object({ [ACTIONS.value]: z.object({ selected_date: z.string().nullish() }).partial() }).partial(),
  [FORM_BLOCKS.windowEnd]: z.object({ [ACTIONS.value]: z.object({ selected_date: z.string().nullish() }).partial() }).partial(),
  [FORM_BLOCKS.video]: z.object({ [ACTIONS.video]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }).partial() }).partial(),
  [FORM_BLOCKS.title]: z.object({ [ACTIONS.value]: text }).partial(),
  [FORM_BLOCKS.notes]: z.object({ [ACTIONS.value]: text }).partial(),
});

/** Reads `view.state.values`; anything missing or malformed reads as empty, so validation names it. */
/** Built once: zod compiles a schema on its first parse, so a schema made per call is compiled per call. */
const formState = state.partial();

export function readFormState(values: unknown): FormDraft {
  const parsed = formState.safeParse(values ?? {});
  const v = parsed.success ? parsed.data : {};
  const video = v[FORM_BLOCKS.video]?.[ACTIONS.video]?.selected_option?.value;
  return {
    candidateName: v[FORM_BLOCKS.candidateName]?.[ACTIONS.value]?.value ?? '',
    candidateEmail: v[FORM_BLOCKS.candidateEmail]?.[ACTIONS.value]?.value ?? '',
    interviewers: [...new Set(v[FORM_BLOCKS.interviewers]?.[ACTIONS.interviewers]?.selected_users ?? [])],
    organizer: v[FORM_BLOCKS.organizer]?.[ACTIONS.organizer]?.selected_user ?? null,
    duration: v[FORM_BLOCKS.duration]?.[ACTIONS.value]?.value ?? '',
    windowStart: v[FORM_BLOCKS.windowStart]?.[ACTIONS.value]?.selected_date ?? null,
    windowEnd: v[FORM_BLOCKS.windowEnd]?.[ACTIONS.value]?.selected_date ?? null,
    video: isVideoChoice(video) ? video : 'auto',
    title: v[FORM_BLOCKS.title]?.[ACTIONS.value]?.value ?? '',
    notes: v[FORM_BLOCKS.notes]?.[ACTIONS.value]?.value ?? '',
  };
}

const email = z.email();

/** Field-by-field checks that need no database: each error is keyed by its input block. */
export function validateFields(draft: FormDraft, context: { zone: string; now: number }): { errors: FieldErrors; fields: ValidFields | null } {
  const errors: FieldErrors = {};
  const candidateName = draft.candidateName.trim();
  if (!candidateName) errors.candidate_name = 'Enter the candidate’s name.';
  else if (candidateName.length > LIMITS.candidateName) errors.candidate_name = `Keep the name under ${LIMITS.candidateName} characters.`;

  const candidateEmail = draft.candidateEmail.trim().toLowerCase();
  if (!candidateEmail) errors.candidate_email = 'Enter the candidate’s email address, so they get the invitation.';
  else if (candidateEmail.length > LIMITS.candidateEmail || !email.safeParse(candidateEmail).success) {
    errors.candidate_email = `“${draft.candidateEmail.trim().slice(0, 60)}” is not an email address. Check it, e.g. jane@example.com.`;
  }

  if (draft.interviewers.length === 0) errors.interviewers = 'Pick at least one interviewer.';
  else if (draft.interviewers.length > MAX_INTERVIEWERS) errors.interviewers = `Pick at most ${MAX_INTERVIEWERS} interviewers.`;

  const durationMinutes = parseDuration(draft.duration);
  if (durationMinutes === null) errors.duration = 'Enter a length in minutes, e.g. 45 or 1h30.';
  else if (durationMinutes < MIN_DURATION_MINUTES || durationMinutes > MAX_DURATION_MINUTES) {
    errors.duration = `Interviews last between ${MIN_DURATION_MINUTES} minutes and ${MAX_DURATION_MINUTES / 60} hours; ${durationMinutes} minutes is outside that.`;
  }

  const window = { startDate: draft.windowStart ?? '', endDate: draft.windowEnd ?? '' };
  for (const problem of windowProblems(window, context.zone, context.now)) errors[problem.field] ??= problem.message;

  const title = draft.title.trim();
  if (title.length > LIMITS.title) errors.title = `Keep the title under ${LIMITS.title} characters.`;
  const notes = draft.notes.trim();
  if (notes.length > LIMITS.notes) errors.notes = `Keep the notes under ${LIMITS.notes} characters.`;

  if (Object.keys(errors).length > 0) return { errors, fields: null };
  return {
    errors,
    fields: {
      candidateName,
      candidateEmail,
      interviewers: draft.interviewers,
      organizer: draft.organizer,
      durationMinutes: durationMinutes as number,
      window,
      video: draft.video,
      title: title || null,
      notes: notes || null,
    },
  };
}

export function defaultTitle(candidateName: string): string {
  return `Interview: ${candidateName}`;
}
