// A bare HTTP "app" for tests: records what the simulator sends, verifies its signature, answers as told.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  signatureValid: boolean;
  /** The interaction payload, the event envelope, or the command's form fields. */
  body: Record<string, unknown>;
}

export type Responder = (request: ReceivedRequest) => { status?: number; body?: unknown };

function signatureValid(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${String(headers['x-slack-request-timestamp'])}:${rawBody}`).digest('hex')}`);
  const given = Buffer.from(String(headers['x-slack-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parse(headers: IncomingHttpHeaders, rawBody: string): Record<string, unknown> {
  if (headers['content-type'] !== 'application/x-www-form-urlencoded') return JSON.parse(rawBody) as Record<string, unknown>;
  const form = new URLSearchParams(rawBody);
  const payload = form.get('payload');
  return payload ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(form);
}

export class RecordingApp {
  readonly received: ReceivedRequest[] = [];
  respond: Responder = () => ({});

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(signingSecret: string): Promise<RecordingApp> {
    let app: RecordingApp | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const request = { headers: req.headers, rawBody, signatureValid: signatureValid(signingSecret, req.headers, rawBody), body: parse(req.headers, rawBody) };
        app?.received.push(request);
        const { status = 200, body } = app?.respond(request) ?? {};
        res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    app = new RecordingApp(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
    return app;
  }

  last(): ReceivedRequest {
    const request = this.received.at(-1);
    if (!request) throw new Error('The app has received nothing');
    return request;
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
