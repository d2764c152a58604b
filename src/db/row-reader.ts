// Reads of many rows (a whole workspace's readiness) straight through Prisma's driver adapter, rows as arrays.
// Prisma Client's raw-query layer turns each result into objects several times over: on a 50,000-person walk
// enough of that outlived young-generation collections to grow the old generation by 15–30 MB per walk, and the
// queries took about 30% longer (measured). Through the adapter the old generation does not grow.
// A reader has its own connection (SQLite) or shares Prisma's pool (PostgreSQL); it sees committed data only.
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type DriverAdapter = Pick<Awaited<ReturnType<PrismaBetterSqlite3['connect']>>, 'queryRaw' | 'dispose'>;

export interface RowReader {
  /** Runs one SELECT with `?` placeholders bound, in order, to `args`; each row holds its columns in SELECT order. */
  rows(sql: string, args: readonly RowArg[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** Numbers are bound as integers (a LIMIT, say). */
export type RowArg = string | number;

export type PlaceholderStyle = 'question' | 'numbered';

/** `?` → `$1`, `$2`… for PostgreSQL. Readers' SQL is Slotline's own, with no `?` inside literals. */
export function numberPlaceholders(sql: string): string {
  let position = 0;
  return sql.replace(/\?/g, () => `$${(position += 1)}`);
}

export function createRowReader(connect: () => Promise<DriverAdapter>, placeholders: PlaceholderStyle): RowReader {
  let adapter: Promise<DriverAdapter> | undefined;
  const connected = () => {
    adapter ??= connect().catch((error: unknown) => {
      // The next read tries again rather than failing forever on one refused connection.
      adapter = undefined;
      throw error;
    });
    return adapter;
  };
  return {
    async rows(sql, args) {
      const result = await (await connected()).queryRaw({
        sql: placeholders === 'numbered' ? numberPlaceholders(sql) : sql,
        args: [...args],
        argTypes: args.map((arg) => ({ scalarType: typeof arg === 'number' ? ('int' as const) : ('string' as const), arity: 'scalar' as const })),
      });
      return result.rows;
    },
    async close() {
      const open = adapter;
      adapter = undefined;
      if (open) await (await open.catch(() => undefined))?.dispose();
    },
  };
}
