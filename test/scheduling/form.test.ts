import { readFormState, validateFields, type FormDraft } from '../../src/scheduling/form';

const NOW = Date.parse('2027-03-10T12:00:00Z');
const valid: FormDraft = {
  candidateName: ' Jane Doe ',
  candidateEmail: 'Jane@Example.com',
  interviewers: ['U1', 'U2'],
  organizer: null,
  duration: '45',
  windowStart: '2027-03-10',
  windowEnd: '2027-03-17',
  video: 'zoom',
  title: '',
  notes: '',
};
const check = (patch: Partial<FormDraft>) => validateFields({ ...valid, ...patch }, { zone: 'Europe/London', now: NOW });

describe('checking the scheduling form field by field', () => {
  it('accepts a complete form and normalises it', () => {
    expect(check({})).toEqual({
      errors: {},
      fields: expect.objectContaining({ candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', durationMinutes: 45, window: { startDate: '2027-03-10', endDate: '2027-03-17' }, title: null }),
    });
  });

  it.each([
    [{ candidateEmail: 'jane.example.com' }, 'candidate_email', /not an email address/],
    [{ candidateEmail: '' }, 'candidate_email', /email address/],
    [{ candidateName: '   ' }, 'candidate_name', /name/],
    [{ interviewers: [] }, 'interviewers', /at least one interviewer/],
    [{ interviewers: Array.from({ length: 11 }, (_, i) => `U${i}`) }, 'interviewers', /at most 10/],
    [{ duration: '10' }, 'duration', /between 15 minutes and 4 hours; 10 minutes/],
    [{ duration: '4h30' }, 'duration', /270 minutes is outside/],
    [{ duration: 'soon' }, 'duration', /minutes, e\.g\. 45/],
    [{ windowStart: '2027-03-01', windowEnd: '2027-03-05' }, 'window_end', /in the past/],
    [{ windowStart: null }, 'window_start', /first day/],
    [{ windowEnd: '2027-05-01' }, 'window_end', /35 days/],
    [{ title: 'x'.repeat(151) }, 'title', /150/],
  ])('refuses %p with a message on %s', (patch, field, message) => {
    const { errors, fields } = check(patch as Partial<FormDraft>);
    expect(fields).toBeNull();
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it('reads Slack’s view state, treating what is missing as empty', () => {
    const state = {
      candidate_name: { value: { type: 'plain_text_input', value: 'Jane' } },
      interviewers: { schedule_interviewers: { type: 'multi_users_select', selected_users: ['U1', 'U1', 'U2'] } },
      video: { schedule_video: { type: 'static_select', selected_option: { value: 'google_meet' } } },
      window_start: { value: { type: 'datepicker', selected_date: '2027-03-10' } },
    };
    expect(readFormState(state)).toEqual({
      candidateName: 'Jane',
      candidateEmail: '',
      interviewers: ['U1', 'U2'],
      organizer: null,
      duration: '',
      windowStart: '2027-03-10',
      windowEnd: null,
      video: 'google_meet',
      title: '',
      notes: '',
    });
    expect(readFormState({ video: { schedule_video: { selected_option: { value: 'skype' } } } }).video).toBe('auto');
  });
});
