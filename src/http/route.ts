// Plain Node HTTP routes served next to Bolt (Bolt's customRoutes): types and small I/O helpers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors';

export interface RouteRequest extends IncomingMessage {
  params?: Record<string, string | string[]>;
}

/** A single path parameter (Bolt's matcher may give arrays for repeated segments). */
export function routeParam(req: RouteRequest, name: string): string | undefined {
  const value = req.params?.[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface HttpRoute {
  path: string;
  method: 'GET' | 'POST' | Array<'GET' | 'POST'>;
  handler(req: RouteRequest, res: ServerResponse): void | Promise<void>;
}

export const MAX_BODY_BYTES = 256 * 1024;

/** Reads the raw body (needed for HMAC checks over exact bytes), refusing bodies over the limit. */
export function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (size: string) => new AppError('bad_request', { message: `body too large (${size})`, userMessage: 'Request body too large.', details: { status: 413 } });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      discardRest(req);
      reject(tooLarge(`${declared} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      discardRest(req);
      reject(tooLarge(`>${limit} bytes`));
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * Drops the rest of a refused body instead of destroying the socket, which would also destroy the 413 the
 * sender should read; the 413 then closes the connection, which cuts off a sender that keeps streaming.
 */
function discardRest(req: IncomingMessage): void {
  req.on('data', () => undefined);
  req.resume();
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html), 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  res.end();
}

export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://internal');
}

/** Wraps an async handler: Bolt does not await custom routes, so failures must be answered here. */
export function safeHandler(onError: (error: unknown, req: RouteRequest, res: ServerResponse) => void, handler: HttpRoute['handler']): HttpRoute['handler'] {
  return (req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error) => {
        if (!res.headersSent) onError(error, req, res);
        else res.end();
      });
  };
}
