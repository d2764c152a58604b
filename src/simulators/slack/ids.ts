// Slack-looking identifiers: sequential (so test output is stable) for ids, random for anything secret.
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'U' | 'B' | 'A' | 'D' | 'C' | 'V' | 'F' | 'S' | 'Ev';

export class IdFactory {
  private readonly counters = new Map<IdPrefix, number>();
  private lastMicros = 0;

  constructor(private readonly clock: () => number) {}

  next(prefix: IdPrefix): string {
    const count = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, count);
    return `${prefix}0${count.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** Message timestamps: unique and increasing even when the clock stands still. */
  nextTs(): string {
    const micros = Math.max(Math.floor(this.clock() * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  secret(bytes = 16): string {
    return randomBytes(bytes).toString('hex');
  }

  /** Slack's `hash` of a view, e.g. `1569362015.55b5e41b`. */
  viewHash(): string {
    return `${Math.floor(this.clock() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  /** Short random block or action id, as Slack fills in for blocks that have none. */
  shortId(): string {
    return randomBytes(3).toString('base64url');
  }
}
