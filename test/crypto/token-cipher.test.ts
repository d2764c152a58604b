import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenCipher } from '../../src/crypto/token-cipher';
import { parseEncryptionKey, resolveEncryptionKey } from '../../src/crypto/encryption-key';
import { deriveKey } from '../../src/crypto/derive-key';
import { AppError } from '../../src/errors';

describe('token cipher (AES-256-GCM)', () => {
  const cipher = createTokenCipher(randomBytes(32));

  it('round-trips a token without the plain text appearing in the sealed value', () => {
    const sealed = cipher.encrypt('acc-token-123');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('acc-token-123');
    expect(cipher.decrypt(sealed)).toBe('acc-token-123');
  });

  it('uses a fresh IV every time', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = cipher.encrypt('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64url')}`)).toThrow(AppError);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed)).toThrow(/authentication failed/);
    expect(() => cipher.decrypt('plain-text-token')).toThrow(/unknown format/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createTokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('encryption key', () => {
  it('accepts 64 hex characters or base64 of 32 bytes, and refuses anything else with a message', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(() => parseEncryptionKey('too-short')).toThrow(/ENCRYPTION_KEY: must be 32 random bytes/);
    expect(() => parseEncryptionKey(randomBytes(16).toString('hex'))).toThrow(/ENCRYPTION_KEY/);
  });

  it('generates a key file once in local use and reuses it afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-key-'));
    const first = resolveEncryptionKey({ dataDir: dir });
    const second = resolveEncryptionKey({ dataDir: dir });
    expect(first.source).toBe('generated');
    expect(second.source).toBe('file');
    expect(second.key).toEqual(first.key);
    expect(fs.statSync(path.join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);
  });

  it('derives different keys per purpose', () => {
    const master = randomBytes(32);
    expect(deriveKey(master, 'token-encryption')).not.toEqual(deriveKey(master, 'link-signing'));
    expect(deriveKey(master, 'link-signing')).toEqual(deriveKey(master, 'link-signing'));
  });
});
