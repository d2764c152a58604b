// POST /cronofy/ec/:token: Cronofy's asynchronous answer for one person. Checked in this order: HMAC over the
// raw bytes, a well-formed secret, a known secret, a request still waiting. Only the first answer for a
// request counts; a replay of a handled one gets 200 with no effect (so Cronofy stops redelivering), an
// unknown secret 404, a bad signature 401, a body that is not an authorization result 400.
import { serviceAccountCallbackSchema } from '../cronofy/schemas';
import { callbackUrl, hashCallbackToken, looksLikeCallbackToken } from './callback-token';
import { isOnDomain } from './coverage';
import { EXCHANGE_ATTEMPTS, sealExchange } from './exchange-code';
import { EXCHANGE_JOB, exchangeJobKey } from './job-kinds';
import { cancelRequests, recordFailure } from './outcomes';
import { AWAITING_ANSWER, type EnterpriseRuntime } from './runtime';

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
  // `sending` too: Cronofy may answer before the batch job has recorded that the request was accepted.
  if (!AWAITING_ANSWER.includes(row.state)) return { status: 200, result: 'already_handled' };

  if (error || errorKey) {
    // Cronofy's list of error keys is open-ended: any error is a failure, shown with its description.
    const recorded = await recordFailure(ctx, row.id, { errorKey: errorKey ?? error ?? 'unknown', errorDescription: errorDescription ?? null }, AWAITING_ANSWER);
    return recorded ? { status: 200, result: 'failure_recorded' } : { status: 200, result: 'already_handled' };
  }

  const link = await ctx.db.enterpriseConnectLink.findUnique({ where: { id: row.linkId } });
  if (!link || link.state !== 'active' || row.employee.deactivatedAt || !isOnDomain(row.employee.email, link.domain)) {
    await cancelRequests(ctx, { ids: [row.id] });
    return { status: 200, result: 'ignored' };
  }
  const now = ctx.clock.now();
  const runAt = row.exchangeAfter && row.exchangeAfter > now ? row.exchangeAfter : now;
  // The job first, then the state: a crash in between leaves a job that still exchanges the code (it takes a request
  // that is still waiting), where the other order would leave a request marked exchanging with no code to exchange.
  // A failure before the job is stored changes nothing, so Cronofy's redelivery of this callback can complete it.
  const jobId = await ctx.jobs.enqueue(EXCHANGE_JOB, sealExchange(rt, row.id, { code: code as string, redirectUri: callbackUrl(ctx.publicUrl, token) }), {
    runAt,
    uniqueKey: exchangeJobKey(row.id),
    maxAttempts: EXCHANGE_ATTEMPTS,
  });
  // No job: a copy of this callback, delivered at the same time, queued the exchange already.
  if (!jobId) return { status: 200, result: 'already_handled' };
  // Only the attempt this callback answers: a request cut off and sent again since (a new secret) is not taken
  // over by the old attempt's late callback, which would leave it exchanging with no exchange to come.
  await ctx.db.serviceAccountAuthorization.updateMany({ where: { id: row.id, state: { in: AWAITING_ANSWER }, callbackTokenHash: row.callbackTokenHash }, data: { state: 'exchanging' } });
  return { status: 202, result: 'accepted' };
}
