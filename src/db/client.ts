// Opens the Prisma client for the configured database through its driver adapter.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqlitePrismaClient } from '../generated/prisma/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma/postgres/client';
import { databaseFlavour, sqliteFilePath, type DatabaseFlavour } from './database-url';

/** Both generated clients have the same model API; the SQLite one's type stands for either. */
export type Db = SqlitePrismaClient;

export interface Database {
  db: Db;
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

export function openDatabase(databaseUrl: string): Database {
  const flavour = databaseFlavour(databaseUrl);
  let db: Db;
  if (flavour === 'postgres') {
    db = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  } else {
    const file = sqliteFilePath(databaseUrl);
    if (file !== ':memory:') {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      useWriteAheadLog(file);
    }
    db = new SqlitePrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
  }
  return {
    db,
    flavour,
    close: () => db.$disconnect(),
    ping: async () => {
      await db.$queryRawUnsafe('SELECT 1');
    },
  };
}
