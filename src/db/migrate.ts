// Applies pending migrations with `prisma migrate deploy` (the JS schema engine, see prisma.config.ts).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFlavour, sqliteFilePath } from './database-url';
import { AppError } from '../errors';

const projectRoot = path.resolve(__dirname, '..', '..');

export async function migrateDatabase(databaseUrl: string): Promise<string> {
  if (databaseFlavour(databaseUrl) === 'sqlite') {
    const file = sqliteFilePath(databaseUrl);
    fs.mkdirSync(path.dirname(path.resolve(projectRoot, file)), { recursive: true });
  }
  const prismaCli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', path.join(projectRoot, 'scripts', 'unref-long-timers.js'), prismaCli, 'migrate', 'deploy'],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-8).join('\n');
          reject(new AppError('database_unavailable', { message: `migrations failed: ${output}`, userMessage: `Could not prepare the database: ${output}`, cause: error }));
          return;
        }
        resolve(stdout);
      },
    );
  });
}
