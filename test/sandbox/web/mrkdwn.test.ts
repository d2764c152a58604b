import { mrkdwn } from './web-modules';

const users = { U0DEMOEM1: { id: 'U0DEMOEM1', name: 'emil', realName: 'Emil Engineer' } };

describe('mrkdwn for the sandbox page', () => {
  it('renders Slack’s inline styles at word edges only', () => {
    expect(mrkdwn.renderMrkdwn('*bold* _italic_ ~gone~ `a*b*c`')).toBe('<strong>bold</strong> <em>italic</em> <del>gone</del> <code class="bk-code">a*b*c</code>');
    expect(mrkdwn.renderMrkdwn('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(mrkdwn.renderMrkdwn('* not bold *')).toBe('* not bold *');
    expect(mrkdwn.renderMrkdwn('*_both_*')).toBe('<strong><em>both</em></strong>');
  });

  it('escapes everything the app wrote and decodes Slack’s own entities once', () => {
    expect(mrkdwn.renderMrkdwn('<script>alert(1)</script>')).not.toContain('<script>');
    expect(mrkdwn.renderMrkdwn('Tom &amp; Jerry &lt;3 "quoted"')).toBe('Tom &amp; Jerry &lt;3 &quot;quoted&quot;');
    expect(mrkdwn.renderMrkdwn('<javascript:alert(1)|click>')).toBe('click');
  });

  it('turns links, mentions, channels and special mentions into their Slack rendering', () => {
    expect(mrkdwn.renderMrkdwn('<https://example.com/a?b=1&amp;c=2|the *page*>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the *page*</a>',
    );
    expect(mrkdwn.renderMrkdwn('<mailto:jane@example.com>')).toContain('>jane@example.com</a>');
    expect(mrkdwn.renderMrkdwn('Hi <@U0DEMOEM1> and <@U999|someone>', { users })).toBe(
      'Hi <span class="bk-mention" data-user-id="U0DEMOEM1">@Emil Engineer</span> and <span class="bk-mention" data-user-id="U999">@someone</span>',
    );
    expect(mrkdwn.renderMrkdwn('<#C1|general> <!here> <!subteam^S1|@recruiting>')).toBe(
      '<span class="bk-mention">#general</span> <span class="bk-mention">@here</span> <span class="bk-mention">@recruiting</span>',
    );
  });

  it('shows <!date> tokens in the viewer’s zone', () => {
    // 2025-03-31T08:00:00Z is 10:00 in Berlin (CEST) and 09:00 in London (BST).
    expect(mrkdwn.renderMrkdwn('<!date^1743408000^{time}|8:00 UTC>', { timeZone: 'Europe/Berlin' })).toContain('>10:00</time>');
    expect(mrkdwn.renderMrkdwn('<!date^1743408000^{time}|8:00 UTC>', { timeZone: 'Europe/London' })).toContain('>09:00</time>');
    expect(mrkdwn.renderMrkdwn('<!date^nonsense^{time}|fallback>')).toBe('fallback');
  });

  it('renders emoji shortcodes it knows and leaves the others as typed', () => {
    expect(mrkdwn.renderMrkdwn(':white_check_mark: done :custom_party: at 10:30:00')).toBe('✅ done :custom_party: at 10:30:00');
    expect(mrkdwn.renderMrkdwn(':+1::skin-tone-3:')).toBe('👍');
  });

  it('renders code blocks, quotes and line breaks', () => {
    expect(mrkdwn.renderMrkdwn('```\nline *1*\n<b>```')).toBe('<pre class="bk-pre">line *1*\n&lt;b&gt;</pre>');
    expect(mrkdwn.renderMrkdwn('intro\n&gt; quoted *text*\n&gt; more\nafter')).toBe('intro<blockquote class="bk-quote">quoted <strong>text</strong><br>more</blockquote>after');
  });

  it('renders plain_text without markup but with emoji unless turned off', () => {
    expect(mrkdwn.renderPlainText('*not bold* :wave:\n<b>')).toBe('*not bold* 👋<br>&lt;b&gt;');
    expect(mrkdwn.renderPlainText(':wave:', false)).toBe(':wave:');
  });

  it('shows a visible placeholder for something that is not a text object', () => {
    expect(mrkdwn.renderTextObject({ type: 'markdown', text: 'x' })).toContain('Unsupported text object: <code>markdown</code>');
    expect(mrkdwn.renderTextObject({ type: 'plain_text', text: 'Hi :wave:' })).toBe('Hi 👋');
  });
});
