// Separate keys per use, derived from ENCRYPTION_KEY, so the token cipher key never signs links directly.
import { hkdfSync } from 'node:crypto';

export function deriveKey(masterKey: Buffer, purpose: 'token-encryption' | 'link-signing'): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `slotline:${purpose}`, 32));
}
