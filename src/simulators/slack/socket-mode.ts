// Socket Mode: an app with an app-level token (xapp-…) asks apps.connections.open for a WebSocket URL, connects,
// gets a `hello`, and from then on Slack sends it every request as an envelope over the socket instead of POSTing
// to a request URL. The app acknowledges each envelope by its envelope_id, with the ack's body as `payload`.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { IdFactory } from './ids';

export const SOCKET_MODE_PATH = '/socket-mode/link';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface Envelope {
  type: EnvelopeType;
  payload: unknown;
  acceptsResponsePayload: boolean;
  retryAttempt?: number;
  retryReason?: string;
}

export class SocketModeHub {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, (payload: unknown) => void>();

  constructor(
    private readonly ids: IdFactory,
    private readonly appId: string,
  ) {}

  /** A single-use URL for apps.connections.open. */
  openUrl(baseUrl: string): string {
    const ticket = this.ids.secret(16);
    this.tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}${SOCKET_MODE_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** The HTTP server's `upgrade` requests; false for a path that is not Socket Mode's. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://simulator');
    if (url.pathname !== SOCKET_MODE_PATH) return false;
    if (!this.tickets.delete(url.searchParams.get('ticket') ?? '')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return true;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    return true;
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('message', (data: RawData) => this.receive(data));
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'slack-simulator', approximate_connection_time: 18060 }, connection_info: { app_id: this.appId } }));
  }

  private receive(data: RawData): void {
    let ack: { envelope_id?: unknown; payload?: unknown };
    try {
      ack = JSON.parse(data.toString()) as { envelope_id?: unknown; payload?: unknown };
    } catch {
      return;
    }
    if (typeof ack.envelope_id !== 'string') return;
    const resolve = this.waiting.get(ack.envelope_id);
    this.waiting.delete(ack.envelope_id);
    resolve?.(ack.payload ?? null);
  }

  get connected(): boolean {
    return this.openSocket() !== undefined;
  }

  get connections(): number {
    return this.sockets.size;
  }

  private openSocket(): WebSocket | undefined {
    let newest: WebSocket | undefined;
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) newest = ws;
    return newest;
  }

  /** Sends the envelope and waits for its ack; the ack's payload (null for a bare ack), or throws after `timeoutMs`. */
  deliver(envelope: Envelope, timeoutMs: number): Promise<unknown> {
    const ws = this.openSocket();
    if (!ws) return Promise.reject(new Error('no Socket Mode connection is open'));
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(envelopeId);
        reject(new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(envelopeId, (payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: envelope.type,
          payload: envelope.payload,
          accepts_response_payload: envelope.acceptsResponsePayload,
          ...(envelope.type === 'events_api' ? { retry_attempt: envelope.retryAttempt ?? 0, retry_reason: envelope.retryReason ?? '' } : {}),
        }),
      );
    });
  }

  /** Drops every connection without a close handshake, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /**
   * Says goodbye with a close frame, as Slack does when it moves an app's connection: a client left without one
   * keeps a timer running for its close handshake (30 s in @slack/socket-mode).
   */
  async close(): Promise<void> {
    await Promise.all(
      [...this.sockets].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => ws.terminate(), 1_000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(1001, 'going away');
          }),
      ),
    );
    this.sockets.clear();
    this.server.close();
  }
}
