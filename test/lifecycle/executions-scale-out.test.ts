// Executions across processes on one PostgreSQL and one Redis: a run created on one instance is run
// by another (or by `npm run worker`), streamed to subscribers anywhere, approved anywhere.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../support/databases.ts';
import { launch, logLines, tempDir } from '../support/processes.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { readEvents } from '../support/sse.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const CreateApprovalAgent = graphql(`
  mutation CreateApprovalAgent($runConfig: RunConfigInput!) {
    createAgent(name: "scaled-bot") {
      id
    }
    createAgentVersion(agentName: "scaled-bot", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const StartScaledExecution = graphql(`
  mutation StartScaledExecution($agentId: ID) {
    createExecution(input: { agentId: $agentId, messages: [{ role: "user", content: "go" }] }) {
      id
    }
  }
`);

const ScaledEvents = graphql(`
  subscription ScaledEvents($executionId: ID!) {
    executionEvents(executionId: $executionId) {
      __typename
      ... on ExecutionStatusChanged {
        seq
        status
      }
      ... on ExecutionTextDelta {
        seq
        text
      }
      ... on ExecutionApprovalRequested {
        seq
        toolCallId
      }
      ... on ExecutionApprovalDecided {
        seq
      }
      ... on ExecutionToolResult {
        seq
      }
      ... on ExecutionToolCallRequested {
        seq
      }
      ... on ExecutionFinished {
        seq
        status
      }
    }
  }
`);

const ApproveScaled = graphql(`
  mutation ApproveScaled($executionId: ID!, $toolCallId: String!) {
    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {
      success
    }
  }
`);

const missing = [
  ...(testServerUrl() ? [] : ['TEST_DATABASE_URL or DATABASE_URL']),
  ...(testRedisUrl() ? [] : ['TEST_REDIS_URL or REDIS_URL']),
];

describe.skipIf(missing.length)(
  `executions across instances (needs ${missing.join(' and ') || 'PostgreSQL and Redis'})`,
  () => {
    let database: TestDatabase;
    const redisPrefix = testRedisPrefix();
    let a: TestServer;
    let b: TestServer;
    let key: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      // A runs no executions itself: whatever it creates is run elsewhere.
      a = await startServer({ database, redisPrefix, env: { EXECUTION_CONCURRENCY: '0' } });
      b = await startServer({ database, redisPrefix, env: { EXECUTION_POLL_MS: '100' } });
      key = (await a.newTenant('scaled')).key;
    });
    afterAll(async () => {
      await Promise.allSettled([a?.stop(), b?.stop()]);
      await database?.drop();
      await cleanRedisPrefix(redisPrefix);
    });

    it('runs on B what A created, streams it to A’s subscriber and resumes on A’s approval', async () => {
      const agent = await a.graphql(
        CreateApprovalAgent,
        {
          runConfig: {
            provider: {
              type: 'SCRIPTED',
              turns: [
                { text: 'Asking first.', toolCalls: [{ name: 'deploy', arguments: {} }] },
                { text: 'Deployed.' },
              ],
            },
            tools: [
              {
                name: 'deploy',
                requiresApproval: true,
                executor: { type: 'BUILTIN', name: 'ECHO' },
              },
            ],
          },
        },
        { key },
      );
      const created = await a.graphql(
        StartScaledExecution,
        { agentId: agent.data!.createAgent.id },
        { key },
      );
      const executionId = created.data!.createExecution.id;
      const onA = subscribe(a.wsClient(key), ScaledEvents, { executionId });
      const onB = subscribe(b.wsClient(key), ScaledEvents, { executionId });
      const received = (stream: typeof onA) =>
        stream.received.map(
          (message) =>
            message.data!.executionEvents as { __typename: string; seq: number; status?: string },
        );
      await eventually(
        () => received(onA).some((event) => event.status === 'SUSPENDED'),
        'A’s subscriber to see the run suspend',
        10_000,
      );
      expect(
        (await a.graphql(ApproveScaled, { executionId, toolCallId: 'call_1_1' }, { key })).data!
          .approveToolCall.success,
      ).toBe(true);
      await eventually(() => onA.completed && onB.completed, 'both streams to complete', 10_000);
      for (const stream of [onA, onB]) {
        const seqs = received(stream).map((event) => event.seq);
        expect(seqs).toEqual(seqs.map((_, index) => index + 1));
        expect(received(stream).at(-1)).toMatchObject({
          __typename: 'ExecutionFinished',
          status: 'COMPLETED',
        });
      }
    });

    it('is run by `npm run worker` when no server runs executions', async () => {
      await b.stop();
      const worker = launch(['src/worker.ts'], {
        DATABASE_URL: database.databaseUrl!,
        REDIS_URL: testRedisUrl()!,
        REDIS_PREFIX: redisPrefix,
        DATA_DIR: join(tempDir(), 'worker'),
        EXECUTION_POLL_MS: '100',
      });
      try {
        await eventually(
          () =>
            logLines(worker.stdout()).some(
              (line) => line.msg === 'Switchboard worker is running executions',
            ),
          'the worker to start',
          45_000,
        );
        const response = await fetch(`${a.url}/run/api/executions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: 'from the worker' }] }),
        });
        const journal = await readEvents(response);
        expect(journal.at(-1)).toMatchObject({ event: 'finished' });
        expect(JSON.parse(journal.at(-1)!.data).status).toBe('completed');
        worker.child.kill('SIGTERM');
        expect((await worker.exited).code).toBe(0);
      } finally {
        if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
      }
    }, 90_000);
  },
);
