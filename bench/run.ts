// `npm run bench`: Switchboard's throughput figures, each next to a baseline measured in the same
// run on the same database (PGlite by default, PostgreSQL with DATABASE_URL).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createHmac, randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../src/kernel/config.ts';
import { createSwitchboard } from '../src/http/server.ts';
import { createLogger } from '../src/kernel/logger.ts';
import { createTestDatabase } from '../test/support/databases.ts';

const ADMIN_KEY = `sb_admin_bench_${randomUUID()}`;
const database = await createTestDatabase();
const switchboard = await createSwitchboard({
  config: loadConfig({
    SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_REQUESTS: '100000000',
    REDIS_PREFIX: `sbbench:${randomUUID()}:`,
    OUTBOUND_ALLOWED_NETWORKS: 'loopback',
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
const event = (i: number) => ({
  type: 'bench.event',
  conversationId: `c${i % 50}`,
  properties: { i, text: 'x'.repeat(200) },
});
const rows: string[] = [];
const print = (name: string, value: number, unit: string, baseline?: number) => {
  const line = `${name.padEnd(56)} ${value.toFixed(0).padStart(9)} ${unit}${baseline ? `   ${(value / baseline).toFixed(2)}x baseline` : ''}`;
  rows.push(line);
  console.log(line);
};

console.log(
  `database: ${database.kind}, pub/sub: ${process.env.REDIS_URL ? 'redis' : 'in-process'}`,
);
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
    graphql(
      'mutation ($inputs: [LogEventInput!]!) { logEvents(inputs: $inputs) { created } }',
      { inputs: Array.from({ length: size }, (_, i) => event(i)) },
      key,
    ),
  );
  print(
    `GraphQL logEvents batch of ${size}, 2 in flight`,
    batched * size,
    'events/s',
    rawPerSecond,
  );
}

// LLM telemetry: ingest, single and batched, against the same baselines as app events.
const fingerprint = await graphql(
  'mutation ($input: CreateFingerprintInput!) { createFingerprint(input: $input) { fingerprint { id } } }',
  { input: { language: 'python', languageVersion: '3.12', system: 'linux' } },
  key,
);
const fingerprintId: string = fingerprint.createFingerprint.fingerprint.id;
const llmEvent = (i: number) => ({
  agent: `agent-${i % 10}`,
  agentVersion: `v${i % 3}`,
  person: `person-${i % 1000}`,
  session: `session-${i % 5000}`,
  properties: {
    inputs: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(200) }] },
    outputs: {
      object: 'chat.completion',
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'y'.repeat(200) },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 120 + (i % 50), completion_tokens: 60, total_tokens: 180 + (i % 50) },
    },
    latency_ms: 200 + (i % 300),
  },
});
const llmSingle = await rate(2000, 8, (i) =>
  fetch(`${url}/telemetry/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      event_name: 'llm',
      fingerprint_id: fingerprintId,
      ...llmEvent(i),
      agent_version: llmEvent(i).agentVersion,
    }),
  }).then((r) => r.arrayBuffer()),
);
print('REST POST /telemetry/v1/events, 8 in flight', llmSingle, 'events/s', health);
for (const size of [100, 1000]) {
  const batches = size === 100 ? 50 : 10;
  const batched = await rate(batches, 2, () =>
    graphql(
      'mutation ($inputs: [CreateLlmEventInput!]!) { createLlmEvents(inputs: $inputs) { id } }',
      {
        inputs: Array.from({ length: size }, (_, i) => ({ fingerprintId, ...llmEvent(i) })),
      },
      key,
    ),
  );
  print(
    `GraphQL createLlmEvents batch of ${size}, 2 in flight`,
    batched * size,
    'events/s',
    rawPerSecond,
  );
}

// telemetryUsage over a large table: rows generated in SQL (the ingest path is measured above),
// spread over the agents, versions and persons just created, 30 days, 6 models, 2% errors.
const tenantId: string = tenant.createTenant.id;
/** BENCH_LLM_EVENTS=0 skips the usage figures (and the minutes that filling the table takes). */
const target = Number(process.env.BENCH_LLM_EVENTS ?? 1_000_000);
/** Median milliseconds of `runs` runs of `task`. */
async function medianMs(runs: number, task: () => Promise<unknown>) {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

if (target > 0) {
  const existing = await prisma.llmEvent.count({ where: { tenantId } });
  const fillStarted = performance.now();
  for (let done = existing; done < target; done += 100_000) {
    const rows = Math.min(100_000, target - done);
    await prisma.$executeRaw`
      WITH versions AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg("agentId" ORDER BY id) AS agents, count(*)::int AS n
                        FROM "AgentVersion" WHERE "tenantId" = ${tenantId}),
           persons AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM "Person" WHERE "tenantId" = ${tenantId})
      INSERT INTO "LlmEvent" (id, "tenantId", "fingerprintId", "agentId", "agentVersionId", "personRef", properties, provider, model,
        "inputTokens", "outputTokens", "cachedInputTokens", "finishReason", error, "latencyMs", "costUsd", "createdAt")
      SELECT gen_random_uuid()::text, ${tenantId}, ${fingerprintId}, versions.agents[1 + i % versions.n], versions.ids[1 + i % versions.n],
        CASE WHEN i % 3 = 0 THEN NULL ELSE persons.ids[1 + i % persons.n] END, '{}'::jsonb,
        (ARRAY['openai', 'anthropic', 'gemini'])[1 + i % 3],
        (ARRAY['gpt-4o', 'claude-sonnet-4', 'gemini-2.5-flash', 'gpt-4o-mini', 'claude-3-5-haiku', 'unpriced-model'])[1 + i % 6],
        100 + i % 900, 50 + i % 400, i % 64, 'stop', CASE WHEN i % 50 = 0 THEN 'rate limited' END, 50 + (i::bigint * 7919) % 3000,
        CASE WHEN i % 6 = 5 THEN NULL ELSE (100 + i % 900) * 0.000001 END,
        now() - ((i % 30) * interval '1 day') - ((i % 86400) * interval '1 second')
      FROM versions, persons, generate_series(${done + 1}::int, ${done + rows}::int) AS i`;
  }
  if (target > existing)
    console.log(
      `generated ${target - existing} LLM events in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`,
    );
  // What autovacuum would have done by the time such a table is queried: statistics and visibility map.
  await prisma.$executeRawUnsafe('VACUUM ANALYZE "LlmEvent"');

  const total = await prisma.llmEvent.count({ where: { tenantId } });
  const countBaseline = await medianMs(
    3,
    () => prisma.$queryRaw`SELECT count(*) FROM "LlmEvent" WHERE "tenantId" = ${tenantId}`,
  );
  print(`baseline: SQL count(*) over ${total} LLM events`, countBaseline, 'ms');
  const usageQueries: [string, string[], Record<string, unknown>][] = [
    ['telemetryUsage, no groupBy', [], {}],
    ['telemetryUsage by AGENT', ['AGENT'], {}],
    ['telemetryUsage by MODEL', ['MODEL'], {}],
    ['telemetryUsage by DAY', ['DAY'], {}],
    ['telemetryUsage by AGENT, VERSION, MODEL', ['AGENT', 'VERSION', 'MODEL'], {}],
    ['telemetryUsage by PERSON', ['PERSON'], {}],
    ['telemetryUsage by MODEL, agent filter', ['MODEL'], { agent: 'agent-3' }],
    [
      'telemetryUsage by DAY, last 7 days',
      ['DAY'],
      { from: new Date(Date.now() - 7 * 86400_000).toISOString() },
    ],
  ];
  for (const [name, groupBy, filter] of usageQueries) {
    const query =
      'query ($g: [TelemetryUsageDimension!], $f: LlmEventFilter) { telemetryUsage(groupBy: $g, filter: $f) { count costUsd p95LatencyMs } }';
    const ms = await medianMs(3, () => graphql(query, { g: groupBy, f: filter }, key));
    print(name, ms, 'ms', countBaseline);
  }
}

// Executions: from createExecution to the first streamed word (scripted provider), replay of a
// 10,000-event journal to a new subscriber, and one run streamed live to 1,000 subscribers.
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((values.length * p) / 100))
  ];
const floor: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  await graphql('{ viewer { kind } }', {}, key);
  floor.push(performance.now() - started);
}
print('baseline: GraphQL { viewer } round trip, p50', percentile(floor, 50), 'ms');
const firstWord: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  const response = await fetch(`${url}/run/api/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ messages: [{ role: 'user', content: `hello ${i}` }] }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  let first: number | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    received += value;
    if (first === null && received.includes('event: text_delta'))
      first = performance.now() - started;
  }
  firstWord.push(first!);
}
print(
  'createExecution to first streamed word, p50',
  percentile(firstWord, 50),
  'ms',
  percentile(floor, 50),
);
print(
  'createExecution to first streamed word, p99',
  percentile(firstWord, 99),
  'ms',
  percentile(floor, 50),
);

const wsClient = () =>
  createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
  });
/** Subscribes to an execution's events; resolves with how many arrived once the stream completes. */
const followExecution = (
  client: ReturnType<typeof wsClient>,
  executionId: string,
  onEvent: (count: number) => void = () => {},
) =>
  new Promise<number>((resolve, reject) => {
    let count = 0;
    client.subscribe(
      {
        query:
          'subscription ($id: ID!) { executionEvents(executionId: $id) { __typename ... on ExecutionStatusChanged { status } } }',
        variables: { id: executionId },
      },
      {
        next: (message) => {
          count += 1;
          onEvent(count);
          if (
            (message.data?.executionEvents as { status?: string } | undefined)?.status ===
            'SUSPENDED'
          )
            suspendedSeen();
        },
        error: reject,
        complete: () => resolve(count),
      },
    );
  });
let suspendedSeen = () => {};

// A journal of 10,000 events, written in SQL beside an ended execution's row.
const template = await prisma.execution.findFirstOrThrow({
  where: { tenantId, status: 'completed' },
});
const replayed = await prisma.execution.create({
  data: {
    ...template,
    id: randomUUID(),
    seq: undefined,
    input: template.input ?? [],
    forwardedHeaders: template.forwardedHeaders ?? {},
    journalLength: 10_000,
  },
});
await prisma.$executeRaw`
  INSERT INTO "ExecutionEvent" ("executionId", seq, type, data, "createdAt")
  SELECT ${replayed.id}, g, CASE WHEN g = 10000 THEN 'finished' ELSE 'text_delta' END,
    CASE WHEN g = 10000 THEN '{"status": "completed"}'::jsonb ELSE jsonb_build_object('step', 1, 'text', 'word ') END, now()
  FROM generate_series(1, 10000) AS g`;
const readAll = await medianMs(3, () =>
  prisma.executionEvent.findMany({ where: { executionId: replayed.id }, orderBy: { seq: 'asc' } }),
);
print('baseline: Prisma read of the 10,000 journal rows', readAll, 'ms');
const replayClient = wsClient();
const replayMs = await medianMs(3, async () => {
  const count = await followExecution(replayClient, replayed.id);
  if (count !== 10_000) throw new Error(`replayed ${count} events`);
});
print('replay of 10,000 events to a new graphql-ws subscriber', replayMs, 'ms', readAll);
const sseMs = await medianMs(3, async () => {
  const response = await fetch(`${url}/run/api/executions/${replayed.id}/stream`, {
    headers: { authorization: `Bearer ${key}` },
  });
  await response.text();
});
print('replay of 10,000 events over SSE', sseMs, 'ms', readAll);
await replayClient.dispose();

// 1,000 subscribers on 20 connections wait on a run suspended for approval; the approval sets off
// 200 streamed words, which every subscriber receives live.
const fanOutAgent = await graphql(
  'mutation ($c: RunConfigInput!) { createAgent(name: "fan-out") { id } createAgentVersion(agentName: "fan-out", name: "v1", runConfig: $c) { id } }',
  {
    c: {
      provider: {
        type: 'SCRIPTED',
        turns: [
          { toolCalls: [{ name: 'go', arguments: {} }] },
          { text: Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ') },
        ],
      },
      tools: [{ name: 'go', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } }],
    },
  },
  key,
);
const fanOut = (
  await graphql(
    'mutation ($a: ID) { createExecution(input: { agentId: $a, messages: [{ role: "user", content: "go" }] }) { id } }',
    { a: fanOutAgent.createAgent.id },
    key,
  )
).createExecution.id as string;
const clients = Array.from({ length: 20 }, wsClient);
let suspendedCount = 0;
const allSuspended = new Promise<void>((resolve) => {
  suspendedSeen = () => {
    if (++suspendedCount === 1000) resolve();
  };
});
const finished = Array.from({ length: 1000 }, (_, i) => followExecution(clients[i % 20], fanOut));
await allSuspended;
const approvedAt = performance.now();
await graphql(
  'mutation ($e: ID!) { approveToolCall(executionId: $e, toolCallId: "call_1_1", approved: true) { success } }',
  { e: fanOut },
  key,
);
const counts = await Promise.all(finished);
const fanOutMs = performance.now() - approvedAt;
const liveEvents = counts.reduce((sum, count) => sum + count, 0) - suspendedCount * 5;
print('1,000 subscribers: approval to last subscriber finished', fanOutMs, 'ms');
print('1,000 subscribers: live events delivered', (liveEvents / fanOutMs) * 1000, 'events/s');
await Promise.all(clients.map((client) => client.dispose()));

// Outbound delivery to a local receiver: the latency a webhook adds after an event is logged, and
// how many messages per second go out, against the ingest figures above.
const arrivals = new Map<string, number>();
let arrived = 0;
const receiver = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    arrivals.set((JSON.parse(body) as { data: { id: string } }).data.id, performance.now());
    arrived += 1;
    response.end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
await graphql(
  'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }',
  {
    i: {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      eventTypes: ['EVENT_CREATED'],
      appEventTypes: ['bench.delivery'],
    },
  },
  key,
);
const ingestMs: number[] = [];
const addedMs: number[] = [];
for (let i = 0; i < 200; i++) {
  const id = `delivery-latency-${i}`;
  const started = performance.now();
  await fetch(`${url}/run/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ id, type: 'bench.delivery' }),
  }).then((r) => r.arrayBuffer());
  const logged = performance.now();
  ingestMs.push(logged - started);
  while (!arrivals.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
  addedMs.push(arrivals.get(id)! - logged);
}
print('baseline: REST POST /run/v1/events, p50', percentile(ingestMs, 50), 'ms');
print(
  'event logged to webhook received, p50',
  percentile(addedMs, 50),
  'ms',
  percentile(ingestMs, 50),
);
print(
  'event logged to webhook received, p99',
  percentile(addedMs, 99),
  'ms',
  percentile(ingestMs, 50),
);
arrived = 0;
const burstStarted = performance.now();
for (let batch = 0; batch < 5; batch++) {
  await graphql(
    'mutation ($inputs: [LogEventInput!]!) { logEvents(inputs: $inputs) { created } }',
    { inputs: Array.from({ length: 1000 }, () => ({ type: 'bench.delivery' })) },
    key,
  );
}
while (arrived < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
print(
  'webhook deliveries of 5,000 logged events',
  (5000 / (performance.now() - burstStarted)) * 1000,
  'messages/s',
  rawPerSecond,
);
receiver.close();

// Webhook ingestion: requests up to the 202, with an HMAC signature and a JSON Schema checked
// (each accepted webhook also starts an execution, which runs meanwhile).
const hookAgent = await graphql('mutation { createAgent(name: "webhooks") { id } }', {}, key);
const signingSecret = (
  await graphql(
    'mutation { createCredential(name: "bench") { secret credential { id } } }',
    {},
    key,
  )
).createCredential;
const hook = await graphql(
  'mutation ($a: ID!, $i: CreateTriggerInput!) { createTrigger(agentId: $a, input: $i) { webhookUrl } }',
  {
    a: hookAgent.createAgent.id,
    i: {
      name: 'bench',
      inputSchema: {
        type: 'object',
        required: ['action', 'number'],
        properties: { action: { type: 'string' }, number: { type: 'integer' } },
      },
      messageTemplate: 'Pull request {{number}} was {{action}}',
      signatureVerification: {
        signature: { source: 'HEADER', key: 'X-Hub-Signature-256', prefix: 'sha256=' },
      },
      signingSecretCredentialReferenceId: signingSecret.credential.id,
    },
  },
  key,
);
const hookPath = new URL(hook.createTrigger.webhookUrl).pathname;
const hookLatencies: number[] = [];
const hooksPerSecond = await rate(2000, 8, async (i) => {
  const payload = JSON.stringify({ action: 'opened', number: i, title: 'x'.repeat(200) });
  const started = performance.now();
  const response = await fetch(`${url}${hookPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', signingSecret.secret).update(payload).digest('hex')}`,
    },
    body: payload,
  });
  await response.arrayBuffer();
  if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
  hookLatencies.push(performance.now() - started);
});
print('POST webhook (signature + schema), 8 in flight', hooksPerSecond, 'req/s', health);
print(
  'POST webhook (signature + schema), p99 to the 202',
  percentile(hookLatencies, 99),
  'ms',
  percentile(floor, 50),
);

await switchboard.shutdown();
await database.drop();
process.exit(0);
