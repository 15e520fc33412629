// `npm run bench`: Switchboard's throughput figures, each next to a baseline measured in the same
// run on the same database (PGlite by default, PostgreSQL with DATABASE_URL).
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { createSwitchboard } from '../src/http/server.ts';
import { createLogger } from '../src/logger.ts';
import { createTestDatabase } from '../test/support/databases.ts';

const ADMIN_KEY = `sb_admin_bench_${randomUUID()}`;
const database = await createTestDatabase();
const switchboard = await createSwitchboard({
  config: loadConfig({
    SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_REQUESTS: '100000000',
    REDIS_PREFIX: `sbbench:${randomUUID()}:`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  }),
  logger: createLogger('silent'),
  database: await database.open(),
});
const { url } = await switchboard.listen(0, '127.0.0.1');

async function graphql(query: string, variables: unknown, key: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Runs `task` `total` times with `concurrency` in flight; returns operations per second. */
async function rate(total: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

const tenant = await graphql('mutation { createTenant(name: "bench") { id } }', {}, ADMIN_KEY);
const created = await graphql(
  'mutation ($t: ID) { createApiKey(name: "bench", tenantId: $t) { secret } }',
  { t: tenant.createTenant.id },
  ADMIN_KEY,
);
const key: string = created.createApiKey.secret;
const event = (i: number) => ({ type: 'bench.event', conversationId: `c${i % 50}`, properties: { i, text: 'x'.repeat(200) } });
const rows: string[] = [];
const print = (name: string, value: number, unit: string, baseline?: number) => {
  const line = `${name.padEnd(52)} ${value.toFixed(0).padStart(9)} ${unit}${baseline ? `   ${(value / baseline).toFixed(2)}x baseline` : ''}`;
  rows.push(line);
  console.log(line);
};

console.log(`database: ${database.kind}, pub/sub: ${process.env.REDIS_URL ? 'redis' : 'in-process'}`);
const health = await rate(2000, 8, () => fetch(`${url}/healthz`).then((r) => r.arrayBuffer()));
print('baseline: GET /healthz (HTTP floor)', health, 'req/s');
const prisma = switchboard.services.prisma;
const rawBatch = 1000;
const raw = await rate(10, 1, async () => {
  await prisma.appEvent.createMany({
    data: Array.from({ length: rawBatch }, (_, i) => ({
      tenantId: tenant.createTenant.id,
      id: randomUUID(),
      type: 'raw',
      properties: event(i).properties,
      serverMetadata: {},
    })),
  });
});
const rawPerSecond = raw * rawBatch;
print('baseline: Prisma createMany x1000, no HTTP/audit', rawPerSecond, 'events/s');

const single = await rate(2000, 8, (i) =>
  fetch(`${url}/run/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(event(i)),
  }).then((r) => r.arrayBuffer()),
);
print('REST POST /run/v1/events, 8 in flight', single, 'events/s', health);
for (const size of [100, 1000]) {
  const batches = size === 100 ? 50 : 10;
  const batched = await rate(batches, 2, () =>
    graphql('mutation ($inputs: [LogEventInput!]!) { logEvents(inputs: $inputs) { created } }', { inputs: Array.from({ length: size }, (_, i) => event(i)) }, key),
  );
  print(`GraphQL logEvents batch of ${size}, 2 in flight`, batched * size, 'events/s', rawPerSecond);
}

await switchboard.shutdown();
await database.drop();
process.exit(0);
