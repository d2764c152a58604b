// Turning people into paced service_account_authorizations batches. Each person is claimed first (one open
// request per person, enforced by a unique key), so two planners or replicas never ask twice for anyone.
import { findCandidates, type CandidateMode, type EnterpriseConnectLink } from './coverage';
import { hashCallbackToken, newCallbackToken } from './callback-token';
import { markCalendarPending } from './outcomes';
import { batchCalls, reserveCalls } from './pacing';
import { SEND_BATCH_JOB } from './job-kinds';
import type { EnterpriseRuntime } from './runtime';

export const SEND_ATTEMPTS = 5;

export interface SendBatchPayload {
  linkId: string;
  authorizationIds: string[];
}

/**
 * Opens a request for each person who has none open. Queued rows hold the hash of a secret nobody
 * knows: the real callback secret is minted when the batch is sent.
 */
export async function claimRequests(rt: EnterpriseRuntime, link: EnterpriseConnectLink, employeeIds: string[], runId: string | null): Promise<string[]> {
  const { db, ids, clock } = rt.ctx;
  const open = new Set((await db.serviceAccountAuthorization.findMany({ where: { openKey: { in: employeeIds } }, select: { employeeId: true } })).map((row) => row.employeeId));
  const rows = employeeIds
    .filter((employeeId) => !open.has(employeeId))
    .map((employeeId) => ({ id: ids.id('saa'), employeeId, linkId: link.id, state: 'queued', callbackTokenHash: hashCallbackToken(newCallbackToken()), runId, openKey: employeeId, requestedAt: clock.now() }));
  let claimed: Array<{ id: string; employeeId: string }> = [];
  try {
    // One write for the lot (a sync claims hundreds); a concurrent claim makes it fail as a whole…
    await db.serviceAccountAuthorization.createMany({ data: rows });
    claimed = rows;
  } catch {
    // …and then each person is claimed alone: the unique open key says who someone else asked for first.
    for (const row of rows) {
      try {
        await db.serviceAccountAuthorization.create({ data: row });
        claimed.push(row);
      } catch (error) {
        if (await db.serviceAccountAuthorization.findUnique({ where: { openKey: row.employeeId }, select: { id: true } })) continue;
        throw error;
      }
    }
  }
  if (claimed.length === 0) return [];
  const claimedEmployees = claimed.map((row) => row.employeeId);
  // Only the newest request per person counts in the status.
  await db.serviceAccountAuthorization.updateMany({ where: { linkId: link.id, employeeId: { in: claimedEmployees }, current: true, openKey: null }, data: { current: false } });
  await markCalendarPending(rt.ctx, claimedEmployees);
  return claimed.map((row) => row.id);
}

/**
 * Splits claimed requests into batches and schedules each on the link's pacing gate. A person's own click
 * goes through the gate too: five hundred people answering a reminder at once must not burst either; with
 * no sync under way the gate is open and the request leaves at once. Returns when the last batch should be done.
 */
export async function scheduleBatches(rt: EnterpriseRuntime, link: EnterpriseConnectLink, authorizationIds: string[]): Promise<Date> {
  const { ctx, pacing } = rt;
  let end = ctx.clock.now();
  for (let offset = 0; offset < authorizationIds.length; offset += pacing.batchSize) {
    const batch = authorizationIds.slice(offset, offset + pacing.batchSize);
    const window = await reserveCalls(ctx.db, ctx.clock, link.id, batchCalls(batch.length), pacing);
    const payload: SendBatchPayload = { linkId: link.id, authorizationIds: batch };
    await ctx.jobs.enqueue(SEND_BATCH_JOB, payload, { runAt: window.start, maxAttempts: SEND_ATTEMPTS });
    if (window.end > end) end = window.end;
  }
  return end;
}

/** Requests everyone `mode` selects, page by page. */
export async function planCandidates(rt: EnterpriseRuntime, link: EnterpriseConnectLink, mode: CandidateMode, runId: string | null): Promise<{ requested: number; expectedEnd: Date }> {
  const pageSize = rt.pacing.batchSize * 10;
  let after: string | undefined;
  let requested = 0;
  let expectedEnd = rt.ctx.clock.now();
  for (;;) {
    const page = await findCandidates(rt.ctx.db, link, mode, { after, take: pageSize });
    if (page.length === 0) break;
    const claimed = await claimRequests(rt, link, page, runId);
    if (claimed.length > 0) expectedEnd = await scheduleBatches(rt, link, claimed);
    requested += claimed.length;
    if (page.length < pageSize) break;
    after = page[page.length - 1];
  }
  return { requested, expectedEnd };
}
