// The callback, block and action ids of the scheduling surfaces. Kept stable: views.update keeps typed input
// only where block_id/action_id stay the same, and listeners are registered on these names.
export const CALLBACKS = {
  form: 'schedule_interview_form',
  status: 'schedule_interview_status',
  slots: 'schedule_interview_slots',
} as const;

export const FORM_BLOCKS = {
  candidateName: 'candidate_name',
  candidateEmail: 'candidate_email',
  interviewers: 'interviewers',
  organizer: 'organizer',
  duration: 'duration',
  windowStart: 'window_start',
  windowEnd: 'window_end',
  video: 'video',
  title: 'title',
  notes: 'notes',
} as const;
export type FormBlock = (typeof FORM_BLOCKS)[keyof typeof FORM_BLOCKS];

export const ACTIONS = {
  /** Plain inputs: their values only arrive with the submission. */
  value: 'value',
  /** Inputs that dispatch block_actions so readiness can be re-checked as the recruiter picks. */
  interviewers: 'schedule_interviewers',
  organizer: 'schedule_organizer',
  video: 'schedule_video',
  checkAgain: 'schedule_check_readiness',
  nudge: 'schedule_nudge',
  bookSlot: 'schedule_book_slot',
  widerWindow: 'schedule_wider_window',
  reschedule: 'interview_reschedule',
  cancel: 'interview_cancel',
  openLink: 'interview_open_link',
} as const;
