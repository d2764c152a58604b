// The readiness summary as Block Kit fields with a bar per provider: shared by `/integrations status` and the admin's Home.
import { CONFERENCING_LABELS } from '../readiness/providers';
import type { CompanyProvider } from '../readiness/readiness';
import { count, readinessBar } from './bars';
import { fieldSections, type KnownBlock } from './blocks';
import { enterpriseLabel, type EnterpriseState } from './enterprise-state';
import type { ProviderSummary, ReadinessSummary } from './readiness-summary';

export function providerLabel(provider: CompanyProvider): string {
  return provider === 'native' ? "Calendar's own video (Meet / Teams)" : CONFERENCING_LABELS[provider];
}

const bar = (part: number, whole: number) => `\`${readinessBar(part, whole)}\``;

function providerField(tally: ProviderSummary, hosts: number): string {
  const { statuses } = tally;
  if (tally.provider === 'native') {
    return `*${providerLabel('native')}*\n${bar(tally.usable, hosts)}\n${count(tally.usable)} of ${count(hosts)} have it through their calendar`;
  }
  const details = [
    statuses.native ? `${count(statuses.native)} through their calendar` : null,
    statuses.connected ? `${count(statuses.connected)} authorized` : null,
    statuses.pending ? `${count(statuses.pending)} pending` : null,
    statuses.disconnected ? `${count(statuses.disconnected)} disconnected` : null,
    statuses.not_connected ? `${count(statuses.not_connected)} not authorized` : null,
    statuses.unavailable ? `${count(statuses.unavailable)} can't use it` : null,
  ].filter(Boolean);
  return `*${providerLabel(tally.provider)}*\n${bar(tally.usable, hosts)}\n${count(tally.usable)} of ${count(hosts)} can host${details.length ? `\n${details.join(' · ')}` : ''}`;
}

export function summaryFields(summary: ReadinessSummary, enterprise: EnterpriseState): string[] {
  const { hosts, calendar } = summary;
  const calendarsByProvider = calendar.byProvider.slice(0, 6).map((p) => `${p.label} ${count(p.count)}`);
  const calendarNotes = [
    calendar.pending ? `${count(calendar.pending)} pending` : null,
    calendar.disconnected ? `${count(calendar.disconnected)} disconnected` : null,
    calendar.notConnected ? `${count(calendar.notConnected)} not connected` : null,
  ].filter(Boolean);
  return [
    `*Ready to host interviews*\n${bar(summary.ready, hosts)}\n${count(summary.ready)} of ${count(hosts)} people`,
    `*Calendars connected*\n${bar(calendar.connected, hosts)}\n${[calendarsByProvider.join(' · ') || 'None yet', calendarNotes.join(' · ')].filter(Boolean).join('\n')}`,
    ...summary.providers.map((tally) => providerField(tally, hosts)),
    `*Needs attention*\nMissing something: ${count(summary.missing)}\nDisconnected: ${count(summary.disconnected)}\nPending: ${count(summary.pending)}\nOpted out: ${count(summary.optedOut)}`,
    `*Enterprise Connect*\n${enterpriseLabel(enterprise)}\n${count(calendar.viaEnterpriseConnect)} calendars connected through it${enterpriseCountsLine(enterprise)}`,
  ];
}

/** "500 requested · 480 synced · 20 failed (· 3 in progress)" under a linked Enterprise Connect. */
function enterpriseCountsLine(enterprise: EnterpriseState): string {
  const counts = enterprise.counts;
  if (!counts || counts.requested === 0) return '';
  return `\n${count(counts.requested)} requested · ${count(counts.succeeded)} synced · ${count(counts.failed)} failed${counts.pending ? ` · ${count(counts.pending)} in progress` : ''}`;
}

export function summaryBlocks(summary: ReadinessSummary, enterprise: EnterpriseState): KnownBlock[] {
  return fieldSections(summaryFields(summary, enterprise));
}
