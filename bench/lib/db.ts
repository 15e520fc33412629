// Raw SQL on the bench's database, for set-up (seeding rows the way a long-running deployment would
// have them) and for the raw baselines: `pg` on PostgreSQL, PGlite on the embedded default (only
// while the server is stopped: an embedded database has a single owner).
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Where the server's data is: a PostgreSQL URL, or the embedded default's DATA_DIR. */
export type Target = { databaseUrl: string } | { dataDir: string };

export const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');

export async function openSql(target: Target, connections = 1): Promise<Sql> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: connections });
    return {
      query: async (text, params) => (await pool.query(text, params)).rows,
      close: () => pool.end(),
    };
  }
  const pglite = await PGlite.create(pgliteDir(target.dataDir));
  return {
    query: async (text, params) => (await pglite.query<any>(text, params)).rows,
    close: () => pglite.close(),
  };
}

/** A database of its own on the PostgreSQL server of `serverUrl`, dropped by the returned function. */
export async function createPostgresDatabase(serverUrl: string) {
  const name = `bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
