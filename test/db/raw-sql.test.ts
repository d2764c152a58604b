import { createRawSql, numberPlaceholders } from '../../src/db/raw-sql';

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
    const sql = createRawSql(async () => fake.adapter as never, 'numbered');
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
    }, 'numbered');
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
    }, 'question');
    await reader.close();
    expect(attempts).toBe(0);
  });
});
