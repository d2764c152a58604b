// Hot SQL past Prisma Client: reads of many rows (a whole workspace's readiness) as arrays, and small queries that run
// many times a second (Slack request receipts, the admin check in front of every /integrations command).
// Prisma Client compiles every query in WebAssembly on the event loop and turns each result into objects several
// times over. Measured: a 15-row createMany held the event loop 1.1 ms at the median and 11 ms at p99, and on a
// 50,000-person walk the raw-query layer grew the old generation by 15–30 MB per walk and took about 30% longer.
// - SQLite: RawSql has its own better-sqlite3 connection and keeps its prepared statements. Prisma's driver adapter
//   prepares every query afresh, which was most of the CPU a slash command cost Slotline beyond a bare Bolt app.
// - PostgreSQL: through Prisma's driver adapter on the pool Prisma uses.
// Either way RawSql sees committed data only.
import BetterSqlite3 from 'better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';

type DriverAdapter = Pick<Awaited<ReturnType<PrismaPg['connect']>>, 'queryRaw' | 'executeRaw' | 'dispose'>;

/** Numbers are bound as integers (a LIMIT, say); instants as the adapter stores Prisma's DateTime. */
export type SqlArg = string | number | Date;

export interface RawSql {
  /** Runs one SELECT with `?` placeholders bound, in order, to `args`; each row holds its columns in SELECT order. */
  rows(sql: string, args: readonly SqlArg[]): Promise<unknown[][]>;
  /** Runs one INSERT, UPDATE or DELETE the same way; returns how many rows it changed. */
  execute(sql: string, args: readonly SqlArg[]): Promise<number>;
  close(): Promise<void>;
}

/** `?` → `$1`, `$2`… for PostgreSQL. The SQL is Slotline's own, with no `?` inside literals. */
export function numberPlaceholders(sql: string): string {
  let position = 0;
  return sql.replace(/\?/g, () => `$${(position += 1)}`);
}

const scalarTypeOf = (arg: SqlArg) => (typeof arg === 'number' ? ('int' as const) : arg instanceof Date ? ('datetime' as const) : ('string' as const));

/** RawSql through a PostgreSQL driver adapter (Slotline's `?` placeholders numbered as PostgreSQL wants them). */
export function createRawSql(connect: () => Promise<DriverAdapter>): RawSql {
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
    sql: numberPlaceholders(sql),
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

/** Prepared statements kept per SQL text; the receipts INSERT varies with its row count, hence a bound. */
const STATEMENT_CACHE_SIZE = 100;

/** As Prisma's SQLite adapter stores a DateTime (its default `iso8601` format), so both compare and read alike. */
const sqliteValue = (arg: SqlArg) => (arg instanceof Date ? arg.toISOString().replace('Z', '+00:00') : arg);

/**
 * RawSql on its own connection to a SQLite file (in WAL mode, readers run beside Prisma's writer), set up with
 * `pragmas` (the same as Prisma's connection: see client.ts).
 */
export function createSqliteRawSql(file: string, options: { pragmas: readonly string[] }): RawSql {
  let connection: BetterSqlite3.Database | undefined;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const open = () => {
    if (!connection) {
      connection = new BetterSqlite3(file);
      for (const pragma of options.pragmas) connection.pragma(pragma);
    }
    return connection;
  };
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last: the oldest is the one dropped when the cache is full.
      statements.delete(sql);
    } else {
      statement = open().prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
    }
    statements.set(sql, statement);
    return statement;
  };
  return {
    async rows(sql, args) {
      const statement = prepared(sql);
      if (!statement.reader) {
        statement.run(...args.map(sqliteValue));
        return [];
      }
      return statement.raw(true).all(...args.map(sqliteValue)) as unknown[][];
    },
    async execute(sql, args) {
      return prepared(sql).run(...args.map(sqliteValue)).changes;
    },
    async close() {
      statements.clear();
      connection?.close();
      connection = undefined;
    },
  };
}
