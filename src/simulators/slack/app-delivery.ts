// Sending signed requests to the app, timing its ack against Slack's 3 seconds, recording what it answered.
import type { SimulatorContext } from './context';
import type { DeliveryRecord } from './records';
import { signRequest } from './signing';

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

function parseAck(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function deliverToApp(sim: SimulatorContext, delivery: Delivery): Promise<DeliveryResult> {
  const appUrl = sim.appUrl();
  if (!appUrl) throw new Error('The Slack simulator has no appUrl: pass it to createSlackSimulator() or call setAppUrl()');
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(appUrl, {
      method: 'POST',
      headers: {
        'content-type': delivery.contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        // Wall-clock timestamp, not sim.clock(): the app checks it against its own clock.
        ...signRequest(sim.app.signingSecret, delivery.rawBody),
        ...delivery.extraHeaders,
      },
      body: delivery.rawBody,
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
  } catch (error) {
    throw new Error(`The Slack simulator could not deliver ${delivery.type} to ${appUrl}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = parseAck(await response.text());
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
