// Refuses replayed Slack requests. Slack signs the timestamp with the body, and a new delivery (a retry
// included) gets a new timestamp, so the same signature arriving twice is a copy of one request.
//
// Receipts (a hash of each signature) are kept in memory for the signature window and in the database:
// - `database` sharing (PostgreSQL, several replicas): the database decides, so a copy sent to another replica is
//   refused too; each receipt is an insert (a duplicate key means a copy), awaited before the request goes on.
// - `process` sharing (SQLite, one process owns the file): memory decides, so a request does not wait on a write;
//   receipts reach the database in batches a moment later, and a restarted process reads them back first, so a
//   copy sent after a restart is refused as well.
import { hash } from 'node:crypto';
import type { Db } from '../db/client';
import type { RawSql } from '../db/raw-sql';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

/** Bolt refuses signatures older than 5 minutes; receipts outlive that, with room for clock skew. */
export const RECEIPT_TTL_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;
/** How long a receipt may wait in memory before it is written (process sharing). */
export const WRITE_BEHIND_MS = 50;

export type ReceiptSharing = 'database' | 'process';

export interface ReplayGuard {
  /** True the first time this (already verified) signature is seen; false for a replay. */
  firstReceipt(signature: string): Promise<boolean>;
  /** Writes the receipts still held in memory (before the process stops). */
  flush(): Promise<void>;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Rows per INSERT: well inside every database's limit on bound parameters. */
const INSERT_CHUNK = 500;

export function createReplayGuard(deps: { db: Db; rawSql: RawSql; clock: Clock; logger: Logger; sharing: ReceiptSharing }): ReplayGuard {
  const { db, rawSql, clock, logger, sharing } = deps;
  /** Signature hash → when it was received (ms). */
  const seen = new Map<string, number>();
  let unwritten: Array<{ signatureHash: string; receivedAt: Date }> = [];
  let writeTimer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let loaded: Promise<void> | undefined;
  let prunedAt = 0;

  /** At most once a minute per process: receipts past their window can never match an accepted request. */
  function pruneSoon(now: number): void {
    if (now - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now;
    const cutoff = now - RECEIPT_TTL_MS;
    for (const [hash, receivedAt] of seen) if (receivedAt < cutoff) seen.delete(hash);
    db.slackRequestReceipt.deleteMany({ where: { receivedAt: { lt: new Date(cutoff) } } }).catch((error: unknown) => {
      logger.warn('could not prune Slack request receipts', { error: errorMessage(error) });
    });
  }

  /** Receipts an earlier run of this process wrote (process sharing reads them once, before the first answer). */
  function loadEarlierReceipts(): Promise<void> {
    loaded ??= db.slackRequestReceipt
      .findMany({ where: { receivedAt: { gte: new Date(clock.now().getTime() - RECEIPT_TTL_MS) } }, select: { signatureHash: true, receivedAt: true } })
      .then((rows) => {
        for (const row of rows) seen.set(row.signatureHash, row.receivedAt.getTime());
      })
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  }

  /**
   * Through RawSql: this runs up to twenty times a second under load, and Prisma Client's createMany held the event
   * loop 1–11 ms each time, in front of the next Slack requests' acks. A receipt already stored is left as it is.
   */
  async function insertReceipts(batch: Array<{ signatureHash: string; receivedAt: Date }>): Promise<void> {
    for (let start = 0; start < batch.length; start += INSERT_CHUNK) {
      const chunk = batch.slice(start, start + INSERT_CHUNK);
      await rawSql.execute(
        `INSERT INTO "SlackRequestReceipt" ("signatureHash", "receivedAt") VALUES ${chunk.map(() => '(?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
        chunk.flatMap((receipt) => [receipt.signatureHash, receipt.receivedAt]),
      );
    }
  }

  function writeUnwritten(): Promise<void> {
    writeTimer = undefined;
    const batch = unwritten;
    unwritten = [];
    if (batch.length === 0) return writing;
    writing = writing
      .then(() => insertReceipts(batch))
      .then(
        () => undefined,
        (error: unknown) => {
          // Memory still refuses these copies while the process lives; only a restart would forget them.
          logger.warn('could not store Slack request receipts', { count: batch.length, error: errorMessage(error) });
        },
      );
    return writing;
  }

  async function claimInDatabase(signatureHash: string, receivedAt: Date): Promise<boolean> {
    try {
      await db.slackRequestReceipt.create({ data: { signatureHash, receivedAt } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  return {
    async firstReceipt(signature) {
      const now = clock.now();
      pruneSoon(now.getTime());
      const signatureHash = hash('sha256', signature);
      if (sharing === 'process') await loadEarlierReceipts();
      if (seen.has(signatureHash)) return false;
      if (sharing === 'database') {
        if (!(await claimInDatabase(signatureHash, now))) return false;
        seen.set(signatureHash, now.getTime());
        return true;
      }
      seen.set(signatureHash, now.getTime());
      unwritten.push({ signatureHash, receivedAt: now });
      writeTimer ??= setTimeout(() => void writeUnwritten(), WRITE_BEHIND_MS).unref();
      return true;
    },
    async flush() {
      clearTimeout(writeTimer);
      await writeUnwritten();
    },
  };
}
