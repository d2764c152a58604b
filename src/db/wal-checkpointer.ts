// Moves SQLite's WAL checkpoints off the event loop. By default the connection whose commit takes the log past 1,000
// pages copies the log into the database file and syncs it, inside that commit, on the event loop: measured here,
// every 40-odd receipt batches (about every 2 s under 300 requests a second) one commit took 4–11 ms instead of 0.15,
// in front of the next Slack acks. With this running, Slotline's own connections never checkpoint
// (wal_autocheckpoint = 0) and a worker thread with its own connection runs a PASSIVE checkpoint every second, which
// waits for no reader or writer. Should the worker stop, the caller turns automatic checkpoints back on.
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** Runs in the worker: plain JavaScript, so it needs no TypeScript loader. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const pragma of workerData.pragmas) db.pragma(pragma);
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A passing error (the disk, a lock): the next tick tries again.
  }
}, workerData.everyMs);
`;

/** `pragmas`: the worker's connection is set up as the app's own are (see client.ts). */
export function startWalCheckpointer(options: { file: string; pragmas: readonly string[]; everyMs?: number; onFailure(error: unknown): void }): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: options.file, pragmas: options.pragmas, everyMs: options.everyMs ?? 1_000, driver: require.resolve('better-sqlite3') },
  });
  // A background helper: it must not keep a stopping process alive.
  worker.unref();
  let stopping = false;
  let failed = false;
  const fail = (error: unknown) => {
    if (stopping || failed) return;
    failed = true;
    options.onFailure(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the WAL checkpoint worker exited with code ${code}`)));
  return {
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
