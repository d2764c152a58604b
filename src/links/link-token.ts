// Link tokens: 144 random bits plus a truncated HMAC, so forged or tampered tokens are refused without a lookup.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SIGNATURE_BYTES = 16;

export function createLinkToken(signingKey: Buffer): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${sign(signingKey, nonce)}`;
}

export function hasValidSignature(signingKey: Buffer, token: string): boolean {
  const match = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return false;
  const expected = Buffer.from(sign(signingKey, match[1]));
  const actual = Buffer.from(match[2]);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** What the database keeps: never the token itself. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sign(signingKey: Buffer, nonce: string): string {
  return createHmac('sha256', signingKey).update(nonce).digest().subarray(0, SIGNATURE_BYTES).toString('base64url');
}
