// Every block and element the sandbox renders, plus some it does not, as an app would send them (block_id and
// action_id set, as Slack fills them in). Shared by the renderer's unit tests and the browser tests.

export const MESSAGE_BLOCKS = [
  { type: 'header', block_id: 'hdr', text: { type: 'plain_text', text: 'Kitchen sink :calendar:' } },
  {
    type: 'section',
    block_id: 'intro',
    text: { type: 'mrkdwn', text: 'Hi <@U0DEMOEM1>, *please* connect _your_ calendar. See <https://example.com/help|the guide>.' },
    accessory: { type: 'button', action_id: 'open_guide', text: { type: 'plain_text', text: 'Guide' }, url: 'https://example.com/help', value: 'guide' },
  },
  {
    type: 'section',
    block_id: 'facts',
    fields: [
      { type: 'mrkdwn', text: '*Calendar*\nGoogle' },
      { type: 'mrkdwn', text: '*Video*\n:white_check_mark: Zoom' },
    ],
    accessory: {
      type: 'overflow',
      action_id: 'more',
      options: [
        { text: { type: 'plain_text', text: 'Snooze a day' }, value: 'snooze' },
        { text: { type: 'plain_text', text: 'Opt out' }, value: 'opt_out' },
      ],
    },
  },
  { type: 'divider', block_id: 'div' },
  {
    type: 'actions',
    block_id: 'buttons',
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value: 'yes' },
      {
        type: 'button',
        action_id: 'reject',
        text: { type: 'plain_text', text: 'Reject' },
        style: 'danger',
        value: 'no',
        confirm: { title: { type: 'plain_text', text: 'Reject it?' }, text: { type: 'mrkdwn', text: 'This *cannot* be undone.' }, confirm: { type: 'plain_text', text: 'Reject' }, deny: { type: 'plain_text', text: 'Keep it' }, style: 'danger' },
      },
      {
        type: 'static_select',
        action_id: 'pick_provider',
        placeholder: { type: 'plain_text', text: 'Choose a provider' },
        options: [
          { text: { type: 'plain_text', text: 'Zoom' }, value: 'zoom' },
          { text: { type: 'plain_text', text: 'Microsoft Teams' }, value: 'ms_teams' },
        ],
      },
      { type: 'users_select', action_id: 'pick_person', placeholder: { type: 'plain_text', text: 'Choose a person' } },
      { type: 'conversations_select', action_id: 'pick_conversation', placeholder: { type: 'plain_text', text: 'Choose a conversation' } },
      { type: 'datepicker', action_id: 'pick_day', initial_date: '2030-01-15', placeholder: { type: 'plain_text', text: 'Pick a day' } },
      { type: 'timepicker', action_id: 'pick_time', initial_time: '09:30' },
      { type: 'datetimepicker', action_id: 'pick_moment', initial_date_time: 1893492000 },
      { type: 'checkboxes', action_id: 'pick_flags', options: [{ text: { type: 'plain_text', text: 'Remind me' }, value: 'remind' }] },
      { type: 'radio_buttons', action_id: 'pick_one', options: [{ text: { type: 'plain_text', text: 'Morning' }, value: 'am' }, { text: { type: 'plain_text', text: 'Afternoon' }, value: 'pm' }] },
      { type: 'workflow_button', action_id: 'run_workflow', text: { type: 'plain_text', text: 'Run' } },
    ],
  },
  {
    type: 'context',
    block_id: 'ctx',
    elements: [
      { type: 'image', image_url: 'https://example.com/logo.png', alt_text: 'Slotline logo' },
      { type: 'mrkdwn', text: 'Sent by Slotline · ~old~ `v1`' },
    ],
  },
  { type: 'image', block_id: 'img', image_url: 'https://example.com/chart.png', alt_text: 'Readiness chart', title: { type: 'plain_text', text: 'Readiness' } },
  {
    type: 'rich_text',
    block_id: 'rich',
    elements: [
      { type: 'rich_text_section', elements: [{ type: 'text', text: 'Rich ' }, { type: 'text', text: 'bold', style: { bold: true } }, { type: 'emoji', name: 'tada' }, { type: 'user', user_id: 'U0DEMOEM1' }] },
      { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'first item' }] }] },
      { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'code()' }] },
      { type: 'rich_text_quote', elements: [{ type: 'link', url: 'https://example.com', text: 'quoted link' }] },
    ],
  },
  { type: 'video', block_id: 'vid', title: { type: 'plain_text', text: 'Demo' }, video_url: 'https://example.com/v', thumbnail_url: 'https://example.com/t.png', alt_text: 'Demo video' },
];

export const MODAL_VIEW = {
  type: 'modal',
  callback_id: 'kitchen_sink_modal',
  title: { type: 'plain_text', text: 'Book an interview' },
  submit: { type: 'plain_text', text: 'Find slots' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: [
    { type: 'section', block_id: 'lead', text: { type: 'mrkdwn', text: 'Times show in *your* zone.' } },
    { type: 'input', block_id: 'candidate_name', label: { type: 'plain_text', text: 'Candidate name' }, element: { type: 'plain_text_input', action_id: 'value', min_length: 2, placeholder: { type: 'plain_text', text: 'Jane Doe' } } },
    { type: 'input', block_id: 'candidate_email', label: { type: 'plain_text', text: 'Candidate email' }, element: { type: 'email_text_input', action_id: 'value' }, hint: { type: 'plain_text', text: 'They get the invitation.' } },
    { type: 'input', block_id: 'notes', optional: true, label: { type: 'plain_text', text: 'Notes' }, element: { type: 'plain_text_input', action_id: 'value', multiline: true } },
    { type: 'input', block_id: 'portfolio', optional: true, label: { type: 'plain_text', text: 'Portfolio' }, element: { type: 'url_text_input', action_id: 'value' } },
    { type: 'input', block_id: 'rounds', label: { type: 'plain_text', text: 'Rounds' }, element: { type: 'number_input', action_id: 'value', is_decimal_allowed: false, min_value: '1', max_value: '3', initial_value: '1' } },
    { type: 'input', block_id: 'interviewers', label: { type: 'plain_text', text: 'Interviewers' }, element: { type: 'multi_users_select', action_id: 'value', placeholder: { type: 'plain_text', text: 'Choose interviewers' } } },
    {
      type: 'input',
      block_id: 'duration',
      label: { type: 'plain_text', text: 'Duration' },
      element: {
        type: 'static_select',
        action_id: 'value',
        initial_option: { text: { type: 'plain_text', text: '45 minutes' }, value: '45' },
        options: [
          { text: { type: 'plain_text', text: '30 minutes' }, value: '30' },
          { text: { type: 'plain_text', text: '45 minutes' }, value: '45' },
          { text: { type: 'plain_text', text: '60 minutes' }, value: '60' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'topics',
      optional: true,
      label: { type: 'plain_text', text: 'Topics' },
      element: {
        type: 'multi_static_select',
        action_id: 'value',
        option_groups: [{ label: { type: 'plain_text', text: 'Technical' }, options: [{ text: { type: 'plain_text', text: 'System design' }, value: 'design' }, { text: { type: 'plain_text', text: 'Coding' }, value: 'coding' }] }],
      },
    },
    { type: 'input', block_id: 'day', label: { type: 'plain_text', text: 'First day' }, element: { type: 'datepicker', action_id: 'value', initial_date: '2030-01-15' } },
    { type: 'input', block_id: 'earliest', label: { type: 'plain_text', text: 'Earliest start' }, element: { type: 'timepicker', action_id: 'value', initial_time: '09:00' } },
    { type: 'input', block_id: 'deadline', optional: true, label: { type: 'plain_text', text: 'Decide by' }, element: { type: 'datetimepicker', action_id: 'value' } },
    { type: 'input', block_id: 'video', label: { type: 'plain_text', text: 'Video' }, element: { type: 'radio_buttons', action_id: 'value', options: [{ text: { type: 'plain_text', text: 'Zoom' }, value: 'zoom' }, { text: { type: 'plain_text', text: 'No video' }, value: 'none' }] } },
    { type: 'input', block_id: 'extras', optional: true, label: { type: 'plain_text', text: 'Extras' }, element: { type: 'checkboxes', action_id: 'value', options: [{ text: { type: 'mrkdwn', text: '*Notify* the team' }, value: 'notify', description: { type: 'plain_text', text: 'Posts in the DM' } }] } },
    { type: 'input', block_id: 'resume', optional: true, label: { type: 'plain_text', text: 'Résumé' }, element: { type: 'file_input', action_id: 'value' } },
  ],
};

export const HOME_VIEW = {
  type: 'home',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Your Slotline setup' } },
    { type: 'section', text: { type: 'mrkdwn', text: ':calendar: Calendar: *not connected*' }, accessory: { type: 'button', action_id: 'home_connect', text: { type: 'plain_text', text: 'Connect Google Calendar' }, url: 'https://example.com/connect', style: 'primary' } },
  ],
};
