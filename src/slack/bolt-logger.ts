// Routes Bolt's own log lines into Slotline's logger (one format, and silenced in tests).
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../platform/logger';

const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');

export function boltLogger(logger: Logger, level: LogLevel): BoltLogger {
  let current = level;
  return {
    debug: (...parts) => logger.debug(`bolt: ${text(parts)}`),
    info: (...parts) => logger.info(`bolt: ${text(parts)}`),
    warn: (...parts) => logger.warn(`bolt: ${text(parts)}`),
    error: (...parts) => logger.error(`bolt: ${text(parts)}`),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: () => undefined,
  };
}
