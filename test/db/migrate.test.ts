import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdapterFactory, type Database } from '../../src/db/adapters.ts';
import { applyMigrations, defaultMigrationsDir, readMigrations } from '../../src/db/migrate.ts';
import {
  createTestDatabase,
  testServerUrl,
  type TestDatabase,
  type TestDatabaseKind,
} from '../support/databases.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const kinds: TestDatabaseKind[] = testServerUrl() ? ['pglite', 'postgres'] : ['pglite'];
const migrationNames = readMigrations(defaultMigrationsDir).migrationDirectories.map(
  (dir) => dir.path,
);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testDatabase(
  kind: TestDatabaseKind,
  migrations?: string | false,
): Promise<TestDatabase> {
  const testDb = await createTestDatabase({ kind, migrations });
  cleanups.push(() => testDb.drop());
  return testDb;
}

/** A copy of prisma/migrations with extra migration folders, removed after the test. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-migrations-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function tableNames(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
  return rows.map((row) => row.name);
}

async function migrationRows(db: Database) {
  return db.prisma.$queryRaw<
    { migration_name: string; finished_at: Date | null; logs: string | null }[]
  >`
    SELECT migration_name, finished_at, logs FROM _prisma_migrations ORDER BY started_at`;
}

it('has the init migration', () => {
  expect(migrationNames.length).toBeGreaterThan(0);
  expect(migrationNames[0]).toMatch(/^\d{14}_init$/);
  expect(fs.readFileSync(path.join(defaultMigrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
    'provider = "postgresql"',
  );
});

describe.each(kinds)('on %s', (kind) => {
  it('applies every migration once; applying again applies nothing', async () => {
    const db = await (await testDatabase(kind, false)).open();
    expect(await applyMigrations(db.adapterFactory)).toEqual(migrationNames);
    const started = performance.now();
    expect(await applyMigrations(db.adapterFactory)).toEqual([]);
    const noop = performance.now() - started;
    expect(noop).toBeLessThan(500); // typically 10-30 ms; generous for a loaded machine
    const rows = await migrationRows(db);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('creates the tables of the schema, and Prisma CRUD works', async () => {
    const db = await (await testDatabase(kind)).open();
    expect(await tableNames(db)).toEqual(
      expect.arrayContaining([
        'ApiKey',
        'AppEvent',
        'AuditEvent',
        'Project',
        'Tenant',
        '_prisma_migrations',
      ]),
    );
    const tenant = await db.prisma.tenant.create({
      data: { name: 'Acme', projects: { create: { name: 'web' } } },
    });
    const read = await db.prisma.tenant.findUnique({
      where: { id: tenant.id },
      include: { projects: true },
    });
    expect(read).toMatchObject({
      id: tenant.id,
      name: 'Acme',
      projects: [{ name: 'web', tenantId: tenant.id }],
    });
    expect(read?.createdAt).toBeInstanceOf(Date);
  });

  it('a broken migration fails, leaves nothing behind and is not recorded as applied', async () => {
    const db = await (await testDatabase(kind)).open();
    const migrations = migrationsWith({
      '99990101000000_broken':
        'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
    });
    await expect(applyMigrations(db.adapterFactory, migrations)).rejects.toThrow(/no_such_table/);
    const broken = (await migrationRows(db)).find(
      (row) => row.migration_name === '99990101000000_broken',
    );
    expect(broken?.finished_at ?? null).toBeNull(); // recorded as failed, not applied
    expect(await tableNames(db)).not.toContain('half_done'); // the script ran as one transaction
    // as with `prisma migrate deploy`, a failed migration blocks later applies until resolved
    await expect(applyMigrations(db.adapterFactory, migrations)).rejects.toThrow(/failed/);
  });

  it('runs a migration with semicolons in comments, strings and $$ bodies', async () => {
    const db = await (await testDatabase(kind)).open();
    const migrations = migrationsWith({
      '99990101000000_functions': [
        '-- a comment; with a semicolon',
        'CREATE FUNCTION sb_answer() RETURNS int LANGUAGE plpgsql AS $$',
        'BEGIN',
        '  PERFORM 1; -- inner statement',
        '  RETURN 42;',
        'END;',
        '$$;',
        `CREATE TABLE "notes" (body text DEFAULT 'a;b');`,
      ].join('\n'),
    });
    expect(await applyMigrations(db.adapterFactory, migrations)).toEqual([
      '99990101000000_functions',
    ]);
    expect(await db.prisma.$queryRaw`SELECT sb_answer() AS answer`).toEqual([{ answer: 42 }]);
  });

  it('reads PostgreSQL\'s internal "char" type (the engine introspects it)', async () => {
    const db = await (await testDatabase(kind)).open();
    const rows = await db.prisma.$queryRaw<{ contype: string }[]>`
      SELECT contype FROM pg_constraint WHERE conname = 'Tenant_pkey'`;
    expect(rows).toEqual([{ contype: 'p' }]);
  });
});

describe.runIf(testServerUrl())('concurrent starts on one PostgreSQL database', () => {
  it('apply one after the other in one process (separate connection pools)', async () => {
    const { databaseUrl } = await testDatabase('postgres', false);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => applyMigrations(postgresAdapterFactory(databaseUrl!))),
    );
    expect(results.flat().sort()).toEqual(migrationNames);
    expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
  });

  it('apply one after the other from separate processes (npm run migrate)', async () => {
    const { databaseUrl } = await testDatabase('postgres', false);
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => run(['scripts/migrate.ts'], { DATABASE_URL: databaseUrl! })),
    );
    expect(
      runs.map((r) => r.code),
      runs.map((r) => r.stderr).join('\n'),
    ).toEqual([0, 0, 0]);
    expect(
      runs.filter((r) => r.stdout.includes(`applied ${migrationNames.length} migration`)).length,
    ).toBe(1);
    expect(runs.filter((r) => r.stdout.includes('up to date')).length).toBe(2);
  }, 60_000);
});

it('leaves nothing that holds the process open (the engine arms a 10 s timer)', async () => {
  const testDb = await testDatabase(kinds.at(-1)!, false);
  const script = `
    import { openDatabase } from './src/db/adapters.ts';
    import { applyMigrations } from './src/db/migrate.ts';
    const db = await openDatabase(${JSON.stringify(testDb.databaseUrl ? { databaseUrl: testDb.databaseUrl } : {})});
    console.log(JSON.stringify(await applyMigrations(db.adapterFactory)));
    await db.close();
    const done = performance.now();
    process.on('exit', () => console.log('exit after ' + Math.round(performance.now() - done) + ' ms'));
  `;
  const result = await run(['--input-type=module', '--eval', script], {});
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain(JSON.stringify(migrationNames));
  const exitAfter = Number(/exit after (\d+) ms/.exec(result.stdout)?.[1]);
  expect(exitAfter).toBeLessThan(2000);
}, 60_000);

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
