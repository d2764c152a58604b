// The /integrations help text: every subcommand with one line on what it does.
export const INTEGRATIONS_SUBCOMMANDS: Array<[usage: string, description: string]> = [
  ['status [@person]', 'who is ready to host interviews, who is not and why (or one person in detail)'],
  ['nudge [@person]', 'remind everyone missing something, or DM one person now'],
  ['test @person [--live]', 'which interview methods a person can host right now (--live creates and deletes a test event)'],
  ['export', 'a CSV of every person\'s state, sent to your DM with Slotline'],
  ['enterprise', 'link Enterprise Connect once for the whole company'],
  ['settings', 'conferencing providers, reminder cadence, working hours'],
  ['admins add|remove|list [@person]', 'who may run these commands'],
  ['recruiters add|remove|list|group|everyone [@person | @group]', 'who may run /schedule-interview'],
  ['help', 'this list'],
];

export function helpText(): string {
  return ['*Slotline admin commands*', ...INTEGRATIONS_SUBCOMMANDS.map(([usage, description]) => `• \`/integrations ${usage}\` — ${description}`)].join('\n');
}

export function unknownSubcommandText(subcommand: string): string {
  const shown = subcommand.replace(/[`<>&]/g, '').slice(0, 40);
  return `I don't know \`/integrations ${shown}\`. Here is what I can do:\n\n${helpText()}`;
}
