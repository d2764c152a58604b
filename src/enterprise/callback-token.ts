// The secret in each person's Enterprise Connect callback URL: random, single-use, stored only as a SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const EC_CALLBACK_PATH = '/cronofy/ec';

export function newCallbackToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCallbackToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Also the redirect_uri of the code exchange: Cronofy only accepts the exact callback_url it called. */
export function callbackUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${EC_CALLBACK_PATH}/${token}`;
}

/** Tokens are 43 base64url characters; anything else is refused before a database lookup. */
export function looksLikeCallbackToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
