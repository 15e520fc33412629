// One event reaches every subscriber of a process in the same tick: the lookups their filters need
// (an execution's conversation, an LLM event's related rows) are one query per event, not one per subscriber.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { eventually, startServer, subscribe, type TestServer } from './support/switchboard.ts';

const BatchedExecutionUpdates = graphql(`
  subscription BatchedExecutionUpdates($filter: ExecutionFilter) {
    executionUpdated(filter: $filter) {
      id
      status
      agent {
        name
      }
    }
  }
`);
const BatchedStart = graphql(`
  mutation BatchedStart($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);
let server: TestServer;
let key: string;
const lookups = { conversation: 0, agent: 0 };

beforeAll(async () => {
  server = await startServer({
    onQuery: (sql) => {
      // The runner's claim names both tables too, but it polls whether or not anyone follows.
      if (sql.includes('WITH claimed AS')) return;
      if (sql.includes('"Conversation"')) lookups.conversation += 1;
      if (sql.includes('"Agent"')) lookups.agent += 1;
    },
  });
  key = (await server.newTenant('batching')).key;
});
afterAll(() => server?.stop());

/** Runs one execution in `conversationId` with `subscribers` following it; the Conversation and Agent statements meanwhile. */
async function conversationStatements(conversationId: string, subscribers: number) {
  const streams = Array.from({ length: subscribers }, () =>
    subscribe(server.wsClient(key), BatchedExecutionUpdates, { filter: { conversationId } }),
  );
  await Promise.all(streams.map((stream) => stream.started));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = { ...lookups };
  const started = await server.graphql(
    BatchedStart,
    { input: { conversationId, messages: [{ role: 'user', content: 'hi' }] } },
    { key },
  );
  expect(started.errors).toBeUndefined();
  await eventually(
    () =>
      streams.every((stream) =>
        stream.received.some(
          (update) =>
            (update.data as { executionUpdated: { status: string } }).executionUpdated.status ===
            'COMPLETED',
        ),
      ),
    'every subscriber to see the run complete',
    10_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    conversation: lookups.conversation - before.conversation,
    agent: lookups.agent - before.agent,
  };
}

describe('subscription filters batched across subscribers', () => {
  it('reads an execution’s conversation and agent once per event for 30 subscribers, as for one', async () => {
    const alone = await conversationStatements('batched-alone', 1);
    const crowded = await conversationStatements('batched-crowded', 30);
    expect(crowded.conversation).toBeLessThanOrEqual(alone.conversation + 2);
    expect(crowded.agent).toBeLessThanOrEqual(alone.agent + 2);
    expect(alone.agent).toBeGreaterThan(0);
  });
});
