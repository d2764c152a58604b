// Reads `/integrations` text: the subcommand, escaped user and user-group mentions, --flags and plain words.
// The manifest sets should_escape, so Slack sends mentions as <@U123|name> and <!subteam^S123|@handle>.

export interface ParsedCommand {
  subcommand: string;
  /** Words after the subcommand that are neither mentions nor flags, lowercased. */
  words: string[];
  users: string[];
  groups: string[];
  flags: string[];
  /** `@name` typed as plain text (Slack did not turn it into a mention): we cannot tell who it is. */
  plainMentions: string[];
}

const USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const GROUP = /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/;
const BARE_USER_ID = /^[UW][A-Z0-9]{6,}$/;

export function parseCommand(text: string): ParsedCommand {
  // A display name inside a mention may contain spaces: tokenise mentions whole.
  const tokens = text.trim().match(/<[^>]*>|\S+/g) ?? [];
  const parsed: ParsedCommand = { subcommand: '', words: [], users: [], groups: [], flags: [], plainMentions: [] };
  tokens.forEach((token, index) => {
    const user = USER.exec(token)?.[1] ?? (BARE_USER_ID.test(token) ? token : undefined);
    const group = GROUP.exec(token)?.[1];
    if (user) parsed.users.push(user);
    else if (group) parsed.groups.push(group);
    else if (token.startsWith('--')) parsed.flags.push(token.slice(2).toLowerCase());
    else if (token.startsWith('@') && token.length > 1) parsed.plainMentions.push(token);
    else if (index === 0) parsed.subcommand = token.toLowerCase();
    else parsed.words.push(token.toLowerCase());
  });
  parsed.users = [...new Set(parsed.users)];
  parsed.groups = [...new Set(parsed.groups)];
  return parsed;
}
