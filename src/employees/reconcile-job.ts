// The daily reconcile: every workspace's roster against users.list (catching missed team_join / user_change
// events), then a spread-out re-check of every connected calendar (catching missed push notifications). Also the
// first import of a workspace's roster, one users.list page per job.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { CHECK_CONNECTION_JOB } from '../connections/connection-jobs';
import { WELCOME_JOB } from '../onboarding/onboarding-jobs';

export const RECONCILE_JOB = 'employees.reconcile';
export const IMPORT_JOB = 'employees.import';
export const RECONCILE_INTERVAL_MS = 24 * 60 * 60_000;
/** Spacing of the per-person Cronofy checks, well inside Cronofy's 500 requests per minute. */
const CHECK_SPACING_MS = 250;
/** Per page of the first import (each page is its own job). */
const IMPORT_ATTEMPTS = 5;

/**
 * Queues the next run at the next interval boundary. The unique key names that boundary, so replicas that
 * start at the same time, and a run that schedules its successor, all agree on one job.
 */
export async function scheduleReconcile(ctx: Pick<AppContext, 'jobs' | 'clock'>, after = ctx.clock.now()): Promise<void> {
  const runAt = new Date((Math.floor(after.getTime() / RECONCILE_INTERVAL_MS) + 1) * RECONCILE_INTERVAL_MS);
  await ctx.jobs.enqueue(RECONCILE_JOB, {}, { runAt, uniqueKey: `${RECONCILE_JOB}:${runAt.toISOString()}`, maxAttempts: 3 });
}

export async function reconcileWorkspace(ctx: AppContext, workspace: { id: string; slackTeamId: string }): Promise<void> {
  const { db } = ctx;
  // A first import still under way finishes on its own; syncing now would take its remaining members for joiners.
  if (await importPending(ctx, workspace.id)) return;
  // The first import of a workspace DMs nobody: admins decide when to start a campaign.
  const hadEmployees = (await db.employee.count({ where: { workspaceId: workspace.id } })) > 0;
  const change = await ctx.roster.sync(workspace.id, await ctx.slack.forTeam(workspace.slackTeamId));
  if (hadEmployees) {
    const joiners = await db.employee.findMany({ where: { workspaceId: workspace.id, slackUserId: { in: [...change.added, ...change.reactivated] } }, select: { id: true } });
    for (const { id } of joiners) await ctx.jobs.enqueue(WELCOME_JOB, { employeeId: id }, { uniqueKey: `${WELCOME_JOB}:${id}` });
  }
  await afterRosterSync(ctx, workspace.id);
}

/** What follows a roster sync: a spread-out re-check of every connected calendar, and the workspace's campaign schedule. */
async function afterRosterSync(ctx: AppContext, workspaceId: string): Promise<void> {
  const connected = await ctx.db.calendarConnection.findMany({
    where: { employee: { workspaceId, deactivatedAt: null }, accessTokenEnc: { not: null } },
    select: { employeeId: true },
    orderBy: { employeeId: 'asc' },
  });
  const start = ctx.clock.now().getTime();
  for (const [index, { employeeId }] of connected.entries()) {
    await ctx.jobs.enqueue(CHECK_CONNECTION_JOB, { employeeId }, { runAt: new Date(start + index * CHECK_SPACING_MS), uniqueKey: `${CHECK_CONNECTION_JOB}:${employeeId}`, maxAttempts: 3 });
  }
  await ctx.campaigns.ensureSchedule(workspaceId);
}

export const importPageSchema = z.object({ workspaceId: z.string().min(1), cursor: z.string().min(1).optional() });
export type ImportPagePayload = z.infer<typeof importPageSchema>;

/**
 * The first roster import of a workspace runs at once (not at the next daily reconcile) and DMs nobody. It is a
 * chain of jobs, one per users.list page, each queueing the next with its cursor: a replica killed mid-import
 * leaves its page's job to be claimed again once the lease runs out, and the import goes on from that page.
 */
export async function scheduleRosterImport(ctx: Pick<AppContext, 'jobs'>, workspaceId: string): Promise<void> {
  await ctx.jobs.enqueue(IMPORT_JOB, { workspaceId } satisfies ImportPagePayload, { uniqueKey: `${IMPORT_JOB}:${workspaceId}`, maxAttempts: IMPORT_ATTEMPTS });
}

/** One page of the first import; the last one also schedules what follows a sync (checks, campaign schedule). */
export async function importRosterPage(ctx: AppContext, { workspaceId, cursor }: ImportPagePayload): Promise<void> {
  const workspace = await ctx.db.workspace.findUnique({ where: { id: workspaceId }, select: { slackTeamId: true } });
  if (!workspace) return;
  const { nextCursor } = await ctx.roster.importPage(workspaceId, await ctx.slack.forTeam(workspace.slackTeamId), cursor);
  if (!nextCursor) {
    await afterRosterSync(ctx, workspaceId);
    return;
  }
  // Keyed by the cursor: a page applied again after a crash queues its successor once, not twice.
  await ctx.jobs.enqueue(IMPORT_JOB, { workspaceId, cursor: nextCursor } satisfies ImportPagePayload, { uniqueKey: `${IMPORT_JOB}:${workspaceId}:${nextCursor}`, maxAttempts: IMPORT_ATTEMPTS });
}

/** An import page of the workspace is queued or running. */
async function importPending(ctx: Pick<AppContext, 'db'>, workspaceId: string): Promise<boolean> {
  const pages = await ctx.db.job.findMany({ where: { kind: IMPORT_JOB, status: { in: ['queued', 'running'] }, payload: { contains: workspaceId } }, select: { payload: true } });
  return pages.some((page) => importPageSchema.safeParse(JSON.parse(page.payload)).data?.workspaceId === workspaceId);
}

/** At start: import every workspace that has no employees yet (a fresh install, or one whose first import failed). */
export async function importEmptyWorkspaces(ctx: Pick<AppContext, 'jobs' | 'db'>): Promise<void> {
  const empty = await ctx.db.workspace.findMany({ where: { employees: { none: {} }, uninstalledAt: null }, select: { id: true } });
  for (const { id } of empty) await scheduleRosterImport(ctx, id);
}

export function registerReconcileJob(ctx: AppContext): void {
  ctx.jobs.register({ kind: IMPORT_JOB, schema: importPageSchema, handle: (payload) => importRosterPage(ctx, payload) });
  ctx.jobs.register({
    kind: RECONCILE_JOB,
    schema: z.object({}),
    async handle() {
      for (const workspace of await ctx.db.workspace.findMany({ where: { uninstalledAt: null }, select: { id: true, slackTeamId: true } })) {
        try {
          await reconcileWorkspace(ctx, workspace);
        } catch (error) {
          // One workspace that uninstalled or cannot be reached must not stop the others.
          ctx.logger.warn('workspace reconcile failed', { workspaceId: workspace.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
      await scheduleReconcile(ctx);
    },
  });
}
