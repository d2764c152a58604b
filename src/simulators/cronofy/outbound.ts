// Signed POSTs from "Cronofy" to the app: push notifications, service-account results and event
// subscription webhooks. Every delivery is logged; failures are not retried.
import { HMAC_HEADER, signBody } from './hmac';
import type { TaskRunner } from './tasks';

export interface Delivery {
  url: string;
  /** Notification type, e.g. `verification`, `change`, `conferencing_assigned`, `service_account_authorization`. */
  type: string;
  body: string;
  status?: number;
  error?: string;
  at: number;
}

export interface Outbound {
  send(url: string, type: string, payload: unknown, delayMs: number): void;
  readonly deliveries: Delivery[];
}

const DELIVERY_TIMEOUT_MS = 5000;

export function createOutbound(clientSecret: string, tasks: TaskRunner, clock: () => number): Outbound {
  const deliveries: Delivery[] = [];

  function send(url: string, type: string, payload: unknown, delayMs: number): void {
    tasks.later(delayMs, async () => {
      const body = JSON.stringify(payload);
      const delivery: Delivery = { url, type, body, at: clock() };
      try {
        const response = await fetch(url, {
          method: 'POST',
          body,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'User-Agent': 'Cronofy Simulator',
            [HMAC_HEADER]: signBody(body, clientSecret),
          },
          signal: AbortSignal.any([tasks.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
        });
        await response.arrayBuffer();
        delivery.status = response.status;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
      deliveries.push(delivery);
    });
  }

  return { send, deliveries };
}
