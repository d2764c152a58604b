// Refuses replayed Slack requests. Slack signs the timestamp with the body, and a new delivery (a retry
// included) gets a new timestamp, so the same signature arriving twice is a copy of one request. The
// database decides, so a copy sent to another replica is refused too.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

/** Bolt refuses signatures older than 5 minutes; receipts outlive that, with room for clock skew. */
export const RECEIPT_TTL_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;

export interface ReplayGuard {
  /** True the first time this (already verified) signature is seen; false for a replay. */
  firstReceipt(signature: string): Promise<boolean>;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

export function createReplayGuard(deps: { db: Db; clock: Clock; logger: Logger }): ReplayGuard {
  const { db, clock, logger } = deps;
  let prunedAt = 0;

  /** At most once a minute per process: receipts past their window can never match an accepted request. */
  function pruneSoon(now: Date): void {
    if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now.getTime();
    db.slackRequestReceipt.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - RECEIPT_TTL_MS) } } }).catch((error: unknown) => {
      logger.warn('could not prune Slack request receipts', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  return {
    async firstReceipt(signature) {
      const now = clock.now();
      pruneSoon(now);
      try {
        await db.slackRequestReceipt.create({ data: { signatureHash: createHash('sha256').update(signature).digest('hex'), receivedAt: now } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
