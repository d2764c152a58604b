// The paced job that sends one service_account_authorizations batch. Each person gets a fresh callback
// secret (stored as a hash before the request leaves, so even an instant callback finds its row) and a
// paced slot for their code exchange. The batch is recorded as `sending`, and its expiry queued, before the
// request leaves: a replica killed mid-send leaves rows to reconcile, never a request nobody tracks.
import { z } from 'zod';
import { CALENDAR_SCOPE, type ServiceAccountAuthorizationRequest } from '../cronofy/cronofy-gateway';
import { isRetryable } from '../cronofy/errors';
import { toAppError, type AppError } from '../errors';
import { callbackUrl, hashCallbackToken, newCallbackToken } from './callback-token';
import { isOnDomain } from './coverage';
import { cancelRequests, recordFailure } from './outcomes';
import { batchCalls, exchangeSlot, reserveCalls } from './pacing';
import { EXPIRE_JOB, exchangeJobKey, SEND_BATCH_JOB } from './job-kinds';
import { scheduleBatches, SEND_ATTEMPTS, type SendBatchPayload } from './plan-requests';
import { AWAITING_ANSWER, type EnterpriseRuntime } from './runtime';

/** A request Cronofy has not answered by then is reported as failed (and can be retried). */
export const CALLBACK_TIMEOUT_MS = 15 * 60_000;

export const sendBatchSchema: z.ZodType<SendBatchPayload> = z.object({ linkId: z.string().min(1), authorizationIds: z.array(z.string().min(1)).min(1).max(100) });
export const expireSchema = z.object({ authorizationIds: z.array(z.string().min(1)).min(1).max(100) });

const SERVICE_ACCOUNT_FAILURES = new Set(['cronofy_unauthorized', 'cronofy_invalid_grant', 'cronofy_locked']);

export async function sendBatch(rt: EnterpriseRuntime, payload: SendBatchPayload, job: { attempts: number }): Promise<void> {
  const { ctx, pacing } = rt;
  const { db, clock } = ctx;
  const link = await db.enterpriseConnectLink.findUnique({ where: { id: payload.linkId } });
  if (!link || link.state !== 'active') {
    await cancelRequests(ctx, { ids: payload.authorizationIds });
    return;
  }
  const rows = await db.serviceAccountAuthorization.findMany({
    where: { id: { in: payload.authorizationIds }, state: { in: ['queued', 'sending'] } },
    include: { employee: { select: { email: true, deactivatedAt: true } } },
    orderBy: { id: 'asc' },
  });
  const cutOff = rows.filter((row) => row.state === 'sending');
  if (cutOff.length > 0) await reconcileCutOff(rt, link.id, cutOff);
  const queued = rows.filter((row) => row.state === 'queued');
  // People who left, or whose email moved off the domain, since they were queued.
  const stale = queued.filter((row) => row.employee.deactivatedAt || !isOnDomain(row.employee.email, link.domain));
  if (stale.length > 0) await cancelRequests(ctx, { ids: stale.map((row) => row.id) });

  const sentAt = clock.now();
  const live = queued.filter((row) => !stale.includes(row)).map((row, index) => ({ row, index, token: newCallbackToken() }));
  if (live.length === 0) return;
  // One transaction for the batch's secrets, written before the request leaves.
  const updated = await db.$transaction(
    live.map(({ row, index, token }) =>
      db.serviceAccountAuthorization.updateMany({
        where: { id: row.id, state: 'queued' },
        data: { state: 'sending', callbackTokenHash: hashCallbackToken(token), requestedAt: sentAt, exchangeAfter: exchangeSlot(sentAt, index, pacing) },
      }),
    ),
  );
  const sent = live
    .filter((_, i) => updated[i].count === 1)
    .map(({ row, token }) => ({ id: row.id, request: { email: row.employee.email as string, scope: CALENDAR_SCOPE, callback_url: callbackUrl(ctx.publicUrl, token) } satisfies ServiceAccountAuthorizationRequest }));
  if (sent.length === 0) return;
  const sentIds = sent.map((s) => s.id);
  await ctx.jobs.enqueue(EXPIRE_JOB, { authorizationIds: sentIds }, { runAt: new Date(sentAt.getTime() + CALLBACK_TIMEOUT_MS) });

  try {
    await rt.serviceAccounts.withAccessToken(link.id, (accessToken) => ctx.cronofy.authorizeWithServiceAccount(accessToken, sent.map((s) => s.request)));
  } catch (raw) {
    await handleSendFailure(rt, toAppError(raw), link.id, sentIds, job);
    return;
  }
  // Cronofy has them; its callbacks may have moved some on already.
  await db.serviceAccountAuthorization.updateMany({ where: { id: { in: sentIds }, state: 'sending' }, data: { state: 'requested' } });
  ctx.logger.info('Enterprise Connect authorizations requested', { linkId: link.id, people: sent.length });
}

/**
 * Rows an earlier attempt left `sending` (cut off mid-request): Cronofy either accepted that request, and then its
 * callbacks move them on, or never saw it. Sending again at once would ask Cronofy twice for everyone it did accept,
 * so the batch waits for those callbacks; whoever is still `sending` after the wait never reached Cronofy, and is
 * queued again as a new batch on the pacing gate.
 */
async function reconcileCutOff(rt: EnterpriseRuntime, linkId: string, rows: Array<{ id: string; requestedAt: Date }>): Promise<void> {
  const { ctx, pacing } = rt;
  const ids = rows.map((row) => row.id);
  const waitUntil = Math.max(...rows.map((row) => row.requestedAt.getTime())) + pacing.cutOffWaitMs;
  if (ctx.clock.now().getTime() < waitUntil) {
    await ctx.jobs.enqueue(SEND_BATCH_JOB, { linkId, authorizationIds: ids } satisfies SendBatchPayload, {
      runAt: new Date(waitUntil),
      uniqueKey: `${SEND_BATCH_JOB}:cut-off:${ids[0]}:${waitUntil}`,
      maxAttempts: SEND_ATTEMPTS,
    });
    return;
  }
  // A queued code exchange is Cronofy's answer too: its callback was taken by a replica killed before recording it.
  const answered = new Set((await ctx.db.job.findMany({ where: { uniqueKey: { in: ids.map((id) => exchangeJobKey(id)) } }, select: { uniqueKey: true } })).map((job) => job.uniqueKey));
  const unanswered = await requeue(rt, ids.filter((id) => !answered.has(exchangeJobKey(id))), 'sending');
  if (unanswered.length === 0) return;
  ctx.logger.warn('Enterprise Connect batch was cut off before Cronofy got it; sending it again', { linkId, people: unanswered.length });
  const link = await ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
  await scheduleBatches(rt, link, unanswered);
}

async function handleSendFailure(rt: EnterpriseRuntime, error: AppError, linkId: string, ids: string[], job: { attempts: number }): Promise<void> {
  const { ctx } = rt;
  ctx.logger.warn('Enterprise Connect batch request failed', { people: ids.length, attempt: job.attempts, code: error.code, error: error.message });
  if (isRetryable(error) && job.attempts < SEND_ATTEMPTS) {
    await requeue(rt, ids, 'sending');
    throw error;
  }
  if (error.code === 'cronofy_validation' && ids.length > 1) {
    // Cronofy refuses a whole batch for one bad entry: send each person alone (paced) so only that one fails.
    for (const id of await requeue(rt, ids, 'sending')) {
      const window = await reserveCalls(ctx.db, ctx.clock, linkId, batchCalls(1), rt.pacing);
      await ctx.jobs.enqueue(SEND_BATCH_JOB, { linkId, authorizationIds: [id] } satisfies SendBatchPayload, { runAt: window.start, maxAttempts: SEND_ATTEMPTS });
    }
    return;
  }
  const errorKey = SERVICE_ACCOUNT_FAILURES.has(error.code)
    ? 'service_account_unauthorized'
    : error.code === 'cronofy_validation' || error.code === 'cronofy_forbidden'
      ? 'request_refused'
      : 'request_failed';
  for (const id of ids) await recordFailure(ctx, id, { errorKey, errorDescription: error.userMessage }, ['sending']);
}

/**
 * Back to the queue with a new unknown secret: a late callback for the failed attempt finds nothing. Only rows
 * still in `from` (one Cronofy answered meanwhile stays answered); returns those.
 */
async function requeue(rt: EnterpriseRuntime, ids: string[], from: string): Promise<string[]> {
  const requeued: string[] = [];
  for (const id of ids) {
    const { count } = await rt.ctx.db.serviceAccountAuthorization.updateMany({ where: { id, state: from }, data: { state: 'queued', callbackTokenHash: hashCallbackToken(newCallbackToken()), exchangeAfter: null } });
    if (count === 1) requeued.push(id);
  }
  return requeued;
}

/** Fails what Cronofy never answered; a request sent again since (a retried or cut-off batch) waits for its own expiry. */
export async function expireRequests(rt: EnterpriseRuntime, authorizationIds: string[]): Promise<void> {
  const { db, clock } = rt.ctx;
  const due = await db.serviceAccountAuthorization.findMany({
    where: { id: { in: authorizationIds }, state: { in: AWAITING_ANSWER }, requestedAt: { lte: new Date(clock.now().getTime() - CALLBACK_TIMEOUT_MS) } },
    select: { id: true },
  });
  for (const { id } of due) {
    await recordFailure(rt.ctx, id, { errorKey: 'no_callback', errorDescription: 'Cronofy did not report back on this authorization.' }, AWAITING_ANSWER);
  }
}
