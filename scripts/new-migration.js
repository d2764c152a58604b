// Writes a new migration for both databases from the difference between the schema snapshot of the
// newest migration and prisma/schema.prisma (`prisma migrate dev` cannot run offline).
// Usage: npm run db:new-migration -- <name>
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { derivePostgresSchema } = require('./prisma-generate');

const root = path.join(__dirname, '..');
const prismaCli = require.resolve('prisma/build/index.js');
const SNAPSHOT = 'schema.snapshot.prisma';

const flavours = [
  { dir: 'prisma/migrations', url: 'file::memory:', lockProvider: 'sqlite', toSchema: (s) => s },
  { dir: 'prisma/postgres/migrations', url: process.env.MIGRATION_DIFF_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres', lockProvider: 'postgresql', toSchema: derivePostgresSchema },
];

function newestSnapshot(migrationsDir) {
  if (!fs.existsSync(migrationsDir)) return null;
  const folders = fs.readdirSync(migrationsDir).filter((f) => fs.existsSync(path.join(migrationsDir, f, SNAPSHOT))).sort();
  return folders.length ? fs.readFileSync(path.join(migrationsDir, folders.at(-1), SNAPSHOT), 'utf8') : null;
}

function diff(flavour, fromSchema, toSchema) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-migration-'));
  const toFile = path.join(tmp, 'to.prisma');
  fs.writeFileSync(toFile, toSchema);
  const args = [prismaCli, 'migrate', 'diff', '--script', '--to-schema-datamodel', toFile];
  if (fromSchema) {
    const fromFile = path.join(tmp, 'from.prisma');
    fs.writeFileSync(fromFile, fromSchema);
    args.push('--from-schema-datamodel', fromFile);
  } else {
    args.push('--from-empty');
  }
  return execFileSync(process.execPath, args, { cwd: root, env: { ...process.env, DATABASE_URL: flavour.url }, encoding: 'utf8' });
}

function main() {
  const name = (process.argv[2] || '').trim();
  if (!/^[a-z0-9_]+$/.test(name)) {
    console.error('Usage: npm run db:new-migration -- <name> (lower-case letters, digits and underscores)');
    process.exit(2);
  }
  const source = fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const flavour of flavours) {
    const migrationsDir = path.join(root, flavour.dir);
    const previous = newestSnapshot(migrationsDir);
    const sql = diff(flavour, previous && flavour.toSchema(previous), flavour.toSchema(source));
    if (!sql.trim() || /This is an empty migration/.test(sql)) {
      console.log(`${flavour.dir}: no changes`);
      continue;
    }
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'migration.sql'), sql);
    fs.writeFileSync(path.join(folder, SNAPSHOT), source);
    fs.writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), `provider = "${flavour.lockProvider}"\n`);
    console.log(`wrote ${path.relative(root, folder)}`);
  }
}

main();
