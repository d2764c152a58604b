// Verifies Cronofy-HMAC-SHA256 (base64 HMAC-SHA256 of the raw body keyed by the client secret).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function cronofyHmac(rawBody: Buffer | string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(rawBody).digest('base64');
}

/** The header may list several comma-separated values (one per active client secret); any match is valid. */
export function isValidCronofyHmac(rawBody: Buffer | string, header: string | undefined, clientSecret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(cronofyHmac(rawBody, clientSecret));
  return header
    .split(',')
    .map((value) => Buffer.from(value.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}
