// `npm run bench [-- <row>...] [--mode=embedded|pg|both]`: issue 13's table, each figure beside a
// baseline measured in the same run. Switchboard (`node dist/main.js` of BENCH_SERVER_DIR, default
// this checkout), the baselines and helpers each run in a process of their own; the load comes
// from this one. See bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createPostgresDatabase, type Target } from './lib/db.ts';
import { createFixtures, replayedExecutionId, seed } from './lib/fixtures.ts';
import { benchDir, killChildren, rssMb, runScript, spawnScript } from './lib/processes.ts';
import type { Result, Row, RowContext } from './lib/rows.ts';
import { serverDir, startServer } from './lib/server.ts';
import { ingestGraphql, ingestRest, list, viewer } from './rows/http.ts';
import { deliveries, webhook } from './rows/outbound.ts';
import { fanOut10k, fanOut1k, firstWord, replay } from './rows/executions.ts';
import { rss, start, usage } from './rows/server.ts';

/** In the order they run: webhook last, as the executions it starts keep running for a while. */
const ROWS: Record<string, Row> = {
  start,
  rss,
  viewer,
  list,
  'ingest-rest': ingestRest,
  'ingest-graphql': ingestGraphql,
  deliveries,
  'first-word': firstWord,
  replay,
  usage,
  'fanout-1k': fanOut1k,
  'fanout-10k': fanOut10k,
  webhook,
};
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

const args = process.argv.slice(2);
const modeArg = args.find((arg) => arg.startsWith('--mode='))?.slice('--mode='.length);
const names = args.filter((arg) => !arg.startsWith('--'));
for (const name of names)
  if (!(name in ROWS))
    throw new Error(`unknown row ${name}; rows: ${Object.keys(ROWS).join(', ')}`);
const selected = new Set(names.length ? names : Object.keys(ROWS));

if (modeArg === 'both') {
  for (const mode of ['embedded', 'pg']) {
    const rerun = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1], ...names, `--mode=${mode}`],
      {
        stdio: 'inherit',
      },
    );
    if (rerun.status) process.exitCode = rerun.status;
  }
} else {
  const mode =
    modeArg === 'pg' || (modeArg !== 'embedded' && process.env.DATABASE_URL) ? 'pg' : 'embedded';
  await benchOneMode(mode);
}

async function benchOneMode(mode: 'embedded' | 'pg') {
  const log = (line: string) => console.log(line);
  const commit = (() => {
    try {
      return execFileSync('git', ['-C', serverDir, 'log', '-1', '--format=%h %s'], {
        encoding: 'utf8',
      }).trim();
    } catch {
      return 'unknown commit';
    }
  })();
  const header = [
    `# bench: ${mode === 'pg' ? 'PostgreSQL + Redis' : 'embedded (PGlite, in-process pub/sub)'}`,
    `server ${serverDir} at ${commit}`,
    `${new Date().toISOString()}, node ${process.version}, ${cpus().length} cpus, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  ];
  header.forEach(log);

  const pg =
    mode === 'pg'
      ? await createPostgresDatabase(process.env.DATABASE_URL || DEFAULT_PG)
      : undefined;
  const dataDir = pg ? undefined : mkdtempSync(join(tmpdir(), 'bench-switchboard-'));
  const target: Target = pg ? { databaseUrl: pg.databaseUrl } : { dataDir: dataDir! };
  const adminKey = `sb_admin_bench_${randomUUID()}`;
  const env = {
    NODE_ENV: 'production',
    SWITCHBOARD_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_REQUESTS: '1000000000',
    RATE_LIMIT_ANONYMOUS_REQUESTS: '1000000000',
    RATE_LIMIT_WEBHOOK_REQUESTS: '1000000000',
    WS_MAX_OPERATIONS_PER_CONNECTION: '1000',
    OUTBOUND_ALLOWED_NETWORKS: 'loopback',
    REDIS_URL: pg ? process.env.REDIS_URL || DEFAULT_REDIS : '',
    REDIS_PREFIX: `sbbench:${randomUUID()}:`,
  };
  const fakeModel = spawnScript('support/fake-openai.ts');
  const results = new Map<string, Result[]>();
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const { url: fakeModelUrl } = await fakeModel.line<{ url: string }>('ready');
    const first = await startServer(target, env);
    const fixtures = await createFixtures(first.url, adminKey, selected);
    await first.process.stop();
    const listTarget = await seed(target, fixtures, selected, log);
    const rawReads =
      selected.has('usage') || selected.has('replay')
        ? await runScript<Record<string, number>>('baselines/raw-pg.ts', {
            BENCH_RAW: 'read',
            BENCH_TARGET: JSON.stringify(target),
            BENCH_QUERIES: JSON.stringify({
              count: ['SELECT count(*) FROM "LlmEvent" WHERE "tenantId" = $1', [fixtures.tenantId]],
              journal: [
                'SELECT * FROM "ExecutionEvent" WHERE "executionId" = $1 ORDER BY seq',
                [replayedExecutionId],
              ],
            }),
          })
        : {};
    server = await startServer(target, env);
    await new Promise((wake) => setTimeout(wake, 5000));
    const context: RowContext = {
      mode,
      target,
      server,
      fixtures,
      adminKey,
      listTarget,
      rawReads,
      firstStartMs: first.startMs,
      idleRssMb: rssMb(server.pid),
      fakeModelUrl,
      results,
      log,
    };
    for (const name of Object.keys(ROWS).filter((name) => selected.has(name))) {
      try {
        results.set(name, await ROWS[name](context));
      } catch (error) {
        results.set(name, [
          {
            row: name,
            figure: NaN,
            unit: '',
            goal: '',
            note: `failed: ${(error as Error).message.slice(0, 300)}`,
          },
        ]);
      }
      for (const result of results.get(name)!) log(line(result));
    }
  } finally {
    await server?.process.stop();
    await fakeModel.stop();
    killChildren();
    await pg?.drop();
    for (const dir of [dataDir, dataDir && `${dataDir}-list-copy`])
      if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const all = [...results.values()].flat();
  const table = [
    '| row | figure | baseline | ratio | goal | pass | note |',
    '|---|---|---|---|---|---|---|',
    ...all.map(
      (r) =>
        `| ${r.row} | ${figure(r.figure, r.unit)} | ${r.baseline === undefined ? '' : `${figure(r.baseline, r.unit)} (${r.baselineName})`} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${r.goal} | ${r.pass === undefined ? '' : r.pass ? 'pass' : 'miss'} | ${r.note ?? ''} |`,
    ),
  ];
  log(`\n${header.join('\n')}\n\n${table.join('\n')}`);
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(
    join(benchDir, 'results', `${mode}.json`),
    JSON.stringify({ mode, server: serverDir, commit, header, results: all }, null, 2),
  );
}

function figure(value: number, unit: string) {
  if (Number.isNaN(value)) return '—';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

function line(result: Result) {
  const ratio =
    result.ratio === undefined
      ? ''
      : ` = ${result.ratio.toFixed(2)}× ${figure(result.baseline!, result.unit)} (${result.baselineName})`;
  return `${result.row}: ${figure(result.figure, result.unit)}${ratio}; goal ${result.goal}${result.pass === undefined ? '' : result.pass ? ' pass' : ' MISS'}${result.note ? `; ${result.note}` : ''}`;
}
