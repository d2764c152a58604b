import { escapeCommandText } from '../../src/sandbox/command-text';

const members = [
  { id: 'U0DEMOEM1', name: 'emil' },
  { id: 'U0DEMOREC', name: 'rita' },
];

describe('slash-command text as Slack escapes it', () => {
  it('turns typed @names of members into mentions and leaves unknown ones alone', () => {
    expect(escapeCommandText('nudge @emil @Rita @nobody', members)).toBe('nudge <@U0DEMOEM1|emil> <@U0DEMOREC|rita> @nobody');
    expect(escapeCommandText('status @emil.', members)).toBe('status <@U0DEMOEM1|emil>.');
  });

  it('wraps email addresses and links, and escapes &, < and >', () => {
    expect(escapeCommandText('Jane Doe jane.doe@example.com 45m', members)).toBe('Jane Doe <mailto:jane.doe@example.com|jane.doe@example.com> 45m');
    expect(escapeCommandText('see https://example.com/a?b=1&c=2', members)).toBe('see <https://example.com/a?b=1&amp;c=2>');
    expect(escapeCommandText('R&D <team>', members)).toBe('R&amp;D &lt;team&gt;');
  });
});
