// Enterprise Connect as admins see it in Slack: the status with its buttons, and a sync's live progress
// and final summary. Pure; within Block Kit limits (names and reasons from outside are escaped and cut).
import { count, people } from '../admin/bars';
import { button, context, divider, escapeText, header, section, truncate, type Button, type KnownBlock } from '../admin/blocks';
import { progressBlocks, progressText, type ProgressState } from '../admin/progress-message';
import { calendarLabel } from '../readiness/providers';
import { failureReason } from './failure-reasons';

export const ENTERPRISE_ACTIONS = {
  linkPrefix: 'enterprise_link_',
  unlink: 'enterprise_unlink',
  syncAll: 'enterprise_sync_all',
  retryFailed: 'enterprise_retry_failed',
  retryOne: 'enterprise_retry_one',
  refresh: 'enterprise_refresh',
} as const;

/** Every Enterprise Connect button; the link buttons are URL buttons, which Slack still reports (and we ack). */
export const ENTERPRISE_ACTION_PATTERN = /^enterprise_(link_[a-z0-9]+|unlink|sync_all|retry_failed|retry_one|refresh)$/;

export const ENTERPRISE_LINK_CHOICES = [
  { provider: 'google', label: 'Google Workspace' },
  { provider: 'office365', label: 'Microsoft 365' },
  { provider: 'exchange', label: 'Exchange' },
] as const;
export type EnterpriseProviderChoice = (typeof ENTERPRISE_LINK_CHOICES)[number]['provider'];

export type RunKind = 'initial' | 'sync_all' | 'retry_failed';

export interface StatusView {
  state: string;
  domain: string | null;
  provider: string | null;
  linkedAt: Date | null;
  linkedBySlackUserId: string | null;
  reason: string | null;
  counts: { requested: number; succeeded: number; failed: number; pending: number };
  run: { kind: string; done: number; total: number; failed: number } | null;
}

export interface FailureView {
  employeeId: string;
  slackUserId: string;
  errorKey: string | null;
  errorDescription: string | null;
}

const MAX_FAILURES_SHOWN = 10;

function providerName(provider: string | null): string {
  return provider ? calendarLabel(provider) : 'calendar system';
}

export function runTitle(kind: string, domain: string | null): string {
  const where = domain ?? 'the linked domain';
  return kind === 'retry_failed' ? `Retrying failed calendars on ${where}` : `Syncing calendars on ${where}`;
}

export function runStartingMessage(kind: string, domain: string | null): { text: string; blocks: KnownBlock[] } {
  const text = `${runTitle(kind, domain)}: finding who to sync…`;
  return { text, blocks: [section(`*${escapeText(runTitle(kind, domain))}…*\nFinding who to sync. This message shows the progress.`)] };
}

export function runProgressMessage(state: ProgressState): { text: string; blocks: KnownBlock[] } {
  return { text: progressText(state), blocks: progressBlocks(state) };
}

export function failureBreakdown(breakdown: Array<{ errorKey: string | null; count: number }>): string {
  return breakdown
    .sort((a, b) => b.count - a.count)
    .map((entry) => `${count(entry.count)} ${failureReason(entry.errorKey).label}`)
    .join(', ');
}

export function runSummaryMessage(summary: {
  kind: string;
  domain: string | null;
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  breakdown: Array<{ errorKey: string | null; count: number }>;
}): { text: string; blocks: KnownBlock[] } {
  const where = summary.domain ?? 'the linked domain';
  if (summary.total === 0) {
    const text = `Enterprise Connect: nobody on ${where} needed syncing${summary.kind === 'retry_failed' ? ' (no failed calendars to retry)' : ''}.`;
    return { text, blocks: [section(`:white_check_mark: ${escapeText(text)}`)] };
  }
  const icon = summary.failed > 0 ? ':warning:' : ':white_check_mark:';
  const text = `Enterprise Connect sync on ${where} finished: ${count(summary.succeeded)} of ${count(summary.total)} calendars connected, ${count(summary.failed)} failed.`;
  const lines = [`${icon} *${escapeText(text)}*`];
  if (summary.failed > 0) lines.push(`Why: ${failureBreakdown(summary.breakdown)}.`);
  if (summary.cancelled > 0) lines.push(`${people(summary.cancelled)} skipped: they left or are no longer on ${escapeText(where)}.`);
  const blocks: KnownBlock[] = [section(lines.join('\n'))];
  if (summary.failed > 0) {
    blocks.push({
      type: 'actions',
      elements: [button({ actionId: ENTERPRISE_ACTIONS.retryFailed, text: `Retry ${count(summary.failed)} failed`, value: 'retry_failed' }), button({ actionId: ENTERPRISE_ACTIONS.refresh, text: 'Show who failed', value: 'refresh' })],
    });
  }
  return { text, blocks };
}

export function runCancelledMessage(domain: string | null): { text: string; blocks: KnownBlock[] } {
  const text = `Enterprise Connect sync on ${domain ?? 'the linked domain'} stopped: Enterprise Connect was unlinked.`;
  return { text, blocks: [section(`:octagonal_sign: ${escapeText(text)}`)] };
}

function stateLine(status: StatusView): string {
  switch (status.state) {
    case 'active':
      return `:white_check_mark: *Linked* to ${escapeText(providerName(status.provider))} for *${escapeText(status.domain ?? '?')}*${status.linkedBySlackUserId ? ` by <@${status.linkedBySlackUserId}>` : ''}.`;
    case 'broken':
      return `:warning: *Linked but not working*: Cronofy no longer accepts the service account for *${escapeText(status.domain ?? '?')}* (${escapeText((status.reason ?? 'unknown').replace(/_/g, ' '))}). Link it again to repair it.`;
    default:
      return ':white_circle: *Not linked.* An IT admin authorizes the whole calendar system once; everyone on the domain is then synced without signing in themselves.';
  }
}

/** `/integrations enterprise` and the App Home section: state, counts, recent failures and what can be done. */
export function enterpriseStatusBlocks(status: StatusView, failures: FailureView[], linkUrls: Partial<Record<EnterpriseProviderChoice, string>>, options: { withHeader?: boolean } = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (options.withHeader ?? true) blocks.push(header('Enterprise Connect'));
  blocks.push(section(stateLine(status)));
  const linked = status.state === 'active' || status.state === 'broken';
  if (linked) {
    const { requested, succeeded, failed, pending } = status.counts;
    blocks.push(context(`${count(requested)} requested · ${count(succeeded)} synced · ${count(failed)} failed · ${count(pending)} in progress`));
    if (status.run) blocks.push(context(`${escapeText(runTitle(status.run.kind, status.domain))}: ${count(status.run.done)} / ${count(status.run.total)} done, ${count(status.run.failed)} failed so far.`));
  }
  if (failures.length > 0) {
    blocks.push(divider, section(`*Could not sync* (${count(status.counts.failed)})`));
    for (const failure of failures.slice(0, MAX_FAILURES_SHOWN)) {
      const why = failureReason(failure.errorKey).label;
      const detail = failure.errorDescription ? ` — ${escapeText(truncate(failure.errorDescription, 200))}` : '';
      blocks.push(section(`<@${failure.slackUserId}>: ${why}${detail}`, button({ actionId: ENTERPRISE_ACTIONS.retryOne, text: 'Retry', value: failure.employeeId })));
    }
    if (status.counts.failed > MAX_FAILURES_SHOWN) blocks.push(context(`…and ${count(status.counts.failed - MAX_FAILURES_SHOWN)} more. *Retry all failed* retries everyone listed or not.`));
  }
  const actions: Button[] = [];
  if (status.state !== 'active') {
    for (const choice of ENTERPRISE_LINK_CHOICES) {
      const url = linkUrls[choice.provider];
      if (url) actions.push({ ...button({ actionId: `${ENTERPRISE_ACTIONS.linkPrefix}${choice.provider}`, text: `Link ${choice.label}` }), url, ...(actions.length === 0 ? { style: 'primary' as const } : {}) });
    }
  }
  if (status.state === 'active') {
    actions.push(button({ actionId: ENTERPRISE_ACTIONS.syncAll, text: 'Sync all', value: 'sync_all', style: 'primary' }));
    if (status.counts.failed > 0) actions.push(button({ actionId: ENTERPRISE_ACTIONS.retryFailed, text: 'Retry all failed', value: 'retry_failed' }));
  }
  if (linked) {
    actions.push(
      button({
        actionId: ENTERPRISE_ACTIONS.unlink,
        text: 'Unlink',
        value: 'unlink',
        style: 'danger',
        confirm: {
          title: 'Unlink Enterprise Connect?',
          text: 'Slotline revokes the service account. Calendars already connected stay connected; people not yet synced will connect their own.',
          confirm: 'Unlink',
        },
      }),
    );
  }
  if (actions.length > 0) blocks.push({ type: 'actions', elements: actions });
  if (status.state !== 'active') blocks.push(context('The link opens Cronofy’s Enterprise Connect page, where a Google Workspace, Microsoft 365 or Exchange administrator signs in. It works once and expires in 30 minutes.'));
  return blocks;
}

export function enterpriseStatusText(status: StatusView): string {
  if (status.state === 'not_linked') return 'Enterprise Connect is not linked.';
  const { requested, succeeded, failed, pending } = status.counts;
  return `Enterprise Connect (${status.state}) for ${status.domain ?? '?'}: ${requested} requested, ${succeeded} synced, ${failed} failed, ${pending} in progress.`;
}

/**
 * The admin's App Home section: state, counts and the everyday buttons. Linking and unlinking open the full
 * status (Details) in the admin's DM, so the Home tab never carries single-use links that expire unseen.
 */
export function enterpriseHomeBlocks(status: StatusView): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Enterprise Connect'), section(stateLine(status))];
  const { requested, succeeded, failed, pending } = status.counts;
  if (status.state === 'active' || status.state === 'broken') blocks.push(context(`${count(requested)} requested · ${count(succeeded)} synced · ${count(failed)} failed · ${count(pending)} in progress`));
  const actions: Button[] = [];
  if (status.state === 'active') {
    actions.push(button({ actionId: ENTERPRISE_ACTIONS.syncAll, text: 'Sync all', value: 'sync_all' }));
    if (failed > 0) actions.push(button({ actionId: ENTERPRISE_ACTIONS.retryFailed, text: `Retry ${count(failed)} failed`, value: 'retry_failed' }));
  }
  actions.push(button({ actionId: ENTERPRISE_ACTIONS.refresh, text: status.state === 'not_linked' ? 'Set up Enterprise Connect' : 'Details', value: 'refresh', ...(status.state === 'active' ? {} : { style: 'primary' as const }) }));
  blocks.push({ type: 'actions', block_id: 'enterprise-home-actions', elements: actions });
  return blocks;
}
