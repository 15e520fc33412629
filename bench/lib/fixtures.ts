// What the rows need before the load: tenants and keys through the API (server running), then rows
// a long-running deployment would hold, written in SQL while the server is stopped (the embedded
// database has one owner): a list of app events, LLM events for usage, a 10,000-entry journal.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { bearer, graphql } from './api.ts';
import { openSql, pgliteDir, type Target } from './db.ts';
import { serverDir } from './server.ts';

export interface Fixtures {
  tenantId: string;
  key: string;
  listTenantId: string;
  listKey: string;
  /** The ended execution whose journal the replay row copies (replay only). */
  templateExecutionId?: string;
  fingerprintId?: string;
}

async function tenantWithKey(url: string, adminKey: string, name: string) {
  const { createTenant } = await graphql(
    url,
    adminKey,
    `mutation { createTenant(name: "${name}") { id } }`,
  );
  const { createApiKey } = await graphql(
    url,
    adminKey,
    'mutation ($t: ID) { createApiKey(name: "bench", tenantId: $t) { secret } }',
    { t: createTenant.id },
  );
  return { tenantId: createTenant.id as string, key: createApiKey.secret as string };
}

export const llmEvent = (i: number) => ({
  agent: `agent-${i % 10}`,
  agentVersion: `v${i % 3}`,
  person: `person-${i % 1000}`,
  session: `session-${i % 5000}`,
  properties: {
    inputs: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(200) }] },
    outputs: {
      object: 'chat.completion',
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content: 'y' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 120 + (i % 50), completion_tokens: 60, total_tokens: 180 + (i % 50) },
    },
    latency_ms: 200 + (i % 300),
  },
});

export async function createFixtures(url: string, adminKey: string, rows: Set<string>) {
  const main = await tenantWithKey(url, adminKey, 'bench');
  const list = await tenantWithKey(url, adminKey, 'bench-list');
  const fixtures: Fixtures = { ...main, listTenantId: list.tenantId, listKey: list.key };
  if (rows.has('usage')) {
    const { createFingerprint } = await graphql(
      url,
      main.key,
      'mutation ($i: CreateFingerprintInput!) { createFingerprint(input: $i) { fingerprint { id } } }',
      { i: { language: 'python', languageVersion: '3.12', system: 'linux' } },
    );
    fixtures.fingerprintId = createFingerprint.fingerprint.id;
    // Agents, versions and persons for the generated rows to name.
    await graphql(
      url,
      main.key,
      'mutation ($inputs: [CreateLlmEventInput!]!) { createLlmEvents(inputs: $inputs) { id } }',
      {
        inputs: Array.from({ length: 60 }, (_, i) => ({
          fingerprintId: fixtures.fingerprintId,
          ...llmEvent(i),
        })),
      },
    );
  }
  if (rows.has('replay')) {
    const response = await fetch(`${url}/run/api/executions`, {
      method: 'POST',
      headers: bearer(main.key),
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] }),
    });
    await response.text();
    fixtures.templateExecutionId = response.headers.get('x-execution-id')!;
  }
  return fixtures;
}

/** The LLM events the usage row queries: PostgreSQL 1 M by default, embedded 100 k (BENCH_LLM_EVENTS). */
export const llmEventCount = (target: Target) =>
  Number(process.env.BENCH_LLM_EVENTS ?? ('databaseUrl' in target ? 1_000_000 : 100_000));

export const replayedExecutionId = randomUUID();

/** Writes the rows in SQL (server stopped); returns the copy of the database the list baseline reads. */
export async function seed(
  target: Target,
  fixtures: Fixtures,
  rows: Set<string>,
  log: (line: string) => void,
) {
  let sql = await openSql(target);
  await sql.query(
    `INSERT INTO "AppEvent" ("tenantId", id, type, "conversationId", properties, "serverMetadata")
     SELECT $1, 'list-' || i, 'bench.event', 'c' || (i % 50), jsonb_build_object('i', i, 'text', repeat('x', 200)), '{}'
     FROM generate_series(1, 10000) AS i`,
    [fixtures.listTenantId],
  );
  // As autovacuum would have left them, in the server's database and in the list baseline's copy.
  await sql.query('VACUUM ANALYZE "AppEvent"');
  let listTarget: Target = target;
  if ('dataDir' in target && rows.has('list')) {
    await sql.close();
    listTarget = { dataDir: `${target.dataDir}-list-copy` };
    cpSync(pgliteDir(target.dataDir), pgliteDir(listTarget.dataDir), { recursive: true });
    sql = await openSql(target);
  }
  if (rows.has('usage')) {
    const total = llmEventCount(target);
    const started = Date.now();
    for (let done = 0; done < total; done += 100_000) {
      await sql.query(fillLlmEvents, [
        fixtures.tenantId,
        fixtures.fingerprintId,
        done + 1,
        Math.min(total, done + 100_000),
      ]);
    }
    log(`generated ${total} LLM events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (rows.has('replay')) await copyExecutionWithJournal(sql, fixtures.templateExecutionId!);
  // As autovacuum would have left them (the visibility map too, which index-only scans read).
  if (rows.has('usage')) await sql.query('VACUUM "LlmEvent"');
  await sql.query('ANALYZE');
  await sql.close();
  if (rows.has('usage')) await rebuildRollups(target, log);
  return listTarget;
}

// Spread over the agents, versions and persons created through the API, 30 days, 6 models, 2% errors.
const fillLlmEvents = `
  WITH versions AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg("agentId" ORDER BY id) AS agents, count(*)::int AS n
                    FROM "AgentVersion" WHERE "tenantId" = $1),
       persons AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM "Person" WHERE "tenantId" = $1)
  INSERT INTO "LlmEvent" (id, "tenantId", "fingerprintId", "agentId", "agentVersionId", "personRef", properties, provider, model,
    "inputTokens", "outputTokens", "cachedInputTokens", "finishReason", error, "latencyMs", "costUsd", "createdAt")
  SELECT gen_random_uuid()::text, $1, $2, versions.agents[1 + i % versions.n], versions.ids[1 + i % versions.n],
    CASE WHEN i % 3 = 0 THEN NULL ELSE persons.ids[1 + i % persons.n] END, '{}'::jsonb,
    (ARRAY['openai', 'anthropic', 'gemini'])[1 + i % 3],
    (ARRAY['gpt-4o', 'claude-sonnet-4', 'gemini-2.5-flash', 'gpt-4o-mini', 'claude-3-5-haiku', 'unpriced-model'])[1 + i % 6],
    100 + i % 900, 50 + i % 400, i % 64, 'stop', CASE WHEN i % 50 = 0 THEN 'rate limited' END, 50 + (i::bigint * 7919) % 3000,
    CASE WHEN i % 6 = 5 THEN NULL ELSE (100 + i % 900) * 0.000001 END,
    now() - ((i % 30) * interval '1 day') - ((i % 86400) * interval '1 second')
  FROM versions, persons, generate_series($3::int, $4::int) AS i`;

/** A copy of an ended execution (every column but its sequence) with a 10,000-entry journal. */
async function copyExecutionWithJournal(
  sql: Awaited<ReturnType<typeof openSql>>,
  templateId: string,
) {
  const columns = (
    await sql.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_name = 'Execution' AND table_schema = current_schema()
         AND coalesce(column_default, '') NOT LIKE 'nextval%' AND is_identity = 'NO'`,
    )
  ).map(({ name }) => name);
  const values = columns.map((name) =>
    name === 'id' ? '$2' : name === 'journalLength' ? '10000' : `"${name}"`,
  );
  await sql.query(
    `INSERT INTO "Execution" (${columns.map((name) => `"${name}"`).join(', ')})
     SELECT ${values.join(', ')} FROM "Execution" WHERE id = $1`,
    [templateId, replayedExecutionId],
  );
  await sql.query(
    `INSERT INTO "ExecutionEvent" ("executionId", seq, type, data, "createdAt")
     SELECT $1, g, CASE WHEN g = 10000 THEN 'finished' ELSE 'text_delta' END,
       CASE WHEN g = 10000 THEN '{"status": "completed"}'::jsonb ELSE jsonb_build_object('step', 1, 'text', 'word ') END, now()
     FROM generate_series(1, 10000) AS g`,
    [replayedExecutionId],
  );
}

/** Fills the usage rollups, when the server's code has them, through its own backfill. */
async function rebuildRollups(target: Target, log: (line: string) => void) {
  const dir = `${serverDir}/dist/modules/telemetry`;
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const module = await import(`${dir}/${file}`);
    if (typeof module.rebuildUsageRollups !== 'function') continue;
    const { openDatabase } = await import(`${serverDir}/dist/db/adapters.js`);
    const database = await openDatabase(
      'databaseUrl' in target
        ? { databaseUrl: target.databaseUrl }
        : { dataDir: pgliteDir(target.dataDir) },
    );
    const started = Date.now();
    await module.rebuildUsageRollups(database.prisma);
    // As autovacuum would have left them in a deployment that has run for a while.
    await database.prisma.$executeRawUnsafe('ANALYZE');
    await database.close();
    log(`rebuildUsageRollups (${file}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
}
