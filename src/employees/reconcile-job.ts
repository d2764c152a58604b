// The daily reconcile: every workspace's roster against users.list (catching missed team_join / user_change
// events), then a spread-out re-check of every connected calendar (catching missed push notifications).
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { CHECK_CONNECTION_JOB } from '../connections/connection-jobs';
import { WELCOME_JOB } from '../onboarding/onboarding-jobs';

export const RECONCILE_JOB = 'employees.reconcile';
export const IMPORT_JOB = 'employees.import';
export const RECONCILE_INTERVAL_MS = 24 * 60 * 60_000;
/** Spacing of the per-person Cronofy checks, well inside Cronofy's 500 requests per minute. */
const CHECK_SPACING_MS = 250;

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
  // The first import of a workspace DMs nobody: admins decide when to start a campaign.
  const hadEmployees = (await db.employee.count({ where: { workspaceId: workspace.id } })) > 0;
  const change = await ctx.roster.sync(workspace.id, await ctx.slack.forTeam(workspace.slackTeamId));
  if (hadEmployees) {
    const joiners = await db.employee.findMany({ where: { workspaceId: workspace.id, slackUserId: { in: [...change.added, ...change.reactivated] } }, select: { id: true } });
    for (const { id } of joiners) await ctx.jobs.enqueue(WELCOME_JOB, { employeeId: id }, { uniqueKey: `${WELCOME_JOB}:${id}` });
  }
  const connected = await db.calendarConnection.findMany({
    where: { employee: { workspaceId: workspace.id, deactivatedAt: null }, accessTokenEnc: { not: null } },
    select: { employeeId: true },
    orderBy: { employeeId: 'asc' },
  });
  const start = ctx.clock.now().getTime();
  for (const [index, { employeeId }] of connected.entries()) {
    await ctx.jobs.enqueue(CHECK_CONNECTION_JOB, { employeeId }, { runAt: new Date(start + index * CHECK_SPACING_MS), uniqueKey: `${CHECK_CONNECTION_JOB}:${employeeId}`, maxAttempts: 3 });
  }
  await ctx.campaigns.ensureSchedule(workspace.id);
}

/** The first roster import of a workspace runs at once (not at the next daily reconcile); it DMs nobody. */
export async function scheduleRosterImport(ctx: Pick<AppContext, 'jobs'>, workspaceId: string): Promise<void> {
  await ctx.jobs.enqueue(IMPORT_JOB, { workspaceId }, { uniqueKey: `${IMPORT_JOB}:${workspaceId}`, maxAttempts: 5 });
}

/** At start: import every workspace that has no employees yet (a fresh install, or one whose first import failed). */
export async function importEmptyWorkspaces(ctx: Pick<AppContext, 'jobs' | 'db'>): Promise<void> {
  const empty = await ctx.db.workspace.findMany({ where: { employees: { none: {} } }, select: { id: true } });
  for (const { id } of empty) await scheduleRosterImport(ctx, id);
}

export function registerReconcileJob(ctx: AppContext): void {
  ctx.jobs.register({
    kind: IMPORT_JOB,
    schema: z.object({ workspaceId: z.string() }),
    async handle({ workspaceId }) {
      const workspace = await ctx.db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true, slackTeamId: true } });
      if (workspace) await reconcileWorkspace(ctx, workspace);
    },
  });
  ctx.jobs.register({
    kind: RECONCILE_JOB,
    schema: z.object({}),
    async handle() {
      for (const workspace of await ctx.db.workspace.findMany({ select: { id: true, slackTeamId: true } })) {
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
