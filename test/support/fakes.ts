// Small fakes of the ports for unit tests.
import type { Clock } from '../../src/platform/clock';
import type { IdGenerator } from '../../src/platform/ids';
import type { Logger } from '../../src/platform/logger';

export function fakeClock(start = new Date('2026-11-23T10:00:00Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (date) => {
      now = date.getTime();
    },
  };
}

export function sequentialIds(): IdGenerator {
  let next = 0;
  return { id: (prefix) => `${prefix ?? 'id'}_${(next += 1)}` };
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every entry, for tests that check what the log says about a failure. */
export function recordingLogger(): Logger & { entries: LogEntry[]; find(message: string): LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, message, fields });
  return { entries, find: (message) => entries.filter((entry) => entry.message === message), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Cronofy retries cut to milliseconds, so outage tests reach "Cronofy is not answering" in well under a second. */
export const QUICK_CRONOFY_RETRIES = { attempts: 3, baseDelayMs: 5, maxDelayMs: 10, timeoutMs: 300 };
