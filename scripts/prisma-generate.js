// Derives the PostgreSQL schema from prisma/schema.prisma (the one source of truth), then
// generates both Prisma clients. Runs on `npm install` (postinstall).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const prismaCli = require.resolve('prisma/build/index.js');

function derivePostgresSchema(sqliteSchema) {
  const replaced = sqliteSchema
    .replace('output       = "../src/generated/prisma/sqlite"', 'output       = "../../src/generated/prisma/postgres"')
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (replaced === sqliteSchema || !replaced.includes('postgresql') || !replaced.includes('prisma/postgres')) {
    throw new Error('prisma/schema.prisma no longer has the generator output or datasource this script rewrites');
  }
  return '// GENERATED from prisma/schema.prisma by scripts/prisma-generate.js. Do not edit.\n' + replaced;
}

function writePostgresSchema() {
  const source = fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
  fs.mkdirSync(path.join(root, 'prisma/postgres'), { recursive: true });
  fs.writeFileSync(path.join(root, 'prisma/postgres/schema.prisma'), derivePostgresSchema(source));
}

function generate(databaseUrl) {
  execFileSync(process.execPath, [prismaCli, 'generate'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}

module.exports = { derivePostgresSchema };

if (require.main === module) {
  writePostgresSchema();
  generate('file:./data/slotline.db');
  generate('postgresql://generate@localhost/generate');
}
