// A fresh, migrated SQLite database per test (a copy of the run's template).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/client';
import { TEMPLATE_DB } from './paths';

export interface TestDatabase extends Database {
  url: string;
  dir: string;
  dispose(): Promise<void>;
}

export function freshDatabaseUrl(): { url: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-test-'));
  const file = path.join(dir, 'slotline.db');
  fs.copyFileSync(TEMPLATE_DB, file);
  return { url: `file:${file}`, dir };
}

export function createTestDatabase(): TestDatabase {
  const { url, dir } = freshDatabaseUrl();
  const database = openDatabase(url);
  return {
    ...database,
    url,
    dir,
    async dispose() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
