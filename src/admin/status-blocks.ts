// The `/integrations status` message: summary with bars, bulk actions, and one page of the people list.
import { count, people } from './bars';
import { ADMIN_ACTIONS } from './action-ids';
import { button, context, divider, escapeText, header, option, section, truncate, type KnownBlock } from './blocks';
import { formatInZone } from './format-time';
import { filterLabel, missingLabel, STATUS_FILTERS, type StatusFilter } from './person-status';
import { summaryBlocks } from './summary-blocks';
import { encodePosition, type PersonLine, type StatusPage, type StatusReport } from './status-report';

/** A row's text stays short whatever is missing, so 20 rows always fit Slack's message size; Details has the rest. */
const ROW_TEXT_MAX = 100;

function personRow(line: PersonLine, filter: StatusFilter): KnownBlock {
  const what = filter === 'opted_out' ? 'opted out of hosting interviews' : escapeText(line.missing.map(missingLabel).join(' · '));
  return section(truncate(`<@${line.slackUserId}>  ${what}`, ROW_TEXT_MAX), {
    type: 'overflow',
    action_id: ADMIN_ACTIONS.statusPerson,
    options: [option('Nudge now', `nudge:${line.slackUserId}`), option('Resync', `resync:${line.slackUserId}`), option('Details', `detail:${line.slackUserId}`)],
  });
}

function filterSelect(report: StatusReport) {
  const shown = STATUS_FILTERS.filter((f) => f === report.filter || report.summary.filters[f] > 0);
  const options = shown.map((f) => option(`${filterLabel(f)} (${count(report.summary.filters[f])})`, f));
  return { type: 'static_select' as const, action_id: ADMIN_ACTIONS.statusFilter, placeholder: { type: 'plain_text' as const, text: 'Show…' }, options, initial_option: options[shown.indexOf(report.filter)] };
}

const EMPTY_PAGE: StatusPage = { page: 1, pages: 1, from: 0, to: 0, total: 0, lines: [] };

export function statusMessage(report: StatusReport, options: { viewerTimeZone: string; now: Date }): { text: string; blocks: KnownBlock[] } {
  const { summary, filter } = report;
  const page = report.page ?? EMPTY_PAGE;
  const blocks: KnownBlock[] = [
    header('Interview readiness'),
    ...summaryBlocks(summary, report.enterprise),
    context(`${people(summary.people)} · as of ${formatInZone(options.now, options.viewerTimeZone)} · \`/integrations status @person\` shows one person`),
  ];
  const bulk = [button({ actionId: ADMIN_ACTIONS.exportCsv, text: 'Export CSV' })];
  if (summary.missing > 0) {
    bulk.unshift(
      button({
        actionId: ADMIN_ACTIONS.nudgeAll,
        text: `Nudge everyone missing something (${count(summary.missing)})`,
        style: 'primary',
        confirm: { title: 'Send reminders?', text: `Slotline will DM ${people(summary.missing)} with what they still need to connect.`, confirm: 'Send reminders' },
      }),
    );
  }
  blocks.push({ type: 'actions', block_id: 'status-bulk', elements: bulk }, divider);

  const position = page.total ? ` · ${count(page.from)}–${count(page.to)} of ${count(page.total)}${page.pages > 1 ? ` · page ${page.page} of ${page.pages}` : ''}` : '';
  blocks.push(section(`*${filterLabel(filter)}*${position}`));
  const navigation = [];
  const select = filterSelect(report);
  if (select.options.length > 1) navigation.push(select);
  if (page.page > 1) navigation.push(button({ actionId: ADMIN_ACTIONS.statusPrevious, text: '◀ Previous', value: encodePosition({ p: page.page - 1, f: filter }) }));
  if (page.page < page.pages) navigation.push(button({ actionId: ADMIN_ACTIONS.statusNext, text: 'Next ▶', value: encodePosition({ p: page.page + 1, f: filter }) }));
  if (navigation.length) blocks.push({ type: 'actions', block_id: 'status-navigation', elements: navigation });

  if (page.lines.length === 0) blocks.push(section(filter === 'missing' ? 'Nobody is missing anything: everyone who hosts interviews is ready. 🎉' : 'Nobody matches this filter right now.'));
  else blocks.push(...page.lines.map((line) => personRow(line, filter)));

  const text = `Interview readiness: ${count(summary.ready)} of ${count(summary.hosts)} ready, ${count(summary.missing)} missing something.`;
  return { text, blocks };
}
