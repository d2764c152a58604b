// Paces Enterprise Connect traffic inside Cronofy's per-application limits (50 req/s, 500 req/min,
// shared with every other Slotline feature). Work is measured in Cronofy calls: one per batch request
// and three per person whose code is exchanged (token exchange, userinfo, push channel). Each batch
// reserves its calls on the link's pacing gate, so replicas and overlapping syncs queue behind each other.
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';

export interface EnterprisePacing {
  /** Cronofy calls per minute Enterprise Connect may spend; the rest of the 500/min stays for interactive work. */
  callsPerMinute: number;
  /** People per service_account_authorizations request. */
  batchSize: number;
  /**
   * How long a batch whose request was cut off (a replica killed mid-send) waits for Cronofy's callbacks before the
   * people Cronofy did not answer for are sent again: Cronofy answers every request it accepted, within seconds.
   * Longer than the job lease, so work the same crash cut off (a callback's exchange) has been taken over by then.
   */
  cutOffWaitMs: number;
}

/** Half of Cronofy's default 500/min: a late batch overlapping the next still stays inside the limit. */
export const DEFAULT_PACING: EnterprisePacing = { callsPerMinute: 250, batchSize: 50, cutOffWaitMs: 5 * 60_000 };

/** Calls that follow one person's successful callback (see completeCalendarConnection). */
export const CALLS_PER_PERSON = 3;

export function callIntervalMs(pacing: Pick<EnterprisePacing, 'callsPerMinute'>): number {
  return 60_000 / pacing.callsPerMinute;
}

/** Calls a batch of `people` costs: the request itself plus each person's exchange. */
export function batchCalls(people: number): number {
  return 1 + CALLS_PER_PERSON * people;
}

/** When person `index` of a batch sent at `sentAt` may exchange their code: one slot after another. */
export function exchangeSlot(sentAt: Date, index: number, pacing: Pick<EnterprisePacing, 'callsPerMinute'>): Date {
  return new Date(sentAt.getTime() + (1 + CALLS_PER_PERSON * index) * callIntervalMs(pacing));
}

export interface Reservation {
  start: Date;
  end: Date;
}

/**
 * Reserves `calls` on the link's gate: the window starts when the previous reservation ends (or now).
 * A conditional update makes concurrent reservations (other replicas, other syncs) queue, not overlap.
 */
export async function reserveCalls(db: Db, clock: Clock, linkId: string, calls: number, pacing: Pick<EnterprisePacing, 'callsPerMinute'>): Promise<Reservation> {
  for (;;) {
    const link = await db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId }, select: { paceUntil: true } });
    const now = clock.now();
    const start = link.paceUntil && link.paceUntil > now ? link.paceUntil : now;
    const end = new Date(start.getTime() + calls * callIntervalMs(pacing));
    const { count } = await db.enterpriseConnectLink.updateMany({ where: { id: linkId, paceUntil: link.paceUntil }, data: { paceUntil: end } });
    if (count === 1) return { start, end };
  }
}
