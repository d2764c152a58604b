// Prisma CLI configuration: the JS schema engine with a driver adapter (no native engines offline).
// DATABASE_URL picks the flavour: postgres:// or postgresql:// → PostgreSQL, anything else → SQLite.
import { defineConfig } from 'prisma/config';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseFlavour, DEFAULT_DATABASE_URL } from './src/db/database-url';

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const flavour = databaseFlavour(databaseUrl);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: flavour === 'postgres' ? 'prisma/postgres/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: flavour === 'postgres' ? 'prisma/postgres/migrations' : 'prisma/migrations' },
  adapter: async () =>
    flavour === 'postgres'
      ? // allowExitOnIdle: the CLI never ends its pool, so idle connections must not hold it open.
        new PrismaPg({ connectionString: databaseUrl, allowExitOnIdle: true })
      : new PrismaBetterSqlite3({ url: databaseUrl }),
});
