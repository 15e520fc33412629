// Opens the database Switchboard runs on: a PostgreSQL server (DATABASE_URL) or an embedded
// PGlite. The driver adapters are wrapped to fix what breaks when the schema engine drives them
// (shared/prisma-offline.md, "Traps in the adapters"); the Prisma client uses the same factory.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Pool } from 'pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';
import { StatementGate } from './priority.ts';
import { directQuery, statementNames, type QueryOptions } from './direct-query.ts';

export type AdapterFactory = SqlMigrationAwareDriverAdapterFactory;

export interface Database {
  prisma: PrismaClient;
  /**
   * Runs one statement on the client's own connections and statement gate, past Prisma's query
   * engine (a hot statement's cost is mostly the engine's): its rows as objects, JSON columns parsed.
   */
  query(statement: Prisma.Sql, options?: QueryOptions): Promise<Record<string, unknown>[]>;
  /** The factory the client uses; pass it to applyMigrations. */
  adapterFactory: AdapterFactory;
  kind: 'pglite' | 'postgres';
  /** The connection pool's use now (metrics); embedded PGlite is a single connection. */
  poolStats(): PoolStats;
  /** Disconnects Prisma and closes the PGlite instance if openDatabase created it. Idempotent. */
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface OpenDatabaseOptions {
  /** postgres://… : use that PostgreSQL server. */
  databaseUrl?: string;
  /** With databaseUrl: how long opening a connection may take (default: no limit). */
  connectTimeoutMs?: number;
  /** Without databaseUrl: folder of an embedded PGlite (created if missing); in memory when absent. */
  dataDir?: string;
  /** Without databaseUrl: use this PGlite instance (not closed by close()). */
  pglite?: PGlite;
  /** Called with each SQL statement the client sends (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

/**
 * PGlite's settings plus a smaller buffer pool. PGlite zeroes the whole pool at start, so initdb's
 * 128 MB are resident from the first second; the data files stay cached by the operating system
 * underneath, so a smaller pool costs a file read where it would have been a hit, not durability.
 */
const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  let adapterFactory: AdapterFactory;
  let closeOwned = async () => {};
  let kind: Database['kind'];
  let poolStats = (): PoolStats => ({ total: 1, idle: 0, waiting: 0 });
  if (options.databaseUrl) {
    kind = 'postgres';
    const pools = new Set<Pool>();
    adapterFactory = postgresAdapterFactory(options.databaseUrl, options.connectTimeoutMs, (pool) =>
      pools.add(pool),
    );
    poolStats = () => {
      const open = [...pools].filter((pool) => !pool.ended);
      const sum = (count: (pool: Pool) => number) => open.reduce((n, pool) => n + count(pool), 0);
      return {
        total: sum((pool) => pool.totalCount),
        idle: sum((pool) => pool.idleCount),
        waiting: sum((pool) => pool.waitingCount),
      };
    };
  } else {
    kind = 'pglite';
    let db = options.pglite;
    if (!db) {
      const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
      if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
      const opened = await PGlite.create(dataDir, { startParams: EMBEDDED_START_PARAMS });
      closeOwned = () => opened.close();
      db = opened;
    }
    adapterFactory = pgliteAdapterFactory(db);
  }
  // 'minimal': the other formats capture a stack trace at every query, for a code frame that only
  // an error message would show (the server logs the error and its code either way).
  // The client's adapter, once connected, is also the one `query` sends its statements through.
  let clientAdapter: Promise<SqlDriverAdapter> | undefined;
  const clientFactory: AdapterFactory = {
    ...adapterFactory,
    connect: () => (clientAdapter = adapterFactory.connect()),
  };
  const clientOptions = { adapter: clientFactory, errorFormat: 'minimal' as const };
  const prisma = options.onQuery
    ? new PrismaClient({ ...clientOptions, log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient(clientOptions);
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query));
  }
  const query = directQuery(prisma, () => clientAdapter, options.onQuery);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await closeOwned();
      }
    })());
  return { prisma, query, adapterFactory, kind, poolStats, close };
}

/** `@prisma/adapter-pg` for a connection string, with the schema-engine traps fixed. */
export function postgresAdapterFactory(
  connectionString: string,
  connectTimeoutMs?: number,
  onPool: (pool: Pool) => void = () => {},
): AdapterFactory {
  // Without a timeout, a server that accepts but never answers holds every request forever.
  const inner = new PrismaPg(
    {
      connectionString,
      connectionTimeoutMillis: connectTimeoutMs,
      // JIT compiling costs tens of milliseconds, more than it saves on the queries this server
      // runs, and a high plan estimate (telemetryUsage over many rollup rows) would trigger it. Set
      // on each new connection before the pool hands it out (PgBouncer refuses a startup option).
      onConnect: (client) => client.query('SET jit = off'),
    },
    {
      // Prisma's own statements stay unnamed ('', their texts vary with their lists).
      statementNameGenerator: (query) => statementNames.get(query) ?? '',
    },
  );
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = fixPgAdapter(await inner.connect());
      const pool = adapter.underlyingDriver();
      onPool(pool);
      // Requests never wait for a connection that background work took: it gets half the pool.
      const backgroundSlots = Math.max(1, Math.floor((pool.options.max ?? 10) / 2));
      return gateStatements(adapter, new StatementGate(Infinity, backgroundSlots));
    },
    // PrismaPg's own shadow database is the main one when built from a URL (P3006): use a throw-away database.
    connectToShadowDb: async () => {
      const admin = await inner.connect();
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const run = (sql: string) => admin.executeRaw({ sql, args: [], argTypes: [] });
      try {
        await run(`CREATE DATABASE "${name}"`);
        const url = new URL(connectionString);
        url.pathname = `/${name}`;
        const shadow = fixPgAdapter(
          await new PrismaPg({ connectionString: url.toString() }).connect(),
        );
        const dispose = shadow.dispose.bind(shadow);
        shadow.dispose = once(async () => {
          try {
            await dispose();
            await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          } finally {
            await admin.dispose();
          }
        });
        return shadow;
      } catch (error) {
        await admin.dispose();
        throw error;
      }
    },
  };
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

function fixPgAdapter(adapter: PgAdapter): PgAdapter {
  readCharAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    readCharAsText(await startTransaction(isolationLevel));
  // The adapter splits scripts on ';' (breaks comments and $$ bodies) and runs the pieces one by one:
  // a query without parameters goes as one simple-protocol query, which PostgreSQL runs as one transaction.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

type PgResult = { fields?: { dataTypeID: number }[] };

// adapter-pg throws on PostgreSQL's internal "char" type (OID 18), which the engine's introspection
// selects (e.g. pg_constraint.contype): report it as text (OID 25), its text form is the character.
function readCharAsText<T extends object>(queryable: T): T {
  const q = queryable as unknown as {
    performIO?: (query: SqlQuery) => Promise<PgResult | PgResult[]>;
  };
  if (typeof q.performIO !== 'function')
    throw new Error('@prisma/adapter-pg changed: cannot map "char" to text');
  const performIO = q.performIO.bind(queryable);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const r of [result].flat())
      for (const f of r.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  return queryable;
}

/** `pglite-prisma-adapter` for a PGlite instance, with the schema-engine traps fixed. */
export function pgliteAdapterFactory(db: PGlite): AdapterFactory {
  const inner = new PrismaPGlite(db);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    // PGlite runs one statement (or transaction) at a time: requests' go first.
    connect: async () =>
      gateStatements(fixPgliteAdapter(await inner.connect(), db), new StatementGate(1, 1)),
    // The adapter's own shadow PGlite is never closed: use one that dispose() closes.
    connectToShadowDb: async () => {
      const shadowDb = await PGlite.create();
      const shadow = fixPgliteAdapter(await new PrismaPGlite(shadowDb).connect(), shadowDb);
      shadow.dispose = once(() => shadowDb.close());
      return shadow;
    },
  };
}

function fixPgliteAdapter(adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter {
  // The adapter does not await exec(): a failing migration would be recorded as applied.
  adapter.executeScript = async (script) => {
    try {
      await db.exec(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return adapter;
}

/**
 * Sends the adapter's statements and transactions through `gate`: a transaction holds its turn
 * until it commits or rolls back (its own statements go through it, not the gate).
 */
function gateStatements<A extends SqlDriverAdapter>(adapter: A, gate: StatementGate): A {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query) => gate.run(() => queryRaw(query));
  adapter.executeRaw = (query) => gate.run(() => executeRaw(query));
  adapter.startTransaction = async (isolationLevel) => {
    const leave = await gate.enter();
    try {
      const transaction = await startTransaction(isolationLevel);
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => commit().finally(leave);
      transaction.rollback = () => rollback().finally(leave);
      return transaction;
    } catch (error) {
      leave();
      throw error;
    }
  };
  return adapter;
}

/** A PostgreSQL error as the engine expects it (it shows the message, code and detail). */
function toDriverAdapterError(error: unknown): unknown {
  const e = error as {
    code?: unknown;
    message?: unknown;
    severity?: unknown;
    detail?: string;
    column?: string;
    hint?: string;
  };
  if (typeof e?.code !== 'string' || typeof e.message !== 'string') return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: e.code,
    severity: typeof e.severity === 'string' ? e.severity : 'ERROR',
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
    originalCode: e.code,
    originalMessage: e.message,
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
