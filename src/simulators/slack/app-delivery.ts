// Sending signed requests to the app (or envelopes over its Socket Mode connection), timing its ack against
// Slack's 3 seconds, recording what it answered.
import http from 'node:http';
import https from 'node:https';
import type { SimulatorContext } from './context';
import type { DeliveryRecord } from './records';
import { signRequest } from './signing';
import type { Envelope } from './socket-mode';

const ACK_DEADLINE_MS = 3000;
/** Long enough for a slow CI machine; Slack itself would have given up after ACK_DEADLINE_MS. */
const GIVE_UP_MS = 10_000;

export interface DeliveryResult {
  status: number;
  /** Parsed JSON, the raw text when it is not JSON, or null when empty. */
  body: unknown;
  ackMs: number;
  ackedInTime: boolean;
}

export interface Delivery {
  type: string;
  teamId: string;
  userId: string | null;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  rawBody: string;
  extraHeaders?: Record<string, string>;
}

// Plain node:http with kept-alive connections, as Slack's own delivery reuses connections: fetch costs several
// times the CPU per request, which would blur the ack latencies the bench measures through this simulator.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

function post(appUrl: string, headers: Record<string, string>, body: string, firstTry = true): Promise<{ status: number; text: string }> {
  const url = new URL(appUrl);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: agents[url.protocol as 'http:' | 'https:'], timeout: GIVE_UP_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${GIVE_UP_MS} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the app closed just as it was reused (an app restarting): Node's documented
      // remedy is to send again on a new connection.
      if (firstTry && request.reusedSocket && error.code === 'ECONNRESET') post(appUrl, headers, body, false).then(resolve, reject);
      else reject(error);
    });
    request.end(body);
  });
}

function parseAck(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The Socket Mode envelope of what would otherwise be POSTed: events as they are, commands as their fields, interactions as their payload. */
export function envelopeOf(delivery: Delivery): Envelope {
  const retry = delivery.extraHeaders?.['X-Slack-Retry-Num'];
  if (delivery.contentType === 'application/json') {
    return { type: 'events_api', payload: JSON.parse(delivery.rawBody) as unknown, acceptsResponsePayload: false, retryAttempt: retry ? Number(retry) : 0, retryReason: delivery.extraHeaders?.['X-Slack-Retry-Reason'] ?? '' };
  }
  const form = new URLSearchParams(delivery.rawBody);
  const interaction = form.get('payload');
  if (interaction === null) return { type: 'slash_commands', payload: Object.fromEntries(form), acceptsResponsePayload: true };
  const payload = JSON.parse(interaction) as { type?: string };
  // Slack takes a response in the ack for the interactions whose HTTP ack may carry one.
  return { type: 'interactive', payload, acceptsResponsePayload: payload.type === 'view_submission' || payload.type === 'block_suggestion' };
}

async function exchange(sim: SimulatorContext, delivery: Delivery): Promise<{ status: number; text: string }> {
  if (sim.socketMode.connected) {
    try {
      const payload = await sim.socketMode.deliver(envelopeOf(delivery), GIVE_UP_MS);
      return { status: 200, text: payload === null ? '' : JSON.stringify(payload) };
    } catch (error) {
      throw new Error(`The Slack simulator could not deliver ${delivery.type} over Socket Mode: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const appUrl = sim.appUrl();
  if (!appUrl) throw new Error('The Slack simulator has no appUrl (pass it to createSlackSimulator() or call setAppUrl()) and no Socket Mode connection');
  try {
    return await post(
      appUrl,
      {
        'content-type': delivery.contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        // Wall-clock timestamp, not sim.clock(): the app checks it against its own clock.
        ...signRequest(sim.app.signingSecret, delivery.rawBody),
        ...delivery.extraHeaders,
      },
      delivery.rawBody,
    );
  } catch (error) {
    throw new Error(`The Slack simulator could not deliver ${delivery.type} to ${appUrl}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deliverToApp(sim: SimulatorContext, delivery: Delivery): Promise<DeliveryResult> {
  const started = performance.now();
  const response = await exchange(sim, delivery);
  const body = parseAck(response.text);
  const ackMs = Math.round(performance.now() - started);
  sim.store.add<DeliveryRecord>({
    kind: 'delivery',
    type: delivery.type,
    teamId: delivery.teamId,
    userId: delivery.userId,
    status: response.status,
    body,
    ackMs,
    at: sim.clock(),
  });
  return { status: response.status, body, ackMs, ackedInTime: ackMs <= ACK_DEADLINE_MS };
}
