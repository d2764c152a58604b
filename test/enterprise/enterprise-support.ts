// Test steps for Enterprise Connect: an admin follows Slotline's link through Cronofy's admin consent page,
// and Cronofy-signed callbacks for the per-person route.
import { consent, signBody, HMAC_HEADER } from '../../src/simulators/cronofy';
import { TEST_CRONOFY_CLIENT_SECRET, type Harness } from '../support/harness';

export interface LinkResult {
  /** Where Slotline's link sent the browser (Cronofy's Enterprise Connect page). */
  cronofyUrl: string;
  /** Slotline's callback URL Cronofy redirected back to. */
  callbackUrl: string;
  status: number;
  page: string;
}

/** Opens the admin's link, consents (or declines) on Cronofy's page as `adminEmail`, and loads Slotline's callback. */
export async function linkEnterprise(harness: Harness, options: { workspaceId: string; adminSlackUserId: string; adminEmail: string; provider?: string; allow?: boolean }): Promise<LinkResult> {
  const { url } = await harness.ctx.enterprise.startLink(options.workspaceId, options.adminSlackUserId, options.provider);
  const opened = await fetch(url, { redirect: 'manual' });
  const cronofyUrl = opened.headers.get('location');
  if (opened.status !== 302 || !cronofyUrl) throw new Error(`the link answered ${opened.status}: ${await opened.text()}`);
  const { location } = await consent(cronofyUrl, { email: options.adminEmail, allow: options.allow ?? true });
  const callback = await fetch(location);
  return { cronofyUrl, callbackUrl: location, status: callback.status, page: await callback.text() };
}

/** POSTs a body to a per-person callback URL, signed like Cronofy signs it (or with the given header). */
export async function postCallback(url: string, body: unknown, options: { hmac?: string } = {}): Promise<{ status: number; result: string }> {
  const raw = JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [HMAC_HEADER]: options.hmac ?? signBody(raw, TEST_CRONOFY_CLIENT_SECRET) },
    body: raw,
  });
  const json = (await response.json()) as { result: string };
  return { status: response.status, result: json.result };
}

/** Polls until `check` returns a value (not undefined/false): the job queue and Cronofy's callbacks run on their own. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs due jobs until neither the queue nor the simulator's callbacks have anything left to do now. */
export async function settle(harness: Harness, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await harness.cronofy.whenIdle();
    const ran = await harness.ctx.jobs.drain();
    await harness.cronofy.whenIdle();
    if (ran === 0) return;
  }
}
