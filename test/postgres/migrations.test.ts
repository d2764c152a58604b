import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { adminQuery, databaseUrl } from '../support/postgres';

describe('migrations on PostgreSQL', () => {
  it('apply to an empty database, then find nothing left to do', async () => {
    const name = `slotline_migrate_${Date.now()}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    try {
      expect(await migrateDatabase(databaseUrl(name))).toMatch(/successfully applied/);
      expect(await migrateDatabase(databaseUrl(name))).toMatch(/No pending migrations/);
      const database = openDatabase(databaseUrl(name));
      await expect(database.db.employee.count()).resolves.toBe(0);
      await database.ping();
      await database.close();
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }, 60_000);
});
