import { createRawSql, numberPlaceholders } from '../../src/db/raw-sql';
import { sqliteFilePath } from '../../src/db/database-url';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('RawSql', () => {
  it('numbers placeholders for PostgreSQL in order', () => {
    expect(numberPlaceholders('SELECT 1 WHERE a = ? AND b > ? LIMIT ?')).toBe('SELECT 1 WHERE a = $1 AND b > $2 LIMIT $3');
    expect(numberPlaceholders('SELECT 1')).toBe('SELECT 1');
  });

  function fakeAdapter(rows: unknown[][]) {
    const queries: Array<{ sql: string; args: unknown[]; argTypes: Array<{ scalarType: string }> }> = [];
    let disposed = 0;
    return {
      queries,
      disposed: () => disposed,
      adapter: {
        queryRaw: async (query: { sql: string; args: unknown[]; argTypes: Array<{ scalarType: string }> }) => {
          queries.push(query);
          return { columnNames: [], columnTypes: [], rows };
        },
        executeRaw: async (query: { sql: string; args: unknown[]; argTypes: Array<{ scalarType: string }> }) => {
          queries.push(query);
          return rows.length;
        },
        dispose: async () => {
          disposed += 1;
        },
      },
    };
  }

  it('binds an instant as a datetime for a write, and returns how many rows it changed', async () => {
    const fake = fakeAdapter([['one'], ['two']]);
    const sql = createRawSql(async () => fake.adapter as never);
    const at = new Date('2026-11-21T17:00:00Z');
    expect(await sql.execute('INSERT INTO t (a, b) VALUES (?, ?)', ['x', at])).toBe(2);
    expect(fake.queries[0]).toEqual({ sql: 'INSERT INTO t (a, b) VALUES ($1, $2)', args: ['x', at], argTypes: [{ scalarType: 'string', arity: 'scalar' }, { scalarType: 'datetime', arity: 'scalar' }] });
  });

  it('connects on first use, binds numbers as integers, and tries again after a refused connection', async () => {
    const fake = fakeAdapter([['a', 1]]);
    let attempts = 0;
    const reader = createRawSql(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('connection refused');
      return fake.adapter as never;
    });
    expect(attempts).toBe(0);
    await expect(reader.rows('SELECT ? LIMIT ?', ['x', 2])).rejects.toThrow('connection refused');
    await expect(reader.rows('SELECT ? LIMIT ?', ['x', 2])).resolves.toEqual([['a', 1]]);
    await reader.rows('SELECT 1', []);
    expect(attempts).toBe(2);
    expect(fake.queries[0]).toEqual({ sql: 'SELECT $1 LIMIT $2', args: ['x', 2], argTypes: [{ scalarType: 'string', arity: 'scalar' }, { scalarType: 'int', arity: 'scalar' }] });
    await reader.close();
    await reader.close();
    expect(fake.disposed()).toBe(1);
  });

  it('closes without connecting when it was never used', async () => {
    let attempts = 0;
    const reader = createRawSql(async () => {
      attempts += 1;
      return fakeAdapter([]).adapter as never;
    });
    await reader.close();
    expect(attempts).toBe(0);
  });

  describe('on SQLite, keeping its prepared statements', () => {
    let database: TestDatabase;

    beforeEach(() => {
      database = createTestDatabase();
    });

    afterEach(() => database.dispose());

    it('binds each call’s own arguments to a statement it prepared before', async () => {
      const { db, rawSql } = database;
      await db.workspace.create({ data: { id: 'ws_cache', slackTeamId: 'TCACHE', name: 'Cache' } });
      await db.employee.createMany({ data: ['U1', 'U2'].map((slackUserId) => ({ id: `emp_${slackUserId}`, workspaceId: 'ws_cache', slackUserId, realName: `Person ${slackUserId}` })) });
      const nameOf = async (slackUserId: string) => (await rawSql.rows('SELECT "realName" FROM "Employee" WHERE "workspaceId" = ? AND "slackUserId" = ?', ['ws_cache', slackUserId]))[0]?.[0];
      expect(await nameOf('U1')).toBe('Person U1');
      expect(await nameOf('U2')).toBe('Person U2');
      expect(await nameOf('U3')).toBeUndefined();
      // A write sees its own arguments too, and a read after it sees the write.
      const rename = (slackUserId: string, realName: string) => rawSql.execute('UPDATE "Employee" SET "realName" = ? WHERE "slackUserId" = ?', [realName, slackUserId]);
      expect(await rename('U1', 'Ada')).toBe(1);
      expect(await rename('U2', 'Grace')).toBe(1);
      expect([await nameOf('U1'), await nameOf('U2')]).toEqual(['Ada', 'Grace']);
    });

    it('still answers past its cache’s bound, and after a failed statement', async () => {
      const { rawSql } = database;
      for (let n = 1; n <= 150; n += 1) expect(await rawSql.rows(`SELECT ${n} + ?`, [1])).toEqual([[n + 1]]);
      expect(await rawSql.rows('SELECT 1 + ?', [1])).toEqual([[2]]);
      // better-sqlite3's errors come from outside Jest's realm, so they are matched by message rather than by class.
      await expect(rawSql.rows('SELECT "nope" FROM "Employee"', [])).rejects.toMatchObject({ message: expect.stringContaining('nope') });
      await expect(rawSql.execute('INSERT INTO "Nope" VALUES (?)', [1])).rejects.toMatchObject({ message: expect.stringContaining('Nope') });
      expect(await rawSql.rows('SELECT 2 + ?', [2])).toEqual([[4]]);
    });

    it('commits with synchronous = NORMAL on its own connection, as Prisma’s does', async () => {
      const { rawSql, url } = database;
      await rawSql.rows('SELECT 1', []);
      expect(sqliteFilePath(url)).toMatch(/slotline\.db$/);
      // PRAGMA synchronous reads back 1 for NORMAL (2 is FULL).
      expect(await rawSql.rows('PRAGMA synchronous', [])).toEqual([[1]]);
    });
  });
});
