// The node:http server: one listener for both Cronofy hosts, with fault injection, the per-app rate
// limit and the request log in front of the router.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimContext } from './config';
import type { FaultInjector } from './fault-injection';
import { jsonResponse, type SimRequest, type SimResponse } from './http';
import type { RateLimiter } from './rate-limit';
import type { Router } from './router';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** Simulator clock, ms. */
  at: number;
}

export interface ServerParts {
  ctx: SimContext;
  router: Router;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  requestLog: RequestLogEntry[];
}

/** Pages a person's browser visits on Cronofy's app host rather than the API host. */
const BROWSER_PATHS = /^\/(oauth\/authorize|enterprise_connect\/|conferencing_services\/|relink\/|graph_api_migration\/)/;
const SIMULATOR_PATHS = /^\/_sim\//;

export async function listen(parts: ServerParts, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => {
    handle(parts, incoming, outgoing).catch(() => outgoing.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host}:${address.port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function handle(parts: ServerParts, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'http://simulator');
  const request: SimRequest = {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    rawBody: Buffer.concat(chunks),
    params: {},
  };
  const response = await respond(parts, request).catch(
    (error: unknown): SimResponse => ({
      status: 500,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  if (!response) return;
  parts.requestLog.push({ method: request.method, path: request.path, status: response.status, at: parts.ctx.config.clock() });
  outgoing.writeHead(response.status, response.headers);
  outgoing.end(response.body);
}

/** Undefined when the simulator stopped while a delayed fault was pending. */
async function respond(parts: ServerParts, request: SimRequest): Promise<SimResponse | undefined> {
  const { ctx, router, faults, rateLimiter } = parts;
  if (SIMULATOR_PATHS.test(request.path)) return router.dispatch(request, ctx);
  const fault = faults.take(request);
  if (fault) {
    try {
      await sleep(fault.delayMs, undefined, { signal: ctx.tasks.signal });
    } catch {
      return undefined;
    }
    return fault.response;
  }
  if (!BROWSER_PATHS.test(request.path)) {
    const retryAfterSec = rateLimiter.admit();
    if (retryAfterSec !== undefined) {
      return jsonResponse(429, { error: 'rate_limited' }, { 'Retry-After': String(retryAfterSec) });
    }
  }
  return router.dispatch(request, ctx);
}
