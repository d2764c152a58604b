import { MODAL_VIEW } from './kitchen-sink';
import { blockState, zonedTime, type SlackObject, type StateValues } from './web-modules';

const element = (blockId: string) => (MODAL_VIEW.blocks.find((block) => block.block_id === blockId) as { element: SlackObject }).element;

describe('element values in Slack’s shapes', () => {
  it('turns control values into the state.values entries Slack sends', () => {
    expect(blockState.stateEntry(element('candidate_name'), 'Jane', 'UTC')).toEqual({ type: 'plain_text_input', value: 'Jane' });
    expect(blockState.stateEntry(element('candidate_name'), '', 'UTC')).toEqual({ type: 'plain_text_input', value: null });
    expect(blockState.stateEntry(element('duration'), '60', 'UTC')).toEqual({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: '60 minutes' }, value: '60' } });
    expect(blockState.stateEntry(element('topics'), ['coding'], 'UTC')).toEqual({ type: 'multi_static_select', selected_options: [{ text: { type: 'plain_text', text: 'Coding' }, value: 'coding' }] });
    expect(blockState.stateEntry(element('interviewers'), ['U1', 'U2'], 'UTC')).toEqual({ type: 'multi_users_select', selected_users: ['U1', 'U2'] });
    expect(blockState.stateEntry(element('day'), '2030-02-01', 'UTC')).toEqual({ type: 'datepicker', selected_date: '2030-02-01' });
    expect(blockState.stateEntry(element('earliest'), '08:15', 'UTC')).toEqual({ type: 'timepicker', selected_time: '08:15' });
    expect(blockState.stateEntry(element('video'), 'none', 'UTC')).toEqual({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'No video' }, value: 'none' } });
    expect(blockState.stateEntry(element('extras'), [], 'UTC')).toEqual({ type: 'checkboxes', selected_options: [] });
  });

  it('reads a datetimepicker in the viewer’s zone as epoch seconds', () => {
    // 2030-07-01 09:00 in New York (EDT, UTC−4) is 13:00 UTC.
    expect(blockState.stateEntry(element('deadline'), '2030-07-01T09:00', 'America/New_York')).toEqual({ type: 'datetimepicker', selected_date_time: Date.UTC(2030, 6, 1, 13) / 1000 });
  });

  it('ignores option values the element does not offer', () => {
    expect(blockState.stateEntry(element('duration'), '999', 'UTC')).toEqual({ type: 'static_select', selected_option: null });
  });

  it('gives a block_actions selection without the type', () => {
    expect(blockState.selectionFor(element('day'), '2030-02-01', 'UTC')).toEqual({ selected_date: '2030-02-01' });
  });

  it('shows the state when it matches the element, otherwise the initial value', () => {
    expect(blockState.controlValue(element('duration'), undefined, 'UTC')).toBe('45');
    expect(blockState.controlValue(element('duration'), { type: 'static_select', selected_option: { value: '30' } }, 'UTC')).toBe('30');
    expect(blockState.controlValue(element('duration'), { type: 'plain_text_input', value: 'x' }, 'UTC')).toBe('45');
    expect(blockState.controlValue(element('interviewers'), undefined, 'UTC')).toEqual([]);
  });
});

describe('checks before a modal is submitted', () => {
  const filled: StateValues = {
    candidate_name: { value: { type: 'plain_text_input', value: 'Jane Doe' } },
    candidate_email: { value: { type: 'email_text_input', value: 'jane@example.com' } },
    rounds: { value: { type: 'number_input', value: '2' } },
    interviewers: { value: { type: 'multi_users_select', selected_users: ['U1'] } },
    duration: { value: { type: 'static_select', selected_option: { value: '45' } } },
    day: { value: { type: 'datepicker', selected_date: '2030-01-15' } },
    earliest: { value: { type: 'timepicker', selected_time: '09:00' } },
    video: { value: { type: 'radio_buttons', selected_option: { value: 'zoom' } } },
  };
  const blocks = MODAL_VIEW.blocks as SlackObject[];

  it('passes a complete form, optional inputs left empty', () => {
    expect(blockState.clientSideErrors(blocks, filled)).toEqual({});
  });

  it('asks for every required input that is empty, and only those', () => {
    const { interviewers: _i, video: _v, ...rest } = filled;
    expect(blockState.clientSideErrors(blocks, { ...rest, candidate_name: { value: { type: 'plain_text_input', value: null } } })).toEqual({
      candidate_name: 'Please complete this required field.',
      interviewers: 'Please complete this required field.',
      video: 'Please complete this required field.',
    });
  });

  it('checks lengths, email and URL formats and number ranges as Slack’s client does', () => {
    const errors = blockState.clientSideErrors(blocks, {
      ...filled,
      candidate_name: { value: { type: 'plain_text_input', value: 'J' } },
      candidate_email: { value: { type: 'email_text_input', value: 'not-an-email' } },
      portfolio: { value: { type: 'url_text_input', value: 'example.com' } },
      rounds: { value: { type: 'number_input', value: '1.5' } },
    });
    expect(errors).toEqual({
      candidate_name: 'Please enter at least 2 characters.',
      candidate_email: 'Please enter a valid email address.',
      portfolio: 'Please enter a valid URL, starting with http:// or https://.',
      rounds: 'Please enter a whole number.',
    });
    expect(blockState.clientSideErrors(blocks, { ...filled, rounds: { value: { type: 'number_input', value: '4' } } })).toEqual({ rounds: 'Please enter a number of at most 3.' });
  });
});

describe('wall-clock time in a zone', () => {
  it('converts datetime-local values both ways', () => {
    expect(zonedTime.toLocalInput(Date.UTC(2030, 0, 1, 10) / 1000, 'Europe/Berlin')).toBe('2030-01-01T11:00');
    expect(zonedTime.fromLocalInput('2030-01-01T11:00', 'Europe/Berlin')).toBe(Date.UTC(2030, 0, 1, 10) / 1000);
    expect(zonedTime.fromLocalInput('2030-01-01T11:00', 'Australia/Sydney')).toBe(Date.UTC(2030, 0, 1, 0) / 1000);
    expect(zonedTime.fromLocalInput('not a time', 'UTC')).toBeNull();
  });

  it('handles daylight-saving changes: the repeated hour once, the skipped hour with the earlier offset', () => {
    // Berlin, 27 Oct 2030: 02:30 happens twice; 30 Mar 2030: 02:30 never happens.
    const repeated = zonedTime.fromLocalInput('2030-10-27T02:30', 'Europe/Berlin');
    expect([Date.UTC(2030, 9, 27, 0, 30) / 1000, Date.UTC(2030, 9, 27, 1, 30) / 1000]).toContain(repeated);
    expect(zonedTime.fromLocalInput('2030-03-31T02:30', 'Europe/Berlin')).toBe(Date.UTC(2030, 2, 31, 1, 30) / 1000);
    expect(zonedTime.toLocalInput(Date.UTC(2030, 2, 31, 1, 30) / 1000, 'Europe/Berlin')).toBe('2030-03-31T03:30');
  });
});
