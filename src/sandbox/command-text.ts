// What Slack does to slash-command text when the command sets should_escape (both of Slotline's do): &, < and > become
// entities, and typed @names, email addresses and links become <@U…|name>, <mailto:…|…> and <…> tokens.

export interface KnownMember {
  id: string;
  /** The handle people type after @. */
  name: string;
}

const TOKEN = /(^|\s)(@[\w-]+(?:\.[\w-]+)*|[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}|https?:\/\/\S+)/g;

function entities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeCommandText(text: string, members: readonly KnownMember[]): string {
  const byName = new Map(members.map((member) => [member.name.toLowerCase(), member]));
  return entities(text).replace(TOKEN, (whole, space: string, token: string) => {
    if (token.startsWith('@')) {
      // Slack's composer only turns a name into a mention when it matches a member; "@nobody" stays plain text.
      const member = byName.get(token.slice(1).toLowerCase());
      return member ? `${space}<@${member.id}|${member.name}>` : whole;
    }
    if (/^https?:\/\//i.test(token)) return `${space}<${token}>`;
    return `${space}<mailto:${token}|${token}>`;
  });
}
