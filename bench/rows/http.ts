// Rows over HTTP, with autocannon at 20 connections: viewer, ingest-rest, ingest-graphql, list.
import { bearer } from '../lib/api.ts';
import { load } from '../lib/load.ts';
import { runScript, spawnScript } from '../lib/processes.ts';
import { ratioOf, type Row, type RowContext } from '../lib/rows.ts';

const json = { 'content-type': 'application/json' };
const gql = (query: string, variables: unknown = {}) => JSON.stringify({ query, variables });
const appEvent = {
  type: 'bench.event',
  conversationId: 'c1',
  properties: { text: 'x'.repeat(200) },
};

/** A baseline server in its own process, for the length of `measure`. */
export async function withBaseline<T>(
  script: string,
  env: Record<string, string>,
  measure: (url: string) => Promise<T>,
) {
  const baseline = spawnScript(script, env);
  try {
    const { port } = await baseline.line<{ port: number }>('ready');
    return await measure(`http://127.0.0.1:${port}`);
  } finally {
    await baseline.stop();
  }
}

export const viewer: Row = async ({ server, fixtures }) => {
  const body = gql('{ viewer { __typename } }');
  const hello = await withBaseline('baselines/yoga-hello.ts', {}, (url) =>
    load({ url: `${url}/graphql`, headers: json, body }),
  );
  const measured = await load({
    url: `${server.url}/graphql`,
    headers: bearer(fixtures.key),
    body,
  });
  return [
    {
      row: 'viewer',
      figure: measured.requestsPerSecond,
      unit: 'req/s',
      baseline: hello.requestsPerSecond,
      baselineName: 'bare yoga hello world',
      ratio: ratioOf(measured.requestsPerSecond, hello.requestsPerSecond),
      goal: '≥ 0.8×',
      pass: measured.requestsPerSecond >= 0.8 * hello.requestsPerSecond,
      note: `p99 ${measured.p99} ms (baseline ${hello.p99} ms)`,
    },
  ];
};

const restIngest = ({ server, fixtures }: RowContext) =>
  load({
    url: `${server.url}/run/v1/events`,
    headers: bearer(fixtures.key),
    body: JSON.stringify(appEvent),
  });

/** Single-row INSERTs on 8 connections (rows/s), measured in their own process. */
export const rawInsertRate = async ({ target }: RowContext) =>
  (
    await runScript<{ rowsPerSecond: number }>('baselines/raw-pg.ts', {
      BENCH_RAW: 'insert',
      BENCH_TARGET: JSON.stringify(target),
    })
  ).rowsPerSecond;

export const ingestRest: Row = async (context) => {
  const raw = await rawInsertRate(context);
  const measured = await restIngest(context);
  const ratio = ratioOf(measured.requestsPerSecond, raw);
  return [
    {
      row: 'ingest-rest',
      figure: measured.requestsPerSecond,
      unit: 'req/s',
      baseline: raw,
      baselineName: 'raw single-row INSERTs, 8 connections (rows/s)',
      ratio,
      goal: '≥ 0.6×, p99 < 25 ms',
      pass: (ratio ?? 0) >= 0.6 && measured.p99 < 25,
      note: `p99 ${measured.p99} ms`,
    },
  ];
};

/** The REST ingest rate of this run, measured now if its row did not run. */
export async function restIngestRate(context: RowContext) {
  return (
    context.results.get('ingest-rest')?.[0].figure ?? (await restIngest(context)).requestsPerSecond
  );
}

export const ingestGraphql: Row = async (context) => {
  const rest = await restIngestRate(context);
  const measured = await load({
    url: `${context.server.url}/graphql`,
    headers: bearer(context.fixtures.key),
    body: gql('mutation ($i: LogEventInput!) { logEvent(input: $i) { __typename } }', {
      i: appEvent,
    }),
  });
  return [
    {
      row: 'ingest-graphql',
      figure: measured.requestsPerSecond,
      unit: 'req/s',
      baseline: rest,
      baselineName: 'POST /run/v1/events (this run)',
      ratio: ratioOf(measured.requestsPerSecond, rest),
      goal: '≥ 0.9× REST',
      pass: measured.requestsPerSecond >= 0.9 * rest,
      note: `p99 ${measured.p99} ms`,
    },
  ];
};

export const list: Row = async ({ server, fixtures, listTarget }) => {
  const body = gql(
    '{ appEvents(first: 50) { totalCount edges { cursor node { id type createdAt properties } } pageInfo { hasNextPage endCursor } } }',
  );
  const minimal = await withBaseline(
    'baselines/list-server.ts',
    { BENCH_TARGET: JSON.stringify(listTarget), BENCH_TENANT: fixtures.listTenantId },
    (url) => load({ url: `${url}/graphql`, headers: json, body }),
  );
  const measured = await load({
    url: `${server.url}/graphql`,
    headers: bearer(fixtures.listKey),
    body,
  });
  return [
    {
      row: 'list',
      figure: measured.requestsPerSecond,
      unit: 'req/s',
      baseline: minimal.requestsPerSecond,
      baselineName: 'minimal yoga + hand-written SQL, same page',
      ratio: ratioOf(measured.requestsPerSecond, minimal.requestsPerSecond),
      goal: '≥ 0.8×',
      pass: measured.requestsPerSecond >= 0.8 * minimal.requestsPerSecond,
      note: `10,000 events in the tenant; p99 ${measured.p99} ms`,
    },
  ];
};
