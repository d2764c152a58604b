// The paced job that sends one service_account_authorizations batch. Each person gets a fresh callback
// secret (stored as a hash before the request leaves, so even an instant callback finds its row) and a
// paced slot for their code exchange.
import { z } from 'zod';
import { CALENDAR_SCOPE, type ServiceAccountAuthorizationRequest } from '../cronofy/cronofy-gateway';
import { isRetryable } from '../cronofy/errors';
import { toAppError, type AppError } from '../errors';
import { callbackUrl, hashCallbackToken, newCallbackToken } from './callback-token';
import { isOnDomain } from './coverage';
import { cancelRequests, recordFailure } from './outcomes';
import { batchCalls, exchangeSlot, reserveCalls } from './pacing';
import { EXPIRE_JOB, SEND_BATCH_JOB } from './job-kinds';
import { SEND_ATTEMPTS, type SendBatchPayload } from './plan-requests';
import type { EnterpriseRuntime } from './runtime';

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
    where: { id: { in: payload.authorizationIds }, state: 'queued' },
    include: { employee: { select: { email: true, deactivatedAt: true } } },
    orderBy: { id: 'asc' },
  });
  // People who left, or whose email moved off the domain, since they were queued.
  const stale = rows.filter((row) => row.employee.deactivatedAt || !isOnDomain(row.employee.email, link.domain));
  if (stale.length > 0) await cancelRequests(ctx, { ids: stale.map((row) => row.id) });

  const sentAt = clock.now();
  const live = rows.filter((row) => !stale.includes(row)).map((row, index) => ({ row, index, token: newCallbackToken() }));
  // One transaction for the batch's secrets, written before the request leaves.
  const updated = await db.$transaction(
    live.map(({ row, index, token }) =>
      db.serviceAccountAuthorization.updateMany({
        where: { id: row.id, state: 'queued' },
        data: { state: 'requested', callbackTokenHash: hashCallbackToken(token), requestedAt: sentAt, exchangeAfter: exchangeSlot(sentAt, index, pacing) },
      }),
    ),
  );
  const sent = live
    .filter((_, i) => updated[i].count === 1)
    .map(({ row, token }) => ({ id: row.id, request: { email: row.employee.email as string, scope: CALENDAR_SCOPE, callback_url: callbackUrl(ctx.publicUrl, token) } satisfies ServiceAccountAuthorizationRequest }));
  if (sent.length === 0) return;

  try {
    await rt.serviceAccounts.withAccessToken(link.id, (accessToken) => ctx.cronofy.authorizeWithServiceAccount(accessToken, sent.map((s) => s.request)));
  } catch (raw) {
    await handleSendFailure(rt, toAppError(raw), link.id, sent.map((s) => s.id), job);
    return;
  }
  ctx.logger.info('Enterprise Connect authorizations requested', { linkId: link.id, people: sent.length });
  await ctx.jobs.enqueue(EXPIRE_JOB, { authorizationIds: sent.map((s) => s.id) }, { runAt: new Date(sentAt.getTime() + CALLBACK_TIMEOUT_MS) });
}

async function handleSendFailure(rt: EnterpriseRuntime, error: AppError, linkId: string, ids: string[], job: { attempts: number }): Promise<void> {
  const { ctx } = rt;
  ctx.logger.warn('Enterprise Connect batch request failed', { people: ids.length, attempt: job.attempts, code: error.code, error: error.message });
  if (isRetryable(error) && job.attempts < SEND_ATTEMPTS) {
    await requeue(rt, ids);
    throw error;
  }
  if (error.code === 'cronofy_validation' && ids.length > 1) {
    // Cronofy refuses a whole batch for one bad entry: send each person alone (paced) so only that one fails.
    await requeue(rt, ids);
    for (const id of ids) {
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
  for (const id of ids) await recordFailure(ctx, id, { errorKey, errorDescription: error.userMessage }, ['requested']);
}

/** Back to the queue with a new unknown secret: a late callback for the failed attempt finds nothing. */
async function requeue(rt: EnterpriseRuntime, ids: string[]): Promise<void> {
  for (const id of ids) {
    await rt.ctx.db.serviceAccountAuthorization.updateMany({ where: { id, state: 'requested' }, data: { state: 'queued', callbackTokenHash: hashCallbackToken(newCallbackToken()), exchangeAfter: null } });
  }
}

export async function expireRequests(rt: EnterpriseRuntime, authorizationIds: string[]): Promise<void> {
  for (const id of authorizationIds) {
    await recordFailure(rt.ctx, id, { errorKey: 'no_callback', errorDescription: 'Cronofy did not report back on this authorization.' }, ['requested']);
  }
}
