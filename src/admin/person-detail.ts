// `/integrations status @person`: one person's calendar, each conferencing provider, what is missing and why.
import type { AppContext } from '../app-context';
import type { Employee } from '../generated/prisma/sqlite/client';
import { loadEmployeeReadiness, type EmployeeReadiness } from '../readiness/load-readiness';
import { calendarLabel, CONFERENCING_LABELS } from '../readiness/providers';
import type { CalendarFacts, ConferencingReadiness } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { ADMIN_ACTIONS } from './action-ids';
import { button, context, escapeText, fieldSections, header, section, type KnownBlock } from './blocks';
import { formatInZone } from './format-time';
import { bucketOf, missingLabel, reasonLabel } from './person-status';
import type { AdminReply } from './responder';

const why = (reason: string | null) => (reasonLabel(reason) ? ` (${reasonLabel(reason)})` : '');

export function calendarStatusText(calendar: CalendarFacts): string {
  switch (calendar.state) {
    case 'connected':
      return `✅ ${calendarLabel(calendar.providerName, calendar.providerProtocol)}${calendar.viaEnterpriseConnect ? ' · through Enterprise Connect' : ''}${why(calendar.reason)}`;
    case 'pending':
      return '⏳ Connection pending';
    case 'disconnected':
      return `❌ Disconnected${why(calendar.reason)}`;
    default:
      return '❌ Not connected';
  }
}

export function conferencingStatusText(item: ConferencingReadiness): string {
  switch (item.status) {
    case 'native':
      return '✅ Provided by their calendar';
    case 'connected':
      return '✅ Authorized';
    case 'pending':
      return '⏳ Authorization pending';
    case 'disconnected':
      return `❌ Disconnected${why(item.reason)}`;
    case 'unavailable':
      return `➖ Can't use it${why(item.reason)}`;
    default:
      return '❌ Not authorized';
  }
}

function overview(person: EmployeeReadiness): string {
  const { readiness } = person;
  const bucket = bucketOf(readiness);
  if (bucket === 'opted_out') return `<@${person.slackUserId}> opted out of hosting interviews, so Slotline does not remind them.`;
  if (bucket === 'ready') return `<@${person.slackUserId}> is ready to host interviews.`;
  return `<@${person.slackUserId}> is missing:\n${readiness.missing.map((m) => `• ${missingLabel(m)}`).join('\n')}`;
}

export function personDetailBlocks(person: EmployeeReadiness, viewerTimeZone: string): KnownBlock[] {
  const { calendar, conferencing } = person.readiness;
  const checked = calendar.lastCheckedAt ? `\nLast checked ${formatInZone(calendar.lastCheckedAt, viewerTimeZone)}` : '';
  const fields = [
    `*Calendar*\n${calendarStatusText(calendar)}${checked}`,
    ...conferencing.map((item) => `*${CONFERENCING_LABELS[item.provider]}*\n${conferencingStatusText(item)}`),
    `*Time zone*\n${escapeText(person.timeZone)}`,
  ];
  const blocks: KnownBlock[] = [header(person.realName), section(overview(person)), ...fieldSections(fields)];
  if (bucketOf(person.readiness) === 'missing') {
    blocks.push({
      type: 'actions',
      block_id: 'person-actions',
      elements: [
        button({ actionId: ADMIN_ACTIONS.nudgeOne, text: 'Nudge now', value: person.slackUserId, style: 'primary' }),
        button({ actionId: ADMIN_ACTIONS.resyncOne, text: 'Resync', value: person.slackUserId }),
      ],
    });
  } else {
    blocks.push({ type: 'actions', block_id: 'person-actions', elements: [button({ actionId: ADMIN_ACTIONS.resyncOne, text: 'Resync', value: person.slackUserId })] });
  }
  blocks.push(context(`Times in your time zone (${escapeText(viewerTimeZone)}). \`/integrations test @person\` checks what they can host.`));
  return blocks;
}

export async function personDetail(ctx: Pick<AppContext, 'db'>, workspace: Workspace, employee: Employee, viewerTimeZone: string): Promise<AdminReply> {
  const person = await loadEmployeeReadiness(ctx.db, workspace, employee.id);
  return { text: `${person.realName}: ${person.readiness.ready ? 'ready' : 'not ready'} to host interviews`, blocks: personDetailBlocks(person, viewerTimeZone) };
}
