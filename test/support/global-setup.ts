// Migrates one SQLite template database per test run; each test copies it instead of migrating again.
import fs from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '../../src/db/migrate';
import { TEMPLATE_DB, TEST_OUTPUT } from './paths';

export default async function globalSetup(): Promise<void> {
  fs.mkdirSync(TEST_OUTPUT, { recursive: true });
  fs.rmSync(TEMPLATE_DB, { force: true });
  await migrateDatabase(`file:${path.relative(path.join(__dirname, '..', '..'), TEMPLATE_DB)}`);
}
