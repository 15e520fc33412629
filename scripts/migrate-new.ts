// `npm run migrate:new -- <name>`: writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql with
// the SQL that takes the migrations so far to prisma/schema.prisma (what `prisma migrate dev
// --create-only` does, without a database: the diff runs on an in-memory PGlite).
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultMigrationsDir,
  diffMigrations,
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
} from '../src/db/migrate.ts';

async function main(): Promise<number> {
  const rawName = process.argv.slice(2).join('_');
  const name = rawName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name) {
    console.error('usage: npm run migrate:new -- <name>');
    return 1;
  }
  const migrationsDir = defaultMigrationsDir;
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lockfile = path.join(migrationsDir, LOCKFILE_NAME);
  if (!fs.existsSync(lockfile)) fs.writeFileSync(lockfile, LOCKFILE_CONTENT);

  const sql = await diffMigrations({ migrationsDir });
  if (sql === null) {
    console.log('no changes: prisma/schema.prisma matches the migrations');
    return 0;
  }
  const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14); // UTC, as Prisma names them
  const dir = path.join(migrationsDir, `${timestamp}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  console.log(`wrote ${path.relative(process.cwd(), path.join(dir, 'migration.sql'))}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
