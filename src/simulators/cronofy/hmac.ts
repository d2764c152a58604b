// Cronofy-HMAC-SHA256: base64 HMAC-SHA256 of the raw callback body, keyed with the client secret.
import { createHmac } from 'node:crypto';

export const HMAC_HEADER = 'Cronofy-HMAC-SHA256';

export function signBody(body: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(body).digest('base64');
}
