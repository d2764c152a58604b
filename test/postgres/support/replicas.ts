// Several Slotline processes behind one round-robin load balancer, as a vendor would run them: each replica is a
// real child process (so a test can SIGKILL it), and the balancer skips a replica that refuses connections.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { StartOptions } from '../../../src/app';
import { until as pollUntil } from '../../support/until';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ENTRY = path.join(__dirname, 'replica-main.ts');
const START_TIMEOUT_MS = 60_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Replica {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number | undefined;
  /** stdout and stderr so far (shown when a test fails). */
  output(): string;
  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut off. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop `npm start` does. */
  stop(): Promise<void>;
}

/** Starts one replica on `port` and resolves once it listens. */
export function startReplica(name: string, port: number, env: Record<string, string>, options: Partial<StartOptions> = {}): Promise<Replica> {
  const child: ChildProcess = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), SLOTLINE_REPLICA_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const replica: Replica = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica ${name} did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('replica ready')) {
        clearTimeout(timer);
        resolve(replica);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`replica ${name} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

export interface Balancer {
  readonly url: string;
  /** Which backend answered each request, in order. */
  readonly served: string[];
  stop(): Promise<void>;
}

export interface BalancerOptions {
  /**
   * Requests (by path) sent again to the next backend when the one handling them dies mid-request, as a sender that
   * redelivers on failure does (Cronofy's callbacks); by default such a request gets a 502.
   */
  redeliver?: RegExp;
}

/**
 * Round robin over `backends`: each request goes to the next one; a backend that refuses the connection (killed,
 * restarting) is skipped, as a load balancer's health check would. The request body is buffered for that retry.
 */
export async function startBalancer(backends: () => Array<{ name: string; url: string }>, options: BalancerOptions = {}): Promise<Balancer> {
  let next = 0;
  const served: string[] = [];
  const forward = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, attempt: number) => {
    const targets = backends();
    const target = targets[next++ % targets.length];
    const { hostname, port } = new URL(target.url);
    const upstream = http.request({ host: hostname, port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      served.push(target.name);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const cutOff = error.code !== 'ECONNREFUSED' && Boolean(options.redeliver?.test(req.url ?? ''));
      if (!res.headersSent && (error.code === 'ECONNREFUSED' || cutOff) && attempt < targets.length * 20) {
        setTimeout(() => forward(req, body, res, attempt + 1), 25);
        return;
      }
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, 0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `probe` every 50 ms for up to 30 s: replicas work on their own, and tests watch the database. */
export const until = <T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> => pollUntil(what, probe, timeoutMs, 50);
