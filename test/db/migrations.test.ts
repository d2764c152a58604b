import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { derivePostgresSchema } from '../../scripts/prisma-generate';

const root = path.join(__dirname, '..', '..');

describe('migrations', () => {
  it('create a new SQLite file and apply every migration, then find nothing left to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-migrate-'));
    const url = `file:${path.join(dir, 'nested', 'fresh.db')}`;
    try {
      expect(await migrateDatabase(url)).toMatch(/successfully applied/);
      expect(await migrateDatabase(url)).toMatch(/No pending migrations/);
      const database = openDatabase(url);
      await expect(database.db.workspace.count()).resolves.toBe(0);
      await database.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('report a clear error when the database cannot be reached', async () => {
    await expect(migrateDatabase('postgresql://nobody@127.0.0.1:1/nowhere')).rejects.toMatchObject({ code: 'database_unavailable' });
  }, 30_000);

  it('keep the same migrations for both databases, and the PostgreSQL schema derived from the one source', () => {
    const list = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((f) => fs.statSync(path.join(root, dir, f)).isDirectory());
    expect(list('prisma/postgres/migrations')).toEqual(list('prisma/migrations'));
    const source = fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
    expect(derivePostgresSchema(source)).toContain('provider = "postgresql"');
    for (const folder of list('prisma/migrations')) {
      const snapshot = fs.readFileSync(path.join(root, 'prisma/migrations', folder, 'schema.snapshot.prisma'), 'utf8');
      expect(fs.readFileSync(path.join(root, 'prisma/postgres/migrations', folder, 'schema.snapshot.prisma'), 'utf8')).toBe(snapshot);
    }
  });

  it('match the current schema (a model change needs `npm run db:new-migration`)', () => {
    const folders = fs.readdirSync(path.join(root, 'prisma/migrations')).filter((f) => /^\d/.test(f)).sort();
    const newest = fs.readFileSync(path.join(root, 'prisma/migrations', folders[folders.length - 1], 'schema.snapshot.prisma'), 'utf8');
    expect(newest).toBe(fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8'));
  });
});
