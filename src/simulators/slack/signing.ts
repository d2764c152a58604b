// Slack's v0 request signature, computed over the exact bytes that are sent.
import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'X-Slack-Signature': string;
  'X-Slack-Request-Timestamp': string;
}

export function signRequest(signingSecret: string, rawBody: string, timestampSec = Math.floor(Date.now() / 1000)): SlackSignatureHeaders {
  const hex = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return { 'X-Slack-Signature': `v0=${hex}`, 'X-Slack-Request-Timestamp': String(timestampSec) };
}
