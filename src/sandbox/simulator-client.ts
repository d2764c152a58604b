// The sandbox page's way to the simulators: their /_sim/ HTTP endpoints, answered as status + JSON.
import { AppError } from '../errors';

export interface SimAnswer {
  status: number;
  body: unknown;
}

export interface SimClient {
  get(path: string, signal?: AbortSignal): Promise<SimAnswer>;
  post(path: string, body: unknown): Promise<SimAnswer>;
}

/** Long enough for a driver call: the Slack simulator waits up to 10 s for the app's ack. */
const REQUEST_TIMEOUT_MS = 15_000;

export function createSimClient(name: string, baseUrl: string): SimClient {
  async function call(path: string, init: RequestInit): Promise<SimAnswer> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/_sim/${path}`, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new AppError('internal', {
        message: `the ${name} simulator did not answer /_sim/${path.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`,
        userMessage: `The ${name} simulator is not answering. Restart Slotline to start it again.`,
        details: { status: 502 },
      });
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = { error: text.slice(0, 500) };
    }
    return { status: response.status, body };
  }
  return {
    get: (path, signal) => call(path, { signal: signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    post: (path, body) =>
      call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  };
}
