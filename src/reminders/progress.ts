// The live progress message of an admin's campaign: done/total, failures, time left, then a final summary.
import type { types } from '@slack/bolt';
import type { AppContext } from '../app-context';
import { describeSlackError } from '../onboarding/slack-errors';

type KnownBlock = types.KnownBlock;

/** The first wave of a campaign (sequence 0), counted from the Nudge rows themselves. */
export interface WaveCounts {
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  remaining: number;
}

const PROGRESS_EVERY_MS = 3_000;
/** For the first estimate, before any reminder went out: Slack lets a workspace post a few hundred DMs a minute. */
export const TYPICAL_MS_PER_REMINDER = 200;
const MAX_NAMED_FAILURES = 10;

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return `about ${minutes} min`;
  return `about ${Math.round(minutes / 60)} h`;
}

export function progressMessage(counts: WaveCounts, estimatedMsLeft: number): { text: string; blocks: KnownBlock[] } {
  const done = counts.sent + counts.failed + counts.skipped;
  const parts = [`${done}/${counts.total} done`, `${counts.failed} failed`, counts.remaining > 0 ? `${formatDuration(estimatedMsLeft)} left` : null].filter(Boolean);
  const text = `:mega: Reminding ${counts.total} ${counts.total === 1 ? 'person' : 'people'} who are missing something: ${parts.join(' · ')}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function finalMessage(
  counts: WaveCounts,
  options: { failedSlackUserIds: string[]; unconfirmedSlackUserIds?: string[]; intervalHours: number; maxCount: number },
): { text: string; blocks: KnownBlock[] } {
  if (counts.total === 0) {
    const text = ':white_check_mark: Nobody to remind: everyone is set up or said they do not host interviews.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const text =
    `:white_check_mark: Reminder campaign sent: ${counts.sent} DM${counts.sent === 1 ? '' : 's'} sent, ${counts.failed} failed, ` +
    `${counts.skipped} no longer needed (set up meanwhile, opted out or left).`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (options.failedSlackUserIds.length > 0) {
    const named = options.failedSlackUserIds.slice(0, MAX_NAMED_FAILURES).map((id) => `<@${id}>`);
    const more = options.failedSlackUserIds.length - named.length;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Could not be reached: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}.` }] });
  }
  const unconfirmed = options.unconfirmedSlackUserIds ?? [];
  if (unconfirmed.length > 0) {
    const named = unconfirmed.slice(0, MAX_NAMED_FAILURES).map((id) => `<@${id}>`);
    const more = unconfirmed.length - named.length;
    const who = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    // Reconciliation reads the DM's history (im:history); without it a send cut off mid-way is never repeated.
    const text = `Slack never confirmed the reminder to ${who}, and Slotline could not look in their DM to check. Reinstalling Slotline grants the scope it needs to check next time.`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  if (options.maxCount > 1) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Follow-ups go out every ${options.intervalHours} h in each person’s working hours, at most ${options.maxCount} reminders each, and stop once they are set up.` }],
    });
  }
  return { text, blocks };
}

export async function waveCounts(db: AppContext['db'], campaignId: string, total: number): Promise<WaveCounts> {
  const groups = await db.nudge.groupBy({ by: ['status'], where: { campaignId, sequence: 0 }, _count: { _all: true } });
  const count = (...statuses: string[]) => groups.filter((g) => statuses.includes(g.status)).reduce((sum, g) => sum + g._count._all, 0);
  return { total, sent: count('sent'), failed: count('failed', 'unconfirmed'), skipped: count('skipped', 'cancelled'), remaining: count('scheduled', 'sending') };
}

/** Time left at the rate reminders went out so far (Slack's limits set it), or at a typical rate before the first. */
export function estimateMsLeft(counts: WaveCounts, elapsedMs: number, paceMs: number): number {
  const done = counts.sent + counts.failed + counts.skipped;
  const perReminder = done > 0 ? elapsedMs / done : Math.max(paceMs, TYPICAL_MS_PER_REMINDER);
  return counts.remaining * Math.max(perReminder, paceMs);
}

/**
 * Updates the campaign's counters and progress message at most every few seconds (chat.update is a Tier 3 method,
 * and counting a large campaign after every reminder would cost more than sending it); the final report always.
 */
export async function reportProgress(ctx: AppContext, campaignId: string, options: { final: boolean; paceMs: number }): Promise<void> {
  const now = ctx.clock.now();
  if (!options.final) {
    const due = await ctx.db.nudgeCampaign.updateMany({
      where: { id: campaignId, OR: [{ lastProgressAt: null }, { lastProgressAt: { lt: new Date(now.getTime() - PROGRESS_EVERY_MS) } }] },
      data: { lastProgressAt: now },
    });
    if (due.count === 0) return;
  }
  const campaign = await ctx.db.nudgeCampaign.findUniqueOrThrow({ where: { id: campaignId }, include: { workspace: true } });
  const counts = await waveCounts(ctx.db, campaignId, campaign.total);
  await ctx.db.nudgeCampaign.update({ where: { id: campaignId }, data: { sent: counts.sent, failed: counts.failed } });
  if (!campaign.progressChannelId || !campaign.progressTs) return;
  let message;
  if (options.final) {
    const failed = await ctx.db.nudge.findMany({ where: { campaignId, sequence: 0, status: { in: ['failed', 'unconfirmed'] } }, select: { status: true, employee: { select: { slackUserId: true } } } });
    const named = (status: string) => failed.filter((n) => n.status === status).map((n) => n.employee.slackUserId);
    message = finalMessage(counts, {
      failedSlackUserIds: named('failed'),
      unconfirmedSlackUserIds: named('unconfirmed'),
      intervalHours: campaign.workspace.reminderIntervalHours,
      maxCount: campaign.workspace.reminderMaxCount,
    });
  } else {
    message = progressMessage(counts, estimateMsLeft(counts, now.getTime() - campaign.createdAt.getTime(), options.paceMs));
  }
  try {
    const client = await ctx.slack.forTeam(campaign.workspace.slackTeamId);
    await client.chat.update({ channel: campaign.progressChannelId, ts: campaign.progressTs, ...message });
  } catch (error) {
    // Progress is a courtesy to the admin; the campaign itself goes on.
    ctx.logger.warn('could not update campaign progress', { campaignId, error: describeSlackError(error) });
  }
}
