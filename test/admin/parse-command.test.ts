import { parseCommand } from '../../src/admin/parse-command';

describe('parsing /integrations text', () => {
  it('reads the subcommand, escaped mentions and flags', () => {
    const parsed = parseCommand('test <@U0ADA|ada> --live zoom');
    expect(parsed).toMatchObject({ subcommand: 'test', users: ['U0ADA'], flags: ['live'], words: ['zoom'] });
  });

  it('keeps a mention whose display name has spaces in one piece', () => {
    expect(parseCommand('status <@U0ADA|Ada Lovelace>').users).toEqual(['U0ADA']);
  });

  it('reads user groups and bare user ids, without duplicates', () => {
    const parsed = parseCommand('recruiters group <!subteam^S0HIRE|@hiring> <@U0B> U0BBBBB <@U0B>');
    expect(parsed.groups).toEqual(['S0HIRE']);
    expect(parsed.users).toEqual(['U0B', 'U0BBBBB']);
  });

  it('notes @names Slack did not turn into mentions', () => {
    expect(parseCommand('status @ada').plainMentions).toEqual(['@ada']);
  });

  it('lowercases the subcommand and handles empty text', () => {
    expect(parseCommand('  STATUS ').subcommand).toBe('status');
    expect(parseCommand('')).toMatchObject({ subcommand: '', users: [], words: [] });
  });
});
