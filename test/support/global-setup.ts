// Migrates one SQLite template database per test run; each test copies it instead of migrating again.
// The template is built under a private name and renamed into place, so concurrent runs never see a partial file.
import fs from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '../../src/db/migrate';
import { TEMPLATE_DB, TEST_OUTPUT } from './paths';

export default async function globalSetup(): Promise<void> {
  fs.mkdirSync(TEST_OUTPUT, { recursive: true });
  const building = path.join(TEST_OUTPUT, `template-${process.pid}-${Date.now()}.db`);
  await migrateDatabase(`file:${building}`);
  fs.renameSync(building, TEMPLATE_DB);
}
