// Rows about the server as a whole and its stored data: usage, start, rss.
import { performance } from 'node:perf_hooks';
import { graphql } from '../lib/api.ts';
import { llmEventCount } from '../lib/fixtures.ts';
import { medianMs } from '../lib/load.ts';
import { rssMb, spawnScript } from '../lib/processes.ts';
import { ratioOf, type Row } from '../lib/rows.ts';

const USAGE =
  'query ($g: [TelemetryUsageDimension!], $f: LlmEventFilter) { telemetryUsage(groupBy: $g, filter: $f) { count costUsd p95LatencyMs } }';
const day = 86_400_000;
const hourStart = (ms: number) => Math.floor(ms / 3_600_000) * 3_600_000;

/** Every groupBy, a filter and ranges: whole days, and edges that cut through hours. */
const usageQueries = (): [string, string[], Record<string, unknown>][] => [
  ['no groupBy', [], {}],
  ['AGENT', ['AGENT'], {}],
  ['VERSION', ['VERSION'], {}],
  ['PERSON', ['PERSON'], {}],
  ['MODEL', ['MODEL'], {}],
  ['PROVIDER', ['PROVIDER'], {}],
  ['DAY', ['DAY'], {}],
  ['AGENT, VERSION, MODEL', ['AGENT', 'VERSION', 'MODEL'], {}],
  ['MODEL, agent filter', ['MODEL'], { agent: 'agent-3' }],
  ['DAY, last 7 days', ['DAY'], { from: new Date(Date.now() - 7 * day).toISOString() }],
  [
    'MODEL, 10 days, mid-hour edges',
    ['MODEL'],
    {
      from: new Date(hourStart(Date.now() - 12 * day) + 1_234_567).toISOString(),
      to: new Date(hourStart(Date.now() - 2 * day) + 2_345_678).toISOString(),
    },
  ],
];

export const usage: Row = async ({ server, fixtures, rawReads, target }) => {
  const times: [string, number][] = [];
  for (const [name, groupBy, filter] of usageQueries())
    times.push([
      name,
      await medianMs(3, () => graphql(server.url, fixtures.key, USAGE, { g: groupBy, f: filter })),
    ]);
  const worst = Math.max(...times.map(([, ms]) => ms));
  return [
    {
      row: 'usage, slowest query',
      figure: worst,
      unit: 'ms',
      baseline: rawReads.count,
      baselineName: `bare count(*) over ${llmEventCount(target).toLocaleString('en')} LLM events`,
      ratio: ratioOf(worst, rawReads.count),
      goal: '< 50 ms each',
      pass: worst < 50,
      note: times.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join('; '),
    },
  ];
};

/** The bare yoga hello world's start to its first answer, and its idle RSS. */
async function yogaStart() {
  const started = performance.now();
  const yoga = spawnScript('baselines/yoga-hello.ts');
  try {
    const { port } = await yoga.line<{ port: number }>('ready');
    await fetch(`http://127.0.0.1:${port}/graphql?query=%7Bhello%7D`);
    const ms = performance.now() - started;
    await new Promise((wake) => setTimeout(wake, 2000));
    return { ms, rss: rssMb(yoga.child.pid!) };
  } finally {
    await yoga.stop();
  }
}
let yogaFigures: ReturnType<typeof yogaStart> | undefined;

export const start: Row = async ({ server, firstStartMs }) => {
  const yoga = await (yogaFigures ??= yogaStart());
  const baselineName = 'bare yoga hello world (tsx) to its first answer';
  return [
    {
      row: 'start, first',
      figure: firstStartMs,
      unit: 'ms',
      baseline: yoga.ms,
      baselineName,
      ratio: ratioOf(firstStartMs, yoga.ms),
      goal: '< 10,000 ms',
      pass: firstStartMs < 10_000,
      note: 'fresh data folder or database',
    },
    {
      row: 'start, warm',
      figure: server.startMs,
      unit: 'ms',
      baseline: yoga.ms,
      baselineName,
      ratio: ratioOf(server.startMs, yoga.ms),
      goal: '< 2,000 ms',
      pass: server.startMs < 2000,
      note: 'second start on the same data',
    },
  ];
};

export const rss: Row = async ({ idleRssMb, mode }) => {
  const yoga = await (yogaFigures ??= yogaStart());
  return [
    {
      row: 'rss, idle',
      figure: idleRssMb,
      unit: 'MB',
      baseline: yoga.rss,
      baselineName: 'bare yoga hello world, idle',
      ratio: ratioOf(idleRssMb, yoga.rss),
      goal: mode === 'embedded' ? '< 250 MB' : '(goal is for embedded)',
      pass: mode === 'embedded' ? idleRssMb < 250 : undefined,
      note: '5 s after the warm start, before any load',
    },
  ];
};
