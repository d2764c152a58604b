// Starts the measured app in a child process and talks to it over IPC; prepares migrated SQLite files.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { StartOptions } from '../../src/app';
import { migrateDatabase } from '../../src/db/migrate';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(__dirname, 'app-process.ts');

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

export interface Scratch {
  dir: string;
  /** A fresh copy of the migrated database, as a SQLite URL. */
  freshDatabase(name: string): string;
  dispose(): void;
}

/** Migrates one SQLite template (prisma migrate deploy takes seconds) and hands out copies of it. */
export async function createScratch(): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-bench-'));
  const template = path.join(dir, 'template.db');
  await migrateDatabase(`file:${template}`);
  return {
    dir,
    freshDatabase(name) {
      const file = path.join(dir, `${name}.db`);
      fs.copyFileSync(template, file);
      return `file:${file}`;
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface AppProcess {
  url: string;
  pid: number;
  call<T>(op: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startAppProcess(options: { kind: 'slotline' | 'bare'; env: Record<string, string>; start?: Partial<StartOptions> }): Promise<AppProcess> {
  const port = await freePort();
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of each measured app there (to see where its time goes).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // --expose-gc: the ack bench collects the measured app's heap before each run (see ack-latency.ts).
  const child: ChildProcess = spawn(process.execPath, [...profile, '--expose-gc', '--require', 'tsx/cjs', ENTRY], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), BENCH_APP: options.kind, BENCH_START_OPTIONS: JSON.stringify(options.start ?? {}) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString()}`.slice(-8_000);
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${options.kind} app did not start:\n${stderr}`)), 120_000);
    child.on('message', (message: { ready?: boolean }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${options.kind} app exited (${code}):\n${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    call<T>(op: string) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, op });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ id: 0, op: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
