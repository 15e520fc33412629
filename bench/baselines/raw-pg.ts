// Baseline: the database without Switchboard. BENCH_RAW=insert: single-row INSERTs of an event
// row (the app event's columns and keys) from 8 connections for BENCH_SECONDS, in a table of its
// own; PGlite, a single connection, takes the 8 loops one statement at a time. BENCH_RAW=read:
// each query of BENCH_QUERIES (JSON {name: [sql, params]}), median of 3 runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { openSql, type Target } from '../lib/db.ts';
import { medianMs, SECONDS } from '../lib/load.ts';
import { report } from '../lib/processes.ts';

const target = JSON.parse(process.env.BENCH_TARGET!) as Target;

if (process.env.BENCH_RAW === 'insert') {
  const ownDir = 'dataDir' in target ? mkdtempSync(join(tmpdir(), 'bench-raw-')) : undefined;
  const sql = await openSql(ownDir ? { dataDir: ownDir } : target, 8);
  await sql.query(`CREATE TABLE IF NOT EXISTS bench_raw_event (
    seq bigserial PRIMARY KEY, "tenantId" text NOT NULL, id text NOT NULL, type text NOT NULL,
    "conversationId" text, properties jsonb, "serverMetadata" jsonb NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now(), UNIQUE ("tenantId", id))`);
  const properties = JSON.stringify({ text: 'x'.repeat(200) });
  let rows = 0;
  const insert = () =>
    sql.query(
      `INSERT INTO bench_raw_event ("tenantId", id, type, "conversationId", properties, "serverMetadata")
       VALUES ($1, $2, 'bench.event', 'c1', $3, '{}')`,
      ['bench', randomUUID(), properties],
    );
  for (const phase of [1, SECONDS]) {
    rows = 0;
    const started = performance.now();
    const end = started + phase * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < end) {
          await insert();
          rows += 1;
        }
      }),
    );
    if (phase === SECONDS)
      report('result', { rowsPerSecond: rows / ((performance.now() - started) / 1000) });
  }
  await sql.query('DROP TABLE bench_raw_event');
  await sql.close();
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
} else {
  const sql = await openSql(target);
  const queries = JSON.parse(process.env.BENCH_QUERIES!) as Record<string, [string, unknown[]]>;
  const result: Record<string, number> = {};
  for (const [name, [text, params]] of Object.entries(queries))
    result[name] = await medianMs(3, () => sql.query(text, params));
  await sql.close();
  report('result', result);
}
