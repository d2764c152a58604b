// Hot SQL straight through Prisma's driver adapter, past Prisma Client: reads of many rows (a whole workspace's
// readiness) as arrays, and small writes that run many times a second (Slack request receipts).
// Prisma Client compiles every query in WebAssembly on the event loop and turns each result into objects several
// times over. Measured: a 15-row createMany held the event loop 1.1 ms at the median and 11 ms at p99, and on a
// 50,000-person walk the raw-query layer grew the old generation by 15–30 MB per walk and took about 30% longer.
// RawSql has its own connection (SQLite) or shares Prisma's pool (PostgreSQL); it sees committed data only.
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type DriverAdapter = Pick<Awaited<ReturnType<PrismaBetterSqlite3['connect']>>, 'queryRaw' | 'executeRaw' | 'dispose'>;

/** Numbers are bound as integers (a LIMIT, say); instants as the adapter stores Prisma's DateTime. */
export type SqlArg = string | number | Date;

export interface RawSql {
  /** Runs one SELECT with `?` placeholders bound, in order, to `args`; each row holds its columns in SELECT order. */
  rows(sql: string, args: readonly SqlArg[]): Promise<unknown[][]>;
  /** Runs one INSERT, UPDATE or DELETE the same way; returns how many rows it changed. */
  execute(sql: string, args: readonly SqlArg[]): Promise<number>;
  close(): Promise<void>;
}

export type PlaceholderStyle = 'question' | 'numbered';

/** `?` → `$1`, `$2`… for PostgreSQL. The SQL is Slotline's own, with no `?` inside literals. */
export function numberPlaceholders(sql: string): string {
  let position = 0;
  return sql.replace(/\?/g, () => `$${(position += 1)}`);
}

const scalarTypeOf = (arg: SqlArg) => (typeof arg === 'number' ? ('int' as const) : arg instanceof Date ? ('datetime' as const) : ('string' as const));

export function createRawSql(connect: () => Promise<DriverAdapter>, placeholders: PlaceholderStyle): RawSql {
  let adapter: Promise<DriverAdapter> | undefined;
  const connected = () => {
    adapter ??= connect().catch((error: unknown) => {
      // The next query tries again rather than failing forever on one refused connection.
      adapter = undefined;
      throw error;
    });
    return adapter;
  };
  const query = (sql: string, args: readonly SqlArg[]) => ({
    sql: placeholders === 'numbered' ? numberPlaceholders(sql) : sql,
    args: [...args],
    argTypes: args.map((arg) => ({ scalarType: scalarTypeOf(arg), arity: 'scalar' as const })),
  });
  return {
    async rows(sql, args) {
      return (await (await connected()).queryRaw(query(sql, args))).rows;
    },
    async execute(sql, args) {
      return (await connected()).executeRaw(query(sql, args));
    },
    async close() {
      const open = adapter;
      adapter = undefined;
      if (open) await (await open.catch(() => undefined))?.dispose();
    },
  };
}
