// The paced job that turns a person's Enterprise Connect code into their own calendar connection,
// exactly like an individual sign-in (completeCalendarConnection), with the callback URL as redirect_uri.
import { z } from 'zod';
import { completeCalendarConnection, openPushChannel } from '../connections/complete-calendar-connection';
import { syncConnectionState } from '../connections/sync-connection-state';
import { isRetryable } from '../cronofy/errors';
import { toAppError } from '../errors';
import { isOnDomain } from './coverage';
import { cancelRequests, recordFailure, recordSuccess } from './outcomes';
import { AWAITING_ANSWER, type EnterpriseRuntime } from './runtime';

export const EXCHANGE_ATTEMPTS = 4;

/** The code and callback URL travel sealed with the token cipher: job payloads are stored in plain text. */
export const exchangeSchema = z.object({ authorizationId: z.string().min(1), sealed: z.string().min(1) });
export type ExchangePayload = z.infer<typeof exchangeSchema>;
const secretSchema = z.object({ code: z.string().min(1), redirectUri: z.string().url() });

export function sealExchange(rt: EnterpriseRuntime, authorizationId: string, secret: z.infer<typeof secretSchema>): ExchangePayload {
  return { authorizationId, sealed: rt.ctx.cipher.encrypt(JSON.stringify(secret)) };
}

export async function exchangeCode(rt: EnterpriseRuntime, payload: ExchangePayload, job: { attempts: number }): Promise<void> {
  const { ctx } = rt;
  const row = await ctx.db.serviceAccountAuthorization.findUnique({ where: { id: payload.authorizationId }, include: { employee: true } });
  // Still awaiting an answer: the callback that queued this job was cut off before it recorded the answer.
  if (!row || !(row.state === 'exchanging' || AWAITING_ANSWER.includes(row.state))) return;
  if (row.state !== 'exchanging') {
    const { count } = await ctx.db.serviceAccountAuthorization.updateMany({ where: { id: row.id, state: row.state }, data: { state: 'exchanging' } });
    // The callback that queued this job marks the request exchanging right after queueing it, so this job may
    // have lost that race: it is still this job's exchange to make (only this job, by its unique key, makes it).
    if (count === 0 && (await ctx.db.serviceAccountAuthorization.findUnique({ where: { id: row.id }, select: { state: true } }))?.state !== 'exchanging') return;
  }
  const link = await ctx.db.enterpriseConnectLink.findUnique({ where: { id: row.linkId } });
  if (!link || link.state !== 'active' || row.employee.deactivatedAt || !isOnDomain(row.employee.email, link.domain)) {
    await cancelRequests(ctx, { ids: [row.id] });
    return;
  }
  const secret = secretSchema.parse(JSON.parse(ctx.cipher.decrypt(payload.sealed)));
  try {
    await completeCalendarConnection(ctx, { employeeId: row.employeeId, code: secret.code, redirectUri: secret.redirectUri, viaEnterpriseConnect: true, expectedEmail: row.employee.email });
  } catch (raw) {
    const error = toAppError(raw);
    // A 429 or an outage before Cronofy used the code: the code is still good, so try again later.
    if (isRetryable(error) && job.attempts < EXCHANGE_ATTEMPTS) throw error;
    if (error.code === 'cronofy_invalid_grant' && job.attempts > 1 && (await finishedByEarlierAttempt(ctx, row.employeeId))) {
      await recordSuccess(ctx, row.id);
      return;
    }
    const errorKey = error.code === 'link_wrong_user' ? 'account_mismatch' : error.code === 'cronofy_invalid_grant' ? 'code_rejected' : 'exchange_failed';
    ctx.logger.warn('Enterprise Connect code exchange failed', { authorizationId: row.id, code: error.code, error: error.message });
    await recordFailure(ctx, row.id, { errorKey, errorDescription: error.userMessage }, ['exchanging']);
    return;
  }
  await recordSuccess(ctx, row.id);
}

/**
 * A retried exchange whose code Cronofy refuses: an earlier attempt, cut off (a replica killed), may have used it.
 * When that attempt got as far as storing the person's tokens, it is finished from there, as a connection check
 * would: userinfo read with those tokens, and the push channel. Done when that finds the calendar connected.
 */
async function finishedByEarlierAttempt(ctx: EnterpriseRuntime['ctx'], employeeId: string): Promise<boolean> {
  const stored = await ctx.db.calendarConnection.findUnique({ where: { employeeId }, select: { accessTokenEnc: true } });
  if (!stored?.accessTokenEnc) return false;
  try {
    await syncConnectionState(ctx, employeeId);
    await openPushChannel(ctx, employeeId);
  } catch (error) {
    ctx.logger.warn('could not finish a cut-off Enterprise Connect exchange', { employeeId, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
  return (await ctx.db.calendarConnection.findUnique({ where: { employeeId }, select: { state: true } }))?.state === 'connected';
}
