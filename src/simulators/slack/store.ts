// In-memory record store with a change log; `waitFor` and the `/_sim/changes` long-poll both listen to it.
import { describeRecord, type RecordKind, type RecordOfKind, type SimRecord } from './records';

export interface Change {
  seq: number;
  record: SimRecord;
}

export interface WaitForOptions {
  timeoutMs?: number;
  /** Only consider records added or changed after this sequence number (see `seq`). */
  since?: number;
}

interface Listener {
  onChange(change: Change): void;
  onClose(): void;
}

const DEFAULT_WAIT_MS = 2000;

export class SimStore {
  private readonly collections = new Map<RecordKind, SimRecord[]>();
  private readonly log: Change[] = [];
  private readonly listeners = new Set<Listener>();
  private closed = false;

  get seq(): number {
    return this.log.length;
  }

  add<R extends SimRecord>(record: R): R {
    const list = this.collections.get(record.kind) ?? [];
    list.push(record);
    this.collections.set(record.kind, list);
    this.changed(record);
    return record;
  }

  /** Call after mutating a stored record, so listeners see the new state. */
  changed(record: SimRecord): void {
    const change = { seq: this.log.length + 1, record };
    this.log.push(change);
    for (const listener of [...this.listeners]) listener.onChange(change);
  }

  list<K extends RecordKind>(kind: K): RecordOfKind<K>[] {
    return [...((this.collections.get(kind) ?? []) as RecordOfKind<K>[])];
  }

  changesSince(seq: number): Change[] {
    return this.log.slice(Math.max(0, seq));
  }

  /** Resolves with the changes after `seq`, waiting up to `timeoutMs` for the first one. */
  nextChanges(seq: number, timeoutMs: number): Promise<Change[]> {
    const ready = this.changesSince(seq);
    if (ready.length > 0 || this.closed) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(this.changesSince(seq));
      };
      const listener: Listener = { onChange: finish, onClose: finish };
      const timer = setTimeout(finish, timeoutMs);
      this.listeners.add(listener);
    });
  }

  waitFor<R extends SimRecord>(predicate: (record: SimRecord) => record is R, options?: WaitForOptions): Promise<R>;
  waitFor(predicate: (record: SimRecord) => boolean, options?: WaitForOptions): Promise<SimRecord>;
  waitFor(predicate: (record: SimRecord) => boolean, options: WaitForOptions = {}): Promise<SimRecord> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    const seen = new Set<SimRecord>();
    for (const { record } of this.changesSince(options.since ?? 0)) {
      if (seen.has(record)) continue;
      seen.add(record);
      if (predicate(record)) return Promise.resolve(record);
    }
    if (this.closed) return Promise.reject(new Error('waitFor: the Slack simulator is stopped'));
    return new Promise((resolve, reject) => {
      const stopListening = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener: Listener = {
        onChange: ({ record }) => {
          if (!predicate(record)) return;
          stopListening();
          resolve(record);
        },
        onClose: () => {
          stopListening();
          reject(new Error('waitFor: the Slack simulator stopped before a matching record appeared'));
        },
      };
      const timer = setTimeout(() => {
        stopListening();
        reject(new Error(this.timeoutMessage(predicate, timeoutMs)));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  close(): void {
    this.closed = true;
    for (const listener of [...this.listeners]) listener.onClose();
  }

  private timeoutMessage(predicate: (record: SimRecord) => boolean, timeoutMs: number): string {
    const recent = this.log.slice(-10).map(({ seq, record }) => `  #${seq} ${describeRecord(record)}`);
    return [
      `waitFor timed out after ${timeoutMs} ms; no record matched ${predicate.toString().slice(0, 200)}`,
      recent.length > 0 ? `Most recent records:\n${recent.join('\n')}` : 'No records yet.',
    ].join('\n');
  }
}
