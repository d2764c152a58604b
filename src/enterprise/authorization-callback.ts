// POST /cronofy/ec/:token: Cronofy's asynchronous answer for one person. Checked in this order: HMAC over the
// raw bytes, a well-formed secret, a known secret, a request still waiting. Only the first answer for a
// request counts; a replay of a handled one gets 200 with no effect (so Cronofy stops redelivering), an
// unknown secret 404, a bad signature 401, a body that is not an authorization result 400.
import { serviceAccountCallbackSchema } from '../cronofy/schemas';
import { callbackUrl, hashCallbackToken, looksLikeCallbackToken } from './callback-token';
import { isOnDomain } from './coverage';
import { EXCHANGE_ATTEMPTS, sealExchange } from './exchange-code';
import { EXCHANGE_JOB } from './job-kinds';
import { cancelRequests, recordFailure } from './outcomes';
import type { EnterpriseRuntime } from './runtime';

export interface CallbackAnswer {
  status: number;
  result: 'invalid_signature' | 'unknown_callback' | 'invalid_body' | 'already_handled' | 'failure_recorded' | 'accepted' | 'ignored';
}

export async function acceptAuthorizationCallback(rt: EnterpriseRuntime, token: string, rawBody: Buffer, hmacHeader: string | undefined): Promise<CallbackAnswer> {
  const { ctx } = rt;
  if (!ctx.cronofy.isValidHmac(rawBody, hmacHeader)) return { status: 401, result: 'invalid_signature' };
  if (!looksLikeCallbackToken(token)) return { status: 404, result: 'unknown_callback' };
  const row = await ctx.db.serviceAccountAuthorization.findUnique({ where: { callbackTokenHash: hashCallbackToken(token) }, include: { employee: true } });
  if (!row) return { status: 404, result: 'unknown_callback' };

  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { status: 400, result: 'invalid_body' };
  }
  const parsed = serviceAccountCallbackSchema.safeParse(json);
  if (!parsed.success) return { status: 400, result: 'invalid_body' };
  const { code, error, error_key: errorKey, error_description: errorDescription } = parsed.data.authorization;
  if (!code && !error && !errorKey) return { status: 400, result: 'invalid_body' };
  if (row.state !== 'requested') return { status: 200, result: 'already_handled' };

  if (error || errorKey) {
    // Cronofy's list of error keys is open-ended: any error is a failure, shown with its description.
    const recorded = await recordFailure(ctx, row.id, { errorKey: errorKey ?? error ?? 'unknown', errorDescription: errorDescription ?? null }, ['requested']);
    return recorded ? { status: 200, result: 'failure_recorded' } : { status: 200, result: 'already_handled' };
  }

  const link = await ctx.db.enterpriseConnectLink.findUnique({ where: { id: row.linkId } });
  if (!link || link.state !== 'active' || row.employee.deactivatedAt || !isOnDomain(row.employee.email, link.domain)) {
    await cancelRequests(ctx, { ids: [row.id] });
    return { status: 200, result: 'ignored' };
  }
  const { count } = await ctx.db.serviceAccountAuthorization.updateMany({ where: { id: row.id, state: 'requested' }, data: { state: 'exchanging' } });
  if (count === 0) return { status: 200, result: 'already_handled' };
  const now = ctx.clock.now();
  const runAt = row.exchangeAfter && row.exchangeAfter > now ? row.exchangeAfter : now;
  try {
    await ctx.jobs.enqueue(EXCHANGE_JOB, sealExchange(rt, row.id, { code: code as string, redirectUri: callbackUrl(ctx.publicUrl, token) }), {
      runAt,
      uniqueKey: `${EXCHANGE_JOB}:${row.id}`,
      maxAttempts: EXCHANGE_ATTEMPTS,
    });
  } catch (raw) {
    // Nothing is lost: the request waits again, so Cronofy's redelivery of this callback can complete it.
    await ctx.db.serviceAccountAuthorization.updateMany({ where: { id: row.id, state: 'exchanging' }, data: { state: 'requested' } });
    throw raw;
  }
  return { status: 202, result: 'accepted' };
}
