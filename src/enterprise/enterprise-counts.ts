// How a link's requests stand, counting each person's latest request once (shared by ctx.enterprise.status
// and the admin summary of /integrations status).
import type { Db } from '../db/client';
import { OPEN_STATES } from './runtime';

export interface EnterpriseCounts {
  /** People asked for (cancelled requests excluded). */
  requested: number;
  succeeded: number;
  failed: number;
  /** Queued, sent, or exchanging their code. */
  pending: number;
}

export const NO_COUNTS: EnterpriseCounts = { requested: 0, succeeded: 0, failed: 0, pending: 0 };

export async function countLinkRequests(db: Db, linkId: string): Promise<EnterpriseCounts> {
  const groups = await db.serviceAccountAuthorization.groupBy({ by: ['state'], where: { linkId, current: true }, _count: { _all: true } });
  const of = (...states: string[]) => groups.filter((g) => states.includes(g.state)).reduce((sum, g) => sum + g._count._all, 0);
  const pending = of(...OPEN_STATES);
  const succeeded = of('succeeded');
  const failed = of('failed');
  return { requested: pending + succeeded + failed, succeeded, failed, pending };
}
