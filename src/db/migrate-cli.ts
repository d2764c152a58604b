// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the SQLite file).
import { loadConfig } from '../config/env';
import { migrateDatabase } from './migrate';

migrateDatabase(loadConfig().databaseUrl)
  .then((output) => process.stdout.write(output))
  .catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
