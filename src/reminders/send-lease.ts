// The lease a sender holds on a reminder row in `sending`: taken with a conditional update, renewed by a heartbeat
// while the DM is on its way, and checked by every write the sender makes. A sender whose lease lapsed and whose row
// was taken over (see dispatch.ts) changes nothing more.
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

/** How often a live sender renews its lease; the lease itself lasts much longer (see STUCK_AFTER_MS). */
export const HEARTBEAT_MS = 30_000;

/** What a sender writes to its row (a subset of the Nudge columns). */
export interface NudgeWrite {
  status?: string;
  error?: string | null;
  sentAt?: Date;
  messageTs?: string;
  attempts?: number;
  claimedAt?: Date | null;
  leaseUntil?: Date | null;
  scheduledFor?: Date;
}

export interface SendLease {
  readonly nudgeId: string;
  /** Writes to the row while the lease is held; false (and nothing written) once it was lost. */
  write(data: NudgeWrite): Promise<boolean>;
  /** Renews the lease until the returned function is called. */
  keepAlive(): () => void;
}

export interface LeasePorts {
  db: Db;
  clock: Clock;
  logger: Logger;
  leaseMs: number;
}

/** A lease the caller just wrote (`until`); every write is conditional on it, so a takeover is noticed. */
export function heldLease(ports: LeasePorts, nudgeId: string, until: Date): SendLease {
  const { db, clock, logger, leaseMs } = ports;
  let held: Date | null = until;
  // Writes and renewals one at a time: a renewal in flight must not make the next write miss its condition.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const write = (data: NudgeWrite) =>
    serial(async () => {
      if (!held) return false;
      const changed = await db.nudge.updateMany({ where: { id: nudgeId, status: 'sending', leaseUntil: held }, data });
      if (changed.count === 0) {
        held = null;
        logger.warn('a reminder’s lease was lost; another sender took the row over', { nudgeId });
        return false;
      }
      // A write that ends the sending (or sets a new lease) moves what the next write must match.
      held = data.status !== undefined && data.status !== 'sending' ? null : (data.leaseUntil ?? held);
      return true;
    });

  return {
    nudgeId,
    write,
    keepAlive() {
      const timer = setInterval(() => {
        write({ leaseUntil: new Date(clock.now().getTime() + leaseMs) }).catch((error: unknown) =>
          logger.warn('could not renew a reminder’s lease', { nudgeId, error: error instanceof Error ? error.message : String(error) }),
        );
      }, Math.min(HEARTBEAT_MS, leaseMs / 4));
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/** scheduled → sending: the first claim of a due reminder. Null when another sender has it. */
export async function claimScheduled(ports: LeasePorts, nudgeId: string): Promise<{ lease: SendLease; claimedAt: Date } | null> {
  const claimedAt = ports.clock.now();
  const until = new Date(claimedAt.getTime() + ports.leaseMs);
  const claimed = await ports.db.nudge.updateMany({ where: { id: nudgeId, status: 'scheduled' }, data: { status: 'sending', claimedAt, leaseUntil: until } });
  return claimed.count === 1 ? { lease: heldLease(ports, nudgeId, until), claimedAt } : null;
}

/**
 * A row in `sending` whose lease lapsed, taken over as it was read (same lease, same claim), so of several
 * replicas looking at it only one goes on. Null when someone else took it first.
 */
export async function takeLapsed(ports: LeasePorts, row: { id: string; leaseUntil: Date | null; claimedAt: Date | null }): Promise<SendLease | null> {
  const until = new Date(ports.clock.now().getTime() + ports.leaseMs);
  const taken = await ports.db.nudge.updateMany({ where: { id: row.id, status: 'sending', leaseUntil: row.leaseUntil, claimedAt: row.claimedAt }, data: { leaseUntil: until } });
  return taken.count === 1 ? heldLease(ports, row.id, until) : null;
}
