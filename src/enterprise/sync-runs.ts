// A sync run ("initial" after linking, "sync_all", "retry_failed"): plans its people as a durable job, then a
// chain of progress jobs (one after another, so updates never overtake each other) edits the admin's DM in
// place until every request is done, and ends with a summary.
import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '../admin/blocks';
import { estimateSecondsLeft } from '../admin/progress-message';
import { findActiveLink, type CandidateMode } from './coverage';
import { runCancelledMessage, runProgressMessage, runStartingMessage, runSummaryMessage, runTitle, type RunKind } from './enterprise-blocks';
import { planCandidates, scheduleBatches } from './plan-requests';
import { PLAN_RUN_JOB, PROGRESS_JOB } from './job-kinds';
import type { EnterpriseRuntime } from './runtime';

/** Between two edits of the progress message: chat.update is Tier 3 (about 50 a minute per workspace, shared). */
export const PROGRESS_INTERVAL_MS = 5_000;

export const planRunSchema = z.object({ runId: z.string().min(1) });
/** `final`: asked for when a run's last request closed; it finishes the run or does nothing (the tick chain goes on). */
export const progressSchema = z.object({ runId: z.string().min(1), tick: z.number().int().min(0), final: z.boolean().optional() });

const MODES: Record<RunKind, CandidateMode> = { initial: 'all', sync_all: 'all', retry_failed: 'failed' };

export interface RunStart {
  runId: string;
  /** A run of this link was already under way: its progress message keeps reporting, nothing new started. */
  alreadyRunning: boolean;
}

async function slackFor(rt: EnterpriseRuntime, workspaceId: string): Promise<WebClient> {
  return rt.ctx.slack.forTeam((await rt.ctx.workspaces.get(workspaceId)).slackTeamId);
}

export async function startRun(rt: EnterpriseRuntime, linkId: string, kind: RunKind, bySlackUserId: string | null): Promise<RunStart> {
  const { db, ids, logger, jobs } = rt.ctx;
  const existing = await db.enterpriseSyncRun.findFirst({ where: { linkId, status: { in: ['planning', 'running'] } }, select: { id: true, status: true } });
  if (existing) {
    // The progress job notices a finished run within seconds; a new start need not wait for it.
    const counts = existing.status === 'running' ? await countRun(rt, existing.id) : null;
    if (!counts || counts.done < counts.total) return { runId: existing.id, alreadyRunning: true };
    await finishRun(rt, existing.id, 'completed');
  }
  const link = await db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
  const run = await db.enterpriseSyncRun.create({ data: { id: ids.id('ecrun'), linkId, kind, startedBySlackUserId: bySlackUserId, status: 'planning' } });
  if (bySlackUserId) {
    try {
      const client = await slackFor(rt, link.workspaceId);
      const posted = await client.chat.postMessage({ channel: bySlackUserId, ...runStartingMessage(kind, link.domain) });
      if (posted.channel && posted.ts) await db.enterpriseSyncRun.update({ where: { id: run.id }, data: { progressChannelId: posted.channel, progressTs: posted.ts } });
    } catch (error) {
      // Progress is a courtesy: the sync runs without its message.
      logger.warn('could not post the Enterprise Connect progress message', { runId: run.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  await jobs.enqueue(PLAN_RUN_JOB, { runId: run.id }, { uniqueKey: `${PLAN_RUN_JOB}:${run.id}` });
  return { runId: run.id, alreadyRunning: false };
}

export async function planRun(rt: EnterpriseRuntime, runId: string): Promise<void> {
  const { db, jobs } = rt.ctx;
  const run = await db.enterpriseSyncRun.findUnique({ where: { id: runId }, include: { link: true } });
  if (!run || run.status !== 'planning') return;
  if (run.link.state !== 'active') {
    await finishRun(rt, runId, 'cancelled');
    return;
  }
  // People an earlier planning attempt claimed before it was cut off, maybe before their batch was queued (a
  // second batch for someone changes nothing: a batch sends only requests still queued).
  const claimedBefore = await db.serviceAccountAuthorization.findMany({ where: { runId, state: 'queued' }, select: { id: true }, orderBy: { id: 'asc' } });
  const resumedEnd = claimedBefore.length > 0 ? await scheduleBatches(rt, run.link, claimedBefore.map((row) => row.id)) : null;
  const planned = await planCandidates(rt, run.link, MODES[run.kind as RunKind] ?? 'all', runId);
  const expectedEnd = resumedEnd && resumedEnd > planned.expectedEnd ? resumedEnd : planned.expectedEnd;
  // Counted from the rows, so a retried planning job (its lease ran out) cannot shrink the total.
  const total = await db.serviceAccountAuthorization.count({ where: { runId } });
  const { count } = await db.enterpriseSyncRun.updateMany({ where: { id: runId, status: 'planning' }, data: { status: 'running', total, expectedEndAt: expectedEnd } });
  if (count === 1) await jobs.enqueue(PROGRESS_JOB, { runId, tick: 0 }, { uniqueKey: `${PROGRESS_JOB}:${runId}:0` });
}

export interface RunCounts {
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export async function countRun(rt: EnterpriseRuntime, runId: string): Promise<RunCounts> {
  const groups = await rt.ctx.db.serviceAccountAuthorization.groupBy({ by: ['state'], where: { runId }, _count: { _all: true } });
  const of = (state: string) => groups.find((g) => g.state === state)?._count._all ?? 0;
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  const [succeeded, failed, cancelled] = [of('succeeded'), of('failed'), of('cancelled')];
  return { total, done: succeeded + failed + cancelled, succeeded, failed, cancelled };
}

export async function progressTick(rt: EnterpriseRuntime, runId: string, tick: number, final = false): Promise<void> {
  const { db, clock, jobs } = rt.ctx;
  const run = await db.enterpriseSyncRun.findUnique({ where: { id: runId }, include: { link: true } });
  if (!run || run.status !== 'running') return;
  const counts = await countRun(rt, runId);
  if (counts.done >= counts.total) {
    await finishRun(rt, runId, 'completed');
    return;
  }
  if (final) return;
  const now = clock.now();
  if (run.progressChannelId && run.progressTs) {
    const plannedLeft = run.expectedEndAt ? run.expectedEndAt.getTime() - now.getTime() : 0;
    // While batches are still paced the schedule is exact; after it, extrapolate from the pace so far.
    const secondsLeft = plannedLeft > 0 ? plannedLeft / 1000 : estimateSecondsLeft(counts.done, counts.total, now.getTime() - run.createdAt.getTime());
    const message = runProgressMessage({ title: runTitle(run.kind, run.link.domain), done: counts.done, total: counts.total, failed: counts.failed, secondsLeft });
    await updateMessage(rt, run.link.workspaceId, run.progressChannelId, run.progressTs, message);
  }
  await jobs.enqueue(PROGRESS_JOB, { runId, tick: tick + 1 }, { runAt: new Date(now.getTime() + PROGRESS_INTERVAL_MS), uniqueKey: `${PROGRESS_JOB}:${runId}:${tick + 1}` });
}

/** Closes a run once (a conditional update decides) and replaces its progress message with the outcome. */
export async function finishRun(rt: EnterpriseRuntime, runId: string, status: 'completed' | 'cancelled'): Promise<void> {
  const { db, clock } = rt.ctx;
  const { count } = await db.enterpriseSyncRun.updateMany({ where: { id: runId, status: { in: ['planning', 'running'] } }, data: { status, completedAt: clock.now() } });
  if (count === 0) return;
  const run = await db.enterpriseSyncRun.findUniqueOrThrow({ where: { id: runId }, include: { link: true } });
  if (!run.progressChannelId || !run.progressTs) return;
  let message;
  if (status === 'cancelled') {
    message = runCancelledMessage(run.link.domain);
  } else {
    const counts = await countRun(rt, runId);
    const breakdown = await db.serviceAccountAuthorization.groupBy({ by: ['errorKey'], where: { runId, state: 'failed' }, _count: { _all: true } });
    message = runSummaryMessage({ kind: run.kind, domain: run.link.domain, ...counts, breakdown: breakdown.map((b) => ({ errorKey: b.errorKey, count: b._count._all })) });
  }
  await updateMessage(rt, run.link.workspaceId, run.progressChannelId, run.progressTs, message);
}

async function updateMessage(rt: EnterpriseRuntime, workspaceId: string, channel: string, ts: string, message: { text: string; blocks: KnownBlock[] }): Promise<void> {
  try {
    const client = await slackFor(rt, workspaceId);
    await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  } catch (error) {
    rt.ctx.logger.warn('could not update the Enterprise Connect progress message', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Runs of a link that is going away stop, and say so. */
export async function cancelRuns(rt: EnterpriseRuntime, linkId: string): Promise<void> {
  const runs = await rt.ctx.db.enterpriseSyncRun.findMany({ where: { linkId, status: { in: ['planning', 'running'] } }, select: { id: true } });
  for (const run of runs) await finishRun(rt, run.id, 'cancelled');
}

/** The active link's running sync, for the status view. */
export async function currentRun(rt: EnterpriseRuntime, workspaceId: string): Promise<({ kind: string } & RunCounts) | null> {
  const link = await findActiveLink(rt.ctx.db, workspaceId);
  if (!link) return null;
  const run = await rt.ctx.db.enterpriseSyncRun.findFirst({ where: { linkId: link.id, status: { in: ['planning', 'running'] } }, orderBy: { createdAt: 'desc' } });
  if (!run) return null;
  return { kind: run.kind, ...(await countRun(rt, run.id)) };
}
