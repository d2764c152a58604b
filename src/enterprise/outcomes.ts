// Closing one person's Enterprise Connect request: succeeded, failed (with the reason shown to admins and
// the person), or cancelled. Each outcome updates the calendar state readiness reads and the person's messages.
import { PROGRESS_JOB } from './job-kinds';
import { OPEN_STATES, type EnterpriseRuntime } from './runtime';
import { failureReason } from './failure-reasons';

type Ports = Pick<EnterpriseRuntime['ctx'], 'db' | 'clock' | 'ids' | 'events' | 'onboarding' | 'jobs'>;

/** The request that closed a run's last open one has its summary posted now, not at the next progress tick. */
async function closeRunIfDone(ctx: Ports, runId: string | null): Promise<void> {
  if (!runId) return;
  const open = await ctx.db.serviceAccountAuthorization.count({ where: { runId, openKey: { not: null } } });
  if (open === 0) await ctx.jobs.enqueue(PROGRESS_JOB, { runId, tick: 0, final: true }, { uniqueKey: `${PROGRESS_JOB}:${runId}:final` });
}

/**
 * A person's checklist follows their outcome: updated in place where there is a DM to update, and always
 * after their own "Sync calendar" or as a new joiner (no run). A bulk sync does not DM people out of the blue.
 */
export async function personChanged(ctx: Ports, request: { employeeId: string; runId: string | null }): Promise<void> {
  const { employeeId } = request;
  await ctx.events.emit('readiness_changed', { employeeId });
  const employee = await ctx.db.employee.findUnique({ where: { id: employeeId }, select: { dmTs: true } });
  if (employee && (employee.dmTs || request.runId === null)) await ctx.onboarding.scheduleUpdate(employeeId);
}

/** Shows "connecting…" while a request is out, without hiding an existing disconnection. */
export async function markCalendarPending(ctx: Ports, employeeIds: string[]): Promise<void> {
  if (employeeIds.length === 0) return;
  const { db, ids } = ctx;
  await db.calendarConnection.updateMany({ where: { employeeId: { in: employeeIds }, state: 'not_connected' }, data: { state: 'pending', reason: null } });
  const existing = new Set((await db.calendarConnection.findMany({ where: { employeeId: { in: employeeIds } }, select: { employeeId: true } })).map((row) => row.employeeId));
  const missing = employeeIds.filter((id) => !existing.has(id));
  try {
    await db.calendarConnection.createMany({ data: missing.map((employeeId) => ({ id: ids.id('cal'), employeeId, state: 'pending' })) });
  } catch {
    // Someone's row appeared meanwhile (they connected themselves): create the others one by one, leave theirs.
    for (const employeeId of missing) {
      await db.calendarConnection.create({ data: { id: ids.id('cal'), employeeId, state: 'pending' } }).catch(async (error: unknown) => {
        if (!(await db.calendarConnection.findUnique({ where: { employeeId } }))) throw error;
      });
    }
  }
}

/**
 * Records a failure on the request (only if it is still open, so a replay changes nothing) and on the
 * person's calendar: "pending" goes back to "not_connected", a disconnection stays one; both carry the reason.
 */
export async function recordFailure(
  ctx: Ports,
  authorizationId: string,
  failure: { errorKey: string; errorDescription: string | null },
  from: readonly string[] = OPEN_STATES,
): Promise<boolean> {
  const { db, clock } = ctx;
  const now = clock.now();
  const { count } = await db.serviceAccountAuthorization.updateMany({
    where: { id: authorizationId, state: { in: [...from] } },
    data: { state: 'failed', errorKey: failure.errorKey.slice(0, 100), errorDescription: failure.errorDescription?.slice(0, 500) ?? null, completedAt: now, openKey: null },
  });
  if (count === 0) return false;
  const request = await db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId }, select: { employeeId: true, runId: true } });
  const { employeeId } = request;
  const reason = failureReason(failure.errorKey).calendarReason;
  // A "pending" with tokens is someone's own sign-in finishing right now: not ours to reset.
  await db.calendarConnection.updateMany({
    where: { employeeId, OR: [{ state: 'not_connected' }, { state: 'pending', accessTokenEnc: null }] },
    data: { state: 'not_connected', reason, lastCheckedAt: now },
  });
  await db.calendarConnection.updateMany({ where: { employeeId, state: 'disconnected' }, data: { reason, lastCheckedAt: now } });
  await personChanged(ctx, request);
  await closeRunIfDone(ctx, request.runId);
  return true;
}

export async function recordSuccess(ctx: Ports, authorizationId: string): Promise<boolean> {
  const { count } = await ctx.db.serviceAccountAuthorization.updateMany({
    where: { id: authorizationId, state: 'exchanging' },
    data: { state: 'succeeded', completedAt: ctx.clock.now(), openKey: null },
  });
  if (count === 0) return false;
  const request = await ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId }, select: { employeeId: true, runId: true } });
  await personChanged(ctx, request);
  await closeRunIfDone(ctx, request.runId);
  return true;
}

/** Stops requests that no longer apply (unlinked, person left); a "pending" calendar goes back to "not_connected". */
export async function cancelRequests(ctx: Ports, where: { ids?: string[]; linkId?: string }): Promise<number> {
  const { db, clock } = ctx;
  const open = await db.serviceAccountAuthorization.findMany({
    where: { ...(where.ids ? { id: { in: where.ids } } : {}), ...(where.linkId ? { linkId: where.linkId } : {}), state: { in: OPEN_STATES } },
    select: { id: true, employeeId: true, runId: true },
  });
  if (open.length === 0) return 0;
  await db.serviceAccountAuthorization.updateMany({
    where: { id: { in: open.map((row) => row.id) }, state: { in: OPEN_STATES } },
    data: { state: 'cancelled', completedAt: clock.now(), openKey: null },
  });
  await db.calendarConnection.updateMany({ where: { employeeId: { in: open.map((row) => row.employeeId) }, state: 'pending', accessTokenEnc: null }, data: { state: 'not_connected' } });
  for (const runId of new Set(open.map((row) => row.runId))) await closeRunIfDone(ctx, runId);
  return open.length;
}
