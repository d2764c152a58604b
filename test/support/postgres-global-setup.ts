// Builds the migrated template database for the PostgreSQL suite; fails loudly when the server is unreachable.
import { migrateDatabase } from '../../src/db/migrate';
import { adminQuery, databaseUrl, TEMPLATE_NAME } from './postgres';

export default async function postgresGlobalSetup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_NAME}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_NAME}"`);
  await migrateDatabase(databaseUrl(TEMPLATE_NAME));
}
