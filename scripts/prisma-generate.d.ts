// Types for the CommonJS helper shared with the tests.
export function derivePostgresSchema(sqliteSchema: string): string;
