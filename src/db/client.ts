// Opens the Prisma client for the configured database through its driver adapter.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient as SqlitePrismaClient, type Prisma as SqlitePrisma } from '../generated/prisma/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma/postgres/client';
import { databaseFlavour, sqliteFilePath, type DatabaseFlavour } from './database-url';
import { createRawSql, createSqliteRawSql, type RawSql } from './raw-sql';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

/** Both generated clients have the same model API; the SQLite one's type stands for either. */
export type Db = SqlitePrismaClient;

export interface Database {
  db: Db;
  /** For hot SQL past Prisma Client's per-query work: large reads, frequent small writes (see raw-sql.ts). */
  rawSql: RawSql;
  flavour: DatabaseFlavour;
  close(): Promise<void>;
  ping(): Promise<void>;
}

/**
 * Write-ahead logging: a commit appends to one log instead of creating, syncing and deleting a rollback journal
 * (several times faster for Slotline's many small writes), and readers no longer wait for the writer. The mode is
 * stored in the file. Best effort: a file another process holds locked keeps its mode.
 */
function useWriteAheadLog(file: string): void {
  if (!fs.existsSync(file)) return;
  try {
    const sqlite = new BetterSqlite3(file);
    try {
      sqlite.pragma('journal_mode = WAL');
    } finally {
      sqlite.close();
    }
  } catch {
    // Locked or read-only: the database still works in its current mode.
  }
}

type AdapterFactory = NonNullable<SqlitePrisma.PrismaClientOptions['adapter']>;

/**
 * The settings of every connection Slotline opens to a SQLite file (Prisma's, RawSql's and the checkpoint worker's).
 * In WAL mode SQLite's default (synchronous = FULL) syncs the log to disk on every commit, and better-sqlite3 waits
 * for that on the event loop: 0.2–1 ms per write here, during which no Slack request is answered. NORMAL syncs at
 * checkpoints instead. It is SQLite's recommended setting for WAL: the database stays consistent after any crash;
 * only a power cut or an OS crash can roll back the last commits. (PostgreSQL is the deployment for more.)
 * Without automatic checkpoints when a background checkpointer runs (see wal-checkpointer.ts).
 */
function connectionPragmas(options: { autoCheckpoint: boolean }): string[] {
  return options.autoCheckpoint ? ['synchronous = NORMAL'] : ['synchronous = NORMAL', 'wal_autocheckpoint = 0'];
}

function withPragmas(factory: PrismaBetterSqlite3, pragmas: string[]): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(pragmas.map((pragma) => `PRAGMA ${pragma}`).join('; '));
      return adapter;
    },
  };
}

export interface OpenOptions {
  /**
   * SQLite only: checkpoint the write-ahead log in a worker thread instead of inside whichever commit fills it (see
   * wal-checkpointer.ts). The app turns it on; tools and tests keep SQLite's default.
   */
  backgroundCheckpoints?: { onFailure(error: unknown): void };
}

/** SQLite's default: a commit that takes the log past 1,000 pages checkpoints it. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export function openDatabase(databaseUrl: string, options: OpenOptions = {}): Database {
  const flavour = databaseFlavour(databaseUrl);
  let db: Db;
  let rawSql: RawSql;
  let closePool = async () => {};
  let checkpointer: WalCheckpointer | undefined;
  if (flavour === 'postgres') {
    // One pool for Prisma and RawSql, so a replica's connection count stays what the pool allows.
    const pool = new pg.Pool({ connectionString: databaseUrl });
    // The server closing an idle connection (a restart, a failover, a dropped database) must not crash the process:
    // the pool drops that client and opens another on the next query, which reports any outage that lasts.
    pool.on('error', () => {});
    db = new PostgresPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
    rawSql = createRawSql(() => new PrismaPg(pool).connect());
    closePool = () => pool.end();
  } else {
    const file = sqliteFilePath(databaseUrl);
    if (file !== ':memory:') {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      useWriteAheadLog(file);
    }
    const background = options.backgroundCheckpoints && file !== ':memory:' ? options.backgroundCheckpoints : undefined;
    const pragmas = connectionPragmas({ autoCheckpoint: !background });
    const prisma = new SqlitePrismaClient({ adapter: withPragmas(new PrismaBetterSqlite3({ url: databaseUrl }), pragmas) });
    const sqliteRawSql = createSqliteRawSql(file, { pragmas });
    db = prisma;
    rawSql = sqliteRawSql;
    if (background) {
      checkpointer = startWalCheckpointer({
        file,
        pragmas,
        onFailure(error) {
          // Without the worker the log would only grow: the app's own connections checkpoint again, as by default.
          const pages = `PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`;
          Promise.all([prisma.$queryRawUnsafe(pages), sqliteRawSql.rows(pages, [])]).catch(() => undefined);
          background.onFailure(error);
        },
      });
    }
  }
  return {
    db,
    rawSql,
    flavour,
    close: async () => {
      await checkpointer?.stop();
      await db.$disconnect();
      await rawSql.close();
      await closePool();
    },
    ping: async () => {
      await db.$queryRawUnsafe('SELECT 1');
    },
  };
}
