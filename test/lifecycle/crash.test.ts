// Durability for real: a server process is killed with SIGKILL in the middle of an execution's
// streamed model call; another process on the same database takes the run over once the lease
// expires and finishes it, with a journal that has no gap and no duplicate, and no tool run twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { CreateApiKey, CreateTenant } from '../support/operations.ts';
import { cleanUpProcesses, graphqlAt, startProcess, tempDir } from '../support/processes.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { readEvents } from '../support/sse.ts';
import { ADMIN_KEY } from '../support/switchboard.ts';
import { graphql } from '../gql/index.ts';

const CreateCrashAgent = graphql(`
  mutation CreateCrashAgent($runConfig: RunConfigInput!) {
    createAgent(name: "crash-bot") {
      id
    }
    createAgentVersion(agentName: "crash-bot", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

let database: TestDatabase | undefined;
let toolServer: http.Server | undefined;
const redisPrefix = testRedisPrefix();

afterAll(async () => {
  cleanUpProcesses();
  toolServer?.close();
  await database?.drop();
  if (testRedisUrl()) await cleanRedisPrefix(redisPrefix);
});

describe('an execution whose server is killed mid-stream', () => {
  it('is finished by the next process: no gap, no duplicate, no tool run twice', async () => {
    const toolCalls = new Map<string, number>();
    toolServer = http.createServer((request, response) => {
      const key = String(request.headers['idempotency-key']);
      toolCalls.set(key, (toolCalls.get(key) ?? 0) + 1);
      request.resume();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ saved: true }));
    });
    await new Promise<void>((resolve) => toolServer!.listen(0, '127.0.0.1', resolve));
    const toolUrl = `http://127.0.0.1:${(toolServer.address() as AddressInfo).port}/save`;

    // PostgreSQL (and Redis) when the run has them, else the embedded database in one DATA_DIR.
    const dataDir = join(tempDir(), 'data');
    const env: Record<string, string> = {
      SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
      EXECUTION_LEASE_MS: '1500',
      EXECUTION_POLL_MS: '100',
      OUTBOUND_ALLOWED_NETWORKS: 'loopback',
    };
    if (process.env.DATABASE_URL || process.env.TEST_DATABASE_URL) {
      database = await createTestDatabase();
      env.DATABASE_URL = database.databaseUrl!;
      if (testRedisUrl())
        Object.assign(env, { REDIS_URL: testRedisUrl()!, REDIS_PREFIX: redisPrefix });
    }

    const first = await startProcess(dataDir, env);
    const tenant = await graphqlAt(first.url, CreateTenant, { name: 'crash' }, ADMIN_KEY);
    const key = (
      await graphqlAt(
        first.url,
        CreateApiKey,
        { name: 'crash', tenantId: tenant.data.createTenant.id },
        ADMIN_KEY,
      )
    ).data.createApiKey.secret;
    const words = Array.from({ length: 40 }, (_, i) => `word${i + 1}`).join(' ');
    const agent = await graphqlAt(
      first.url,
      CreateCrashAgent,
      {
        runConfig: {
          provider: {
            type: 'SCRIPTED',
            turns: [
              { text: 'Saving.', toolCalls: [{ name: 'save', arguments: {} }] },
              { text: words, delayMs: 50 },
            ],
          },
          tools: [{ name: 'save', executor: { type: 'HTTP', url: toolUrl } }],
        },
      },
      key,
    );
    expect(agent.errors).toBeUndefined();

    const created = await fetch(`${first.url}/run/api/executions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        agentId: agent.data.createAgent.id,
        messages: [{ role: 'user', content: 'Save and talk' }],
      }),
    });
    const executionId = created.headers.get('x-execution-id')!;
    // Killed once the second model call has streamed a few words.
    const beforeCrash = await readEvents(
      created,
      (event) =>
        event.event === 'text_delta' &&
        JSON.parse(event.data).step === 2 &&
        JSON.parse(event.data).text.startsWith('word5'),
    );
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startProcess(dataDir, env);
    const journal = await readEvents(
      await fetch(`${second.url}/run/api/executions/${executionId}/stream`, {
        headers: { authorization: `Bearer ${key}` },
      }),
    );
    const seqs = journal.map((event) => Number(event.id));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(beforeCrash.map((event) => event.data)).toEqual(
      journal.slice(0, beforeCrash.length).map((event) => event.data),
    );
    expect(journal.at(-1)).toMatchObject({ event: 'finished' });
    expect(JSON.parse(journal.at(-1)!.data).status).toBe('completed');

    const restart = journal.findIndex((event) => event.event === 'step_restarted');
    expect(restart).toBeGreaterThan(beforeCrash.length - 1);
    expect(JSON.parse(journal[restart].data).step).toBe(2);
    const afterRestart = journal
      .slice(restart)
      .filter((event) => event.event === 'text_delta')
      .map((event) => JSON.parse(event.data).text)
      .join('');
    expect(afterRestart).toBe(words);
    expect([...toolCalls.entries()]).toEqual([[`${executionId}:call_1_1`, 1]]);
    const claims = journal.filter(
      (event) => event.event === 'status_changed' && JSON.parse(event.data).status === 'running',
    );
    expect(claims.map((event) => JSON.parse(event.data).claim)).toEqual([1, 2]);
  }, 120_000);
});
