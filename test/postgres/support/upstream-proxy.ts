// An HTTP proxy between one replica and a simulator (Slack's Web API, Cronofy's API), so a fault test sees which
// replica sent what and can stop a request at a chosen point: held before the simulator sees it, or held after the
// simulator answered (the work is done there, the replica never learns it). Killing the replica then cuts the
// request off exactly there. Everything else passes through unchanged, optionally slowed down.
import http from 'node:http';
import type net from 'node:net';

export interface ProxiedCall {
  method: string;
  /** Path and query, as the replica sent them. */
  url: string;
  body: string;
  /** When the replica sent it (ms since the epoch). */
  at: number;
  /** The simulator's answer; undefined while the call was never forwarded. */
  status?: number;
}

export type CallMatch = (call: ProxiedCall) => boolean;

interface Hold {
  match: CallMatch;
  where: 'before' | 'after';
  /** Holds every matching call (until reset) rather than the next one. */
  every: boolean;
  found?: (call: ProxiedCall) => void;
}

export interface UpstreamProxy {
  readonly url: string;
  /** Calls the simulator answered, in order. */
  readonly forwarded: ProxiedCall[];
  /** Matching calls forwarded to the simulator and not answered yet. */
  inFlight(match: CallMatch): number;
  /** Adds latency to matching calls before they are forwarded. */
  slowDown(match: CallMatch, ms: number): void;
  /**
   * Holds the next matching call: `before` it reaches the simulator, or `after` the simulator answered (the answer
   * is not passed on). Resolves with the call once it is held.
   */
  holdNext(match: CallMatch, where: 'before' | 'after', timeoutMs?: number): Promise<ProxiedCall>;
  /** Holds every matching call before it reaches the simulator, until reset(). */
  holdEvery(match: CallMatch): void;
  /** Forgets holds and latency; calls held so far are never forwarded or answered. */
  reset(): void;
  stop(): Promise<void>;
}

export async function startUpstreamProxy(upstream: string): Promise<UpstreamProxy> {
  const target = new URL(upstream);
  const forwarded: ProxiedCall[] = [];
  const waiting = new Set<ProxiedCall>();
  let holds: Hold[] = [];
  let delays: Array<{ match: CallMatch; ms: number }> = [];

  const holdFor = (call: ProxiedCall, where: Hold['where']): Hold | undefined => {
    const hold = holds.find((candidate) => candidate.where === where && candidate.match(call));
    if (hold && !hold.every) holds = holds.filter((candidate) => candidate !== hold);
    hold?.found?.(call);
    return hold;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call: ProxiedCall = { method: req.method ?? 'GET', url: req.url ?? '/', body: body.toString('utf8'), at: Date.now() };
      if (holdFor(call, 'before')) return;
      const delay = delays.find((candidate) => candidate.match(call))?.ms ?? 0;
      setTimeout(() => {
        if (req.socket.destroyed) return;
        const headers = { ...req.headers, host: target.host };
        waiting.add(call);
        const outgoing = http.request({ host: target.hostname, port: target.port, method: call.method, path: call.url, headers }, (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            call.status = answer.statusCode;
            waiting.delete(call);
            forwarded.push(call);
            if (holdFor(call, 'after')) return;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(answerChunks));
          });
        });
        outgoing.on('error', () => {
          waiting.delete(call);
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        outgoing.end(body);
      }, delay);
    });
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    inFlight: (match) => [...waiting].filter(match).length,
    slowDown(match, ms) {
      delays.push({ match, ms });
    },
    holdNext(match, where, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          holds = holds.filter((candidate) => candidate !== hold);
          reject(new Error(`no matching call to hold ${where} the simulator within ${timeoutMs} ms`));
        }, timeoutMs);
        const hold: Hold = {
          match,
          where,
          every: false,
          found: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        holds.push(hold);
      });
    },
    holdEvery(match) {
      holds.push({ match, where: 'before', every: true });
    },
    reset() {
      holds = [];
      delays = [];
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
