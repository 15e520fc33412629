// One run followed by many subscriptions on shared sockets: each gets the journal once, in order,
// as graphql-ws `next` messages of its own id, then `complete`; one that the client completes gets
// nothing more while the others go on. Subscribers replaying one run at once share its reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import {
  followExecutionEvents,
  rawGraphQLWs,
  type ExecutionEventsMessage,
} from '../support/graphql-ws.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const FanOutAgent = graphql(`
  mutation FanOutAgent($runConfig: RunConfigInput) {
    createAgent(name: "fan-out") {
      id
    }
    createAgentVersion(agentName: "fan-out", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);
const FanOutRun = graphql(`
  mutation FanOutRun($agentId: ID) {
    createExecution(input: { agentId: $agentId, messages: [{ role: "user", content: "go" }] }) {
      id
    }
  }
`);
const FanOutEcho = graphql(`
  mutation FanOutEcho {
    createExecution(input: { messages: [{ role: "user", content: "one two three four five" }] }) {
      id
    }
  }
`);
const FanOutApprove = graphql(`
  mutation FanOutApprove($executionId: ID!) {
    approveToolCall(executionId: $executionId, toolCallId: "call_1_1", approved: true) {
      success
    }
  }
`);

let server: TestServer;
let key: string;
let journalReads = 0;
beforeAll(async () => {
  server = await startServer({
    onQuery: (sql) => {
      if (/^\s*SELECT\b[\s\S]*FROM "ExecutionEvent"/.test(sql)) journalReads += 1;
    },
  });
  ({ key } = await server.newTenant('fan-out'));
});
afterAll(() => server?.stop());

/** A graphql-ws connection on a raw socket, keeping every message it receives. */
const rawConnection = () => rawGraphQLWs<ExecutionEventsMessage>(server.url, key);

describe('a run followed by many subscriptions on shared sockets', () => {
  it('sends each its journal once and in order, then completes it; a completed one gets nothing more', async () => {
    const words = 30;
    const agent = await server.graphql(
      FanOutAgent,
      {
        runConfig: {
          provider: {
            type: 'SCRIPTED',
            turns: [
              { toolCalls: [{ name: 'go', arguments: {} }] },
              { text: Array.from({ length: words }, (_, i) => `w${i}`).join(' ') },
            ],
          },
          tools: [
            { name: 'go', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
          ],
        },
      },
      { key },
    );
    expect(agent.errors).toBeUndefined();
    const run = await server.graphql(FanOutRun, { agentId: agent.data!.createAgent.id }, { key });
    expect(run.errors).toBeUndefined();
    const executionId = run.data!.createExecution.id;

    const connections = [await rawConnection(), await rawConnection()];
    const ids = Array.from({ length: 60 }, (_, i) => `s${i}`);
    const connectionOf = (id: string) => connections[Number(id.slice(1)) % connections.length];
    for (const id of ids)
      connectionOf(id).send({
        id,
        type: 'subscribe',
        payload: { query: followExecutionEvents(), variables: { id: executionId } },
      });
    const messagesOf = (id: string) => connectionOf(id).messages.filter((m) => m.id === id);
    const suspended = (id: string) =>
      messagesOf(id).some((m) => m.payload?.data?.executionEvents.status === 'SUSPENDED');
    await eventually(() => ids.every(suspended), 'every subscription to see the suspension');

    // s0 stops following; the others see the run to its end.
    connectionOf('s0').send({ id: 's0', type: 'complete' });
    const completedAt = messagesOf('s0').length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const approved = await server.graphql(FanOutApprove, { executionId }, { key });
    expect(approved.data?.approveToolCall.success).toBe(true);
    const following = ids.slice(1);
    await eventually(
      () => following.every((id) => messagesOf(id).at(-1)?.type === 'complete'),
      'every other subscription to complete',
      20_000,
    );

    const expected = messagesOf('s1');
    const seqs = expected
      .filter((m) => m.type === 'next')
      .map((m) => m.payload!.data!.executionEvents.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(words);
    expect(expected.at(-2)?.payload?.data?.executionEvents).toEqual({
      __typename: 'ExecutionFinished',
      seq: seqs.at(-1),
      status: 'COMPLETED',
    });
    for (const id of following) expect(messagesOf(id)).toEqual(expected.map((m) => ({ ...m, id })));
    expect(messagesOf('s0')).toHaveLength(completedAt);
    for (const { socket } of connections) socket.close();
  }, 60_000);

  it('replays one run to subscribers that join at once with fewer journal reads than subscribers', async () => {
    const run = await server.graphql(FanOutEcho, {}, { key });
    expect(run.errors).toBeUndefined();
    const executionId = run.data!.createExecution.id;
    const connection = await rawConnection();
    const follow = (id: string) =>
      connection.send({
        id,
        type: 'subscribe',
        payload: { query: followExecutionEvents(), variables: { id: executionId } },
      });
    const messagesOf = (id: string) => connection.messages.filter((m) => m.id === id);
    follow('first');
    await eventually(() => messagesOf('first').at(-1)?.type === 'complete', 'the run to end');
    const journal = messagesOf('first');

    const ids = Array.from({ length: 30 }, (_, i) => `r${i}`);
    const readsBefore = journalReads;
    for (const id of ids) follow(id);
    await eventually(
      () => ids.every((id) => messagesOf(id).at(-1)?.type === 'complete'),
      'every replay to complete',
      20_000,
    );
    for (const id of ids) expect(messagesOf(id)).toEqual(journal.map((m) => ({ ...m, id })));
    expect(journalReads - readsBefore).toBeLessThan(ids.length);
    connection.socket.close();
  }, 60_000);
});
