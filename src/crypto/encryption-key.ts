// Resolves the 32-byte key for tokens at rest: ENCRYPTION_KEY, or (local use only) a key file kept in the data folder.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';

export const KEY_FILE_NAME = 'encryption.key';

export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(trimmed) && !/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed))) {
    const message = 'ENCRYPTION_KEY: must be 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)';
    throw new AppError('config_invalid', { message, userMessage: message });
  }
  return key;
}

/** Returns the configured key, or reads/creates `<dataDir>/encryption.key` with owner-only permissions. */
export function resolveEncryptionKey(options: { configured?: string; dataDir: string }): { key: Buffer; source: 'environment' | 'file' | 'generated' } {
  if (options.configured) return { key: parseEncryptionKey(options.configured), source: 'environment' };
  const file = path.join(options.dataDir, KEY_FILE_NAME);
  if (fs.existsSync(file)) return { key: parseEncryptionKey(fs.readFileSync(file, 'utf8')), source: 'file' };
  fs.mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated' };
}
