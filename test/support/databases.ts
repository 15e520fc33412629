// A database of its own for each test. With TEST_DATABASE_URL (or DATABASE_URL) set: a new database
// on that PostgreSQL server, migrated, dropped by drop(). Otherwise an in-memory PGlite cloned from a
// migrated template (PGlite's initdb costs seconds; loading a data folder well under one).
//
//   const testDb = await createTestDatabase();
//   const db = await testDb.open();          // { prisma, adapterFactory, kind, close }
//   ...
//   await testDb.drop();                     // closes what open() opened, then drops the database
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  openDatabase,
  pgliteAdapterFactory,
  postgresAdapterFactory,
  type Database,
  type OpenDatabaseOptions,
} from '../../src/db/adapters.ts';
import { applyMigrations, defaultMigrationsDir, readMigrations } from '../../src/db/migrate.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabaseOptions {
  /** Default: 'postgres' when testServerUrl() is set, else 'pglite'. */
  kind?: TestDatabaseKind;
  /** The migrations to apply (default: prisma/migrations); false for an empty database. */
  migrations?: string | false;
}

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** postgres: the URL of this test's own database. */
  databaseUrl?: string;
  /** pglite: this test's own in-memory instance. */
  pglite?: PGlite;
  /** What to give openDatabase (or a server under test) to use this database. */
  options: OpenDatabaseOptions;
  /** openDatabase(options); drop() closes it if the test did not. */
  open(extra?: Pick<OpenDatabaseOptions, 'onQuery'>): Promise<Database>;
  /** Closes what open() opened, then drops the database (PostgreSQL) or closes the PGlite. Idempotent. */
  drop(): Promise<void>;
}

/** The PostgreSQL server tests use, if any: TEST_DATABASE_URL, else DATABASE_URL. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const kind = options.kind ?? (testServerUrl() ? 'postgres' : 'pglite');
  const migrations = options.migrations ?? defaultMigrationsDir;
  const created =
    kind === 'postgres'
      ? await createPostgresDatabase(migrations)
      : await createPgliteDatabase(migrations);
  const opened: Database[] = [];
  let dropped: Promise<void> | undefined;
  return {
    kind,
    databaseUrl: created.options.databaseUrl,
    pglite: created.options.pglite,
    options: created.options,
    async open(extra = {}) {
      const db = await openDatabase({ ...created.options, ...extra });
      opened.push(db);
      return db;
    },
    drop: () =>
      (dropped ??= (async () => {
        await Promise.allSettled(opened.map((db) => db.close()));
        await created.drop();
      })()),
  };
}

/** Runs `fn` with a freshly opened test database, dropped afterwards whatever happens. */
export async function withTestDatabase<T>(
  fn: (db: Database, testDb: TestDatabase) => Promise<T>,
  options: TestDatabaseOptions = {},
): Promise<T> {
  const testDb = await createTestDatabase(options);
  try {
    return await fn(await testDb.open(), testDb);
  } finally {
    await testDb.drop();
  }
}

interface Created {
  options: OpenDatabaseOptions;
  drop(): Promise<void>;
}

async function createPostgresDatabase(migrations: string | false): Promise<Created> {
  const serverUrl = testServerUrl();
  if (!serverUrl)
    throw new Error('PostgreSQL test database: set TEST_DATABASE_URL or DATABASE_URL');
  const name = `sb_test_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  await runOnServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const drop = () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    if (migrations !== false)
      await applyMigrations(postgresAdapterFactory(databaseUrl), migrations);
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { options: { databaseUrl }, drop };
}

async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const admin = await postgresAdapterFactory(serverUrl).connect();
  try {
    await admin.executeRaw({ sql, args: [], argTypes: [] });
  } finally {
    await admin.dispose();
  }
}

async function createPgliteDatabase(migrations: string | false): Promise<Created> {
  const pglite = await PGlite.create({ loadDataDir: await pgliteTemplate(migrations) });
  return { options: { pglite }, drop: () => (pglite.closed ? Promise.resolve() : pglite.close()) };
}

const templates = new Map<string, Promise<Blob>>();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'switchboard-test-pglite');

/**
 * A dump of a PGlite data folder with `migrations` applied: made once per process and content of
 * the migrations, and kept in node_modules/.cache so that other test files and runs skip initdb.
 */
function pgliteTemplate(migrations: string | false): Promise<Blob> {
  const list = migrations === false ? null : readMigrations(migrations);
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify([pgliteVersion(), list?.migrationDirectories ?? null]))
    .digest('hex')
    .slice(0, 16);
  let template = templates.get(key);
  if (!template) {
    template = loadOrMakeTemplate(key, migrations);
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  return template;
}

async function loadOrMakeTemplate(key: string, migrations: string | false): Promise<Blob> {
  const file = path.join(cacheDir, `${key}.tar.gz`);
  try {
    return new Blob([zlib.gunzipSync(fs.readFileSync(file))]);
  } catch {
    // not cached yet (or unreadable): make it
  }
  const db = await PGlite.create();
  let tar: Blob;
  try {
    if (migrations !== false) await applyMigrations(pgliteAdapterFactory(db), migrations);
    tar = await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
  try {
    // Written under a temporary name and renamed, as other test processes may read it meanwhile.
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temporary, zlib.gzipSync(Buffer.from(await tar.arrayBuffer()), { level: 1 }));
    fs.renameSync(temporary, file);
    pruneCache(10);
  } catch {
    // a cache that cannot be written only costs time
  }
  return tar;
}

/** Keeps the `keep` newest templates (temporary migration folders in tests make new ones). */
function pruneCache(keep: number): void {
  const files = fs
    .readdirSync(cacheDir)
    .filter((name) => name.endsWith('.tar.gz'))
    .map((name) => ({
      file: path.join(cacheDir, name),
      mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs,
    }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of files.slice(keep)) fs.rmSync(file, { force: true });
}

function pgliteVersion(): string {
  try {
    const manifest = path.join(repoRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
