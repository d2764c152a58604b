import { HOME_VIEW, MESSAGE_BLOCKS, MODAL_VIEW } from './kitchen-sink';
import { blockKit, surfaces, type RenderContext } from './web-modules';

const users = {
  U0DEMOEM1: { id: 'U0DEMOEM1', name: 'emil', realName: 'Emil Engineer' },
  U0DEMOREC: { id: 'U0DEMOREC', name: 'rita', realName: 'Rita Recruiter' },
};
const ctx: RenderContext = {
  idPrefix: 'm1',
  timeZone: 'Europe/Berlin',
  users,
  userList: Object.values(users),
  conversations: [{ id: 'D1', name: 'Direct message with Slotline' }],
};

function countOf(html: string, fragment: string): number {
  return html.split(fragment).length - 1;
}

describe('Block Kit renderer', () => {
  const html = blockKit.renderBlocks(MESSAGE_BLOCKS, ctx);

  it('renders every supported block with its block_id', () => {
    for (const [type, blockId] of [['header', 'hdr'], ['section', 'intro'], ['divider', 'div'], ['actions', 'buttons'], ['context', 'ctx'], ['image', 'img'], ['rich_text', 'rich']]) {
      expect(html).toContain(`class="bk-block bk-${type}" data-block-id="${blockId}"`);
    }
    expect(html).toContain('<h3 class="bk-header-text">Kitchen sink 📆</h3>');
    expect(html).toContain('<div class="bk-field"><strong>Calendar</strong><br>Google</div>');
    expect(html).toContain('<strong>bold</strong>🎉<span class="bk-mention" data-user-id="U0DEMOEM1">@Emil Engineer</span>');
    expect(html).toContain('<ul class="bk-rich-list" data-indent="0"><li>first item</li></ul>');
    expect(html).toContain('<img class="bk-image-img" src="https://example.com/chart.png" alt="Readiness chart"');
  });

  it('shows unsupported blocks and elements as visible placeholders naming their type', () => {
    expect(html).toContain('Unsupported block: <code>video</code>');
    expect(html).toContain('Unsupported element: <code>workflow_button</code>');
    const modal = blockKit.renderBlocks(MODAL_VIEW.blocks, ctx);
    expect(modal).toContain('Unsupported element: <code>file_input</code>');
    expect(blockKit.renderBlock({ type: 'section', block_id: 'x', accessory: { type: 'rich_text_input', action_id: 'y' } }, ctx)).toContain('Unsupported element: <code>rich_text_input</code>');
    expect(blockKit.renderBlocks(['not a block'], ctx)).toContain('Unsupported block: <code>string</code>');
  });

  it('renders buttons with their style, value, url and confirm dialog, ready to send block_actions', () => {
    expect(html).toContain('<button type="button" id="m1-buttons-approve" class="bk-button bk-button--primary" data-bk-value="yes" data-bk-action="approve" data-bk-block="buttons" data-bk-type="button" data-bk-dispatch>Approve</button>');
    expect(html).toContain('data-bk-url="https://example.com/help"');
    expect(html).toContain('<span class="visually-hidden"> (opens in a new tab)</span>');
    expect(html).toMatch(/class="bk-button bk-button--danger"[^>]*data-bk-confirm="\{&quot;title&quot;/);
  });

  it('offers users and conversations selects the directory’s people and conversations', () => {
    expect(html).toMatch(/<select id="m1-buttons-pick_person" class="bk-select" aria-label="Choose a person" [^>]*><option value="" selected>Choose a person<\/option><option value="U0DEMOEM1">Emil Engineer<\/option><option value="U0DEMOREC">Rita Recruiter<\/option><\/select>/);
    expect(html).toContain('<option value="D1">Direct message with Slotline</option>');
  });

  it('shows pickers with their initial values, a datetime in the viewer’s zone', () => {
    expect(html).toContain('type="date" id="m1-buttons-pick_day" class="bk-picker" value="2030-01-15"');
    expect(html).toContain('type="time" id="m1-buttons-pick_time" class="bk-picker" value="09:30"');
    // 1893492000 = 2030-01-01T10:00:00Z = 11:00 in Berlin.
    expect(html).toContain('type="datetime-local" id="m1-buttons-pick_moment" class="bk-picker" value="2030-01-01T11:00"');
  });

  it('renders an overflow menu whose items carry their option values', () => {
    expect(html).toContain('<details class="bk-overflow" data-bk-action="more" data-bk-block="facts" data-bk-type="overflow" data-bk-dispatch>');
    expect(html).toContain('<button type="button" role="menuitem" class="bk-overflow-item" data-bk-option="opt_out">Opt out</button>');
  });

  it('labels every input of a modal and marks which elements dispatch actions', () => {
    const modal = blockKit.renderBlocks(MODAL_VIEW.blocks, { ...ctx, idPrefix: 'v1' });
    expect(modal).toContain('<label class="bk-label" id="v1-candidate_name-value-label" for="v1-candidate_name-value">Candidate name</label>');
    expect(modal).toContain('<label class="bk-label" id="v1-notes-value-label" for="v1-notes-value">Notes <span class="bk-optional">(optional)</span></label>');
    expect(modal).toContain('<textarea class="bk-textarea" rows="4" id="v1-notes-value"');
    expect(modal).toMatch(/<input type="email" class="bk-text-input" value="" id="v1-candidate_email-value" [^>]*aria-describedby="v1-candidate_email-value-hint"/);
    expect(modal).toContain('<input type="number" class="bk-text-input" value="1" inputmode="numeric" step="1" min="1" max="3"');
    expect(modal).toMatch(/<select id="v1-interviewers-value" class="bk-select" aria-labelledby="v1-interviewers-value-label" multiple size="3"/);
    expect(modal).toContain('<optgroup label="Technical"><option value="design">System design</option><option value="coding">Coding</option></optgroup>');
    expect(modal).toContain('<option value="45" selected>45 minutes</option>');
    expect(modal).toMatch(/<div class="bk-label" id="v1-video-value-label">Video<\/div><div id="v1-video-value" class="bk-choices" role="radiogroup" aria-labelledby="v1-video-value-label"/);
    // Fourteen input blocks; the file_input is a placeholder, not a control.
    expect(countOf(modal, 'data-bk-input')).toBe(13);
    expect(modal).not.toContain('data-bk-dispatch');
  });

  it('shows the values a person entered and the errors the app returned under their inputs', () => {
    const modal = blockKit.renderBlocks(MODAL_VIEW.blocks, {
      ...ctx,
      idPrefix: 'v1',
      state: {
        candidate_name: { value: { type: 'plain_text_input', value: 'Jane <Doe>' } },
        duration: { value: { type: 'static_select', selected_option: { value: '60', text: { type: 'plain_text', text: '60 minutes' } } } },
        interviewers: { value: { type: 'multi_users_select', selected_users: ['U0DEMOREC'] } },
        video: { value: { type: 'radio_buttons', selected_option: { value: 'none' } } },
      },
      errors: { candidate_email: 'That address bounced.' },
    });
    expect(modal).toContain('value="Jane &lt;Doe&gt;"');
    expect(modal).toContain('<option value="60" selected>60 minutes</option>');
    expect(modal).toContain('<option value="U0DEMOREC" selected>Rita Recruiter</option>');
    expect(modal).toMatch(/value="none" checked>/);
    expect(modal).toContain('class="bk-block bk-input bk-block--error" data-block-id="candidate_email"');
    expect(modal).toContain('<p class="bk-error" id="v1-candidate_email-value-error" role="alert">That address bounced.</p>');
    expect(modal).toContain('aria-invalid="true"');
    expect(modal).toContain('aria-describedby="v1-candidate_email-value-hint v1-candidate_email-value-error"');
  });

  it('lets an input block dispatch actions when the app asks for it', () => {
    const block = { type: 'input', block_id: 'search', dispatch_action: true, label: { type: 'plain_text', text: 'Search' }, element: { type: 'plain_text_input', action_id: 'q' } };
    expect(blockKit.renderBlock(block, ctx)).toContain('data-bk-dispatch data-bk-input');
  });
});

describe('surfaces', () => {
  it('renders a message with its location, author, time in the viewer’s zone and ephemeral marker', () => {
    const html = surfaces.renderMessage(
      { kind: 'ephemeral', channel: 'D1', ts: '1700000000.000100', text: 'Only *you*', blocks: null, postedAt: Date.UTC(2025, 0, 2, 8, 5), updates: [{}], deleted: false },
      { ...ctx, appName: 'Slotline' },
    );
    expect(html).toContain('data-bk-location="{&quot;channel&quot;:&quot;D1&quot;,&quot;ts&quot;:&quot;1700000000.000100&quot;}"');
    expect(html).toContain('>09:05</time>');
    expect(html).toContain('<span class="msg-ephemeral">Only visible to you</span>');
    expect(html).toContain('<span class="msg-edited">(edited)</span>');
    expect(html).toContain('Only <strong>you</strong>');
  });

  it('links files shared with a message', () => {
    const html = surfaces.renderMessage(
      { kind: 'message', channel: 'D1', ts: '1.2', text: '', blocks: null, postedAt: 0, updates: [], deleted: false, files: [{ id: 'F1', filename: 'status.csv', title: 'Readiness' }] },
      { ...ctx, appName: 'Slotline', fileHref: (id) => `/files/${id}` },
    );
    expect(html).toContain('<a class="msg-file" href="/files/F1" download="status.csv">📎 Readiness</a>');
  });

  it('renders a modal with title, close and submit, and a back arrow when stacked', () => {
    const view = { id: 'V1', type: 'modal' as const, spec: MODAL_VIEW, hash: 'h1', errors: null, stateValues: {} };
    const html = surfaces.renderModal(view, 2, { ...ctx, idPrefix: 'vV1' });
    expect(html).toContain('role="dialog" aria-modal="true" aria-labelledby="vV1-title"');
    expect(html).toContain('data-bk-location="{&quot;viewId&quot;:&quot;V1&quot;}"');
    expect(html).toContain('<h2 id="vV1-title" class="modal-title" tabindex="-1">Book an interview</h2>');
    expect(html).toContain('<button type="submit" class="bk-button bk-button--primary modal-submit">Find slots</button>');
    expect(html).toContain('data-modal-close>Cancel</button>');
    expect(html).toContain('<span class="modal-back" aria-hidden="true">‹</span>');
  });

  it('renders the Home tab, or says the app has not published one', () => {
    const home = { id: 'V2', type: 'home' as const, spec: HOME_VIEW, hash: 'h', errors: null, stateValues: {} };
    expect(surfaces.renderHome(home, { ...ctx, appName: 'Slotline', userId: 'U0DEMOEM1' })).toContain('data-bk-location="{&quot;home&quot;:&quot;U0DEMOEM1&quot;}"');
    expect(surfaces.renderHome(null, { ...ctx, appName: 'Slotline', userId: 'U0DEMOEM1' })).toContain('Slotline has not published a Home tab for you yet.');
  });
});
