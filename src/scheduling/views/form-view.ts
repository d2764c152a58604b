// The scheduling form: readiness problems first (with Nudge buttons), then the inputs with stable block/action ids.
import type { types } from '@slack/bolt';
import type { FormDraft } from '../form';
import { LIMITS, MAX_INTERVIEWERS } from '../form';
import type { PanelProblem } from '../panel';
import { ACTIONS, CALLBACKS, FORM_BLOCKS } from '../slack-ids';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, zoneLabel, type WorkingHours } from '../slot-time';
import { VIDEO_CHOICES, VIDEO_LABELS } from '../video';
import { button, context, escapeMrkdwn, modal, plain, section, type Block, type ModalView } from './blocks';
import { encodeMetadata, type NudgeOutcome } from './metadata';

const MAX_PROBLEMS_SHOWN = 20;

const NUDGE_NOTES: Record<NudgeOutcome, string> = {
  sent: '✉️ _Reminder sent._',
  nothing_missing: '✅ _Slotline sees nothing missing for them any more — press Check again._',
  opted_out: '🚫 _They told Slotline they do not host interviews, so no reminder was sent._',
  failed: '⚠️ _The reminder could not be sent just now. Try Nudge again in a moment._',
};

function input(blockId: string, label: string, element: types.InputBlockElement, options: { optional?: boolean; hint?: string; dispatch?: boolean } = {}): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    ...(options.dispatch ? { dispatch_action: true } : {}),
  };
}

function textInput(value: string, options: { placeholder?: string; multiline?: boolean; maxLength?: number } = {}): types.PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: ACTIONS.value,
    ...(value ? { initial_value: value } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.maxLength ? { max_length: options.maxLength } : {}),
  };
}

function datepicker(date: string | null): types.Datepicker {
  return { type: 'datepicker', action_id: ACTIONS.value, ...(date ? { initial_date: date } : {}) };
}

function readinessBlocks(problems: PanelProblem[], nudges: Record<string, NudgeOutcome>, canNudge: boolean): Block[] {
  if (problems.length === 0) return [];
  const blocks: Block[] = [section('*Before you can book*')];
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) {
    const outcome = problem.nudgeEmployeeId ? nudges[problem.nudgeEmployeeId] : undefined;
    const offerNudge = canNudge && problem.nudgeEmployeeId !== null && (outcome === undefined || outcome === 'failed');
    const text = `⚠️ ${problem.text}${outcome ? `\n${NUDGE_NOTES[outcome]}` : ''}`;
    blocks.push(section(text, offerNudge ? button({ actionId: ACTIONS.nudge, text: 'Nudge', value: problem.nudgeEmployeeId ?? '' }) : undefined));
  }
  if (problems.length > MAX_PROBLEMS_SHOWN) blocks.push(context(`…and ${problems.length - MAX_PROBLEMS_SHOWN} more.`));
  blocks.push({ type: 'actions', block_id: 'readiness_actions', elements: [button({ actionId: ACTIONS.checkAgain, text: 'Check again' })] });
  blocks.push({ type: 'divider' });
  return blocks;
}

export interface FormViewInput {
  draft: FormDraft;
  zone: string;
  hours: WorkingHours;
  problems: PanelProblem[];
  nudges: Record<string, NudgeOutcome>;
  canNudge: boolean;
  /** A line above everything, e.g. @names from the command that matched nobody. */
  notice?: string;
}

export function formView(input_: FormViewInput): ModalView {
  const { draft } = input_;
  const videoOption = (choice: (typeof VIDEO_CHOICES)[number]) => ({ text: plain(VIDEO_LABELS[choice], 75), value: choice });
  const blocks: Block[] = [
    ...(input_.notice ? [context(`:information_source: ${input_.notice}`)] : []),
    ...readinessBlocks(input_.problems, input_.nudges, input_.canNudge),
    input(FORM_BLOCKS.candidateName, 'Candidate name', textInput(draft.candidateName, { placeholder: 'Jane Doe', maxLength: LIMITS.candidateName })),
    input(FORM_BLOCKS.candidateEmail, 'Candidate email', textInput(draft.candidateEmail, { placeholder: 'jane@example.com', maxLength: LIMITS.candidateEmail }), { hint: 'The candidate gets the calendar invitation here.' }),
    input(
      FORM_BLOCKS.interviewers,
      'Interviewers',
      { type: 'multi_users_select', action_id: ACTIONS.interviewers, max_selected_items: MAX_INTERVIEWERS, placeholder: plain('Pick everyone on the panel'), ...(draft.interviewers.length ? { initial_users: draft.interviewers } : {}) },
      { dispatch: true, hint: 'Slots fit everyone, inside each person’s working hours in their own time zone.' },
    ),
    input(
      FORM_BLOCKS.organizer,
      'Organizer',
      { type: 'users_select', action_id: ACTIONS.organizer, placeholder: plain('You, or the first interviewer who can'), ...(draft.organizer ? { initial_user: draft.organizer } : {}) },
      { optional: true, dispatch: true, hint: 'Whose calendar holds the event and sends the invitations. Leave empty for you (or the first interviewer who can host).' },
    ),
    input(FORM_BLOCKS.duration, 'Length', textInput(draft.duration, { placeholder: '45' }), { hint: `Minutes, ${MIN_DURATION_MINUTES}–${MAX_DURATION_MINUTES}, e.g. 45 or 1h30.` }),
    input(FORM_BLOCKS.windowStart, 'Search from', datepicker(draft.windowStart)),
    input(FORM_BLOCKS.windowEnd, 'Search until', datepicker(draft.windowEnd), { hint: 'Up to 35 days. Default: the next five working days.' }),
    input(FORM_BLOCKS.video, 'Video', { type: 'static_select', action_id: ACTIONS.video, options: VIDEO_CHOICES.map(videoOption), initial_option: videoOption(draft.video) }, { dispatch: true }),
    input(FORM_BLOCKS.title, 'Title', textInput(draft.title, { placeholder: draft.candidateName ? `Interview: ${draft.candidateName}` : 'Interview: Jane Doe', maxLength: LIMITS.title }), { optional: true }),
    input(FORM_BLOCKS.notes, 'Notes for the invitation', textInput(draft.notes, { multiline: true, maxLength: LIMITS.notes }), { optional: true }),
    context(
      `Working hours: ${escapeMrkdwn(input_.hours.start)}–${escapeMrkdwn(input_.hours.end)} in each interviewer’s own time zone. You will see times in yours (${escapeMrkdwn(zoneLabel(input_.zone))}).`,
    ),
  ];
  return modal({ callbackId: CALLBACKS.form, title: 'Schedule an interview', submit: 'Find slots', close: 'Cancel', blocks, privateMetadata: encodeMetadata({ k: 'form', n: input_.nudges, z: input_.zone }) });
}
