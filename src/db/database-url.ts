// Which database a DATABASE_URL points at; shared by the runtime and prisma.config.ts.
export const DEFAULT_DATABASE_URL = 'file:./data/slotline.db';

export type DatabaseFlavour = 'sqlite' | 'postgres';

export function databaseFlavour(databaseUrl: string): DatabaseFlavour {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite';
}

/** The filesystem path of a SQLite URL (`file:./data/x.db` → `./data/x.db`). */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
}
