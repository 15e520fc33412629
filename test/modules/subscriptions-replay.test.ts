// A journal of several pages replays the same over graphql-ws (a page answered and written as one
// batch), GraphQL over SSE and REST (one entry at a time); a subscriber whose socket stops reading
// is not kept in memory past a bound: it gets what it missed from the journal once it reads again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../support/sse.ts';
import {
  followExecutionEvents,
  rawGraphQLWs,
  type ExecutionEventsMessage,
} from '../support/graphql-ws.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;
let journalReads = 0;
beforeAll(async () => {
  server = await startServer({
    onQuery: (sql) => {
      // The journal's reads (a replay, a read back), not the runner's look at its last entry.
      if (/^\s*SELECT\b[\s\S]*FROM "ExecutionEvent"/.test(sql)) journalReads += 1;
    },
  });
  ({ key } = await server.newTenant('replay'));
});
afterAll(() => server?.stop());

async function rest(path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return response;
}

/** An agent whose turns are `turns` (scripted), its first tool `go` needing approval. */
async function agent(name: string, turns: unknown[]) {
  await rest('/telemetry/v1/agents', { agent_name: name });
  await rest(`/telemetry/v1/agents/${name}/versions`, {
    agent_version_name: 'v1',
    run_config: {
      provider: { type: 'scripted', turns },
      tools: [{ name: 'go', requiresApproval: true, executor: { type: 'builtin', name: 'echo' } }],
    },
  });
}

/** A graphql-ws connection on a raw socket that follows executions' events. */
async function rawConnection() {
  const connection = await rawGraphQLWs<ExecutionEventsMessage>(server.url, key);
  const follow = (id: string, executionId: string, fields = 'text') =>
    connection.send({
      id,
      type: 'subscribe',
      payload: { query: followExecutionEvents(fields), variables: { id: executionId } },
    });
  return { ...connection, follow };
}

const seqsOf = (messages: ExecutionEventsMessage[]) =>
  messages.filter((m) => m.type === 'next').map((m) => m.payload!.data!.executionEvents.seq);
const upTo = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

describe('replay', () => {
  it('replays a journal of several pages the same over graphql-ws, GraphQL over SSE and REST', async () => {
    const words = Array.from({ length: 2500 }, (_, i) => `w${i + 1}`).join(' ');
    await agent('long-talker', [{ text: words }]);
    const started = await rest('/run/api/executions', {
      agentId: 'long-talker',
      messages: [{ role: 'user', content: 'go' }],
    });
    const executionId = started.headers.get('x-execution-id')!;
    const live = await readEvents(started);
    const length = live.length;
    expect(live.map((event) => Number(event.id))).toEqual(upTo(length));
    expect(length).toBeGreaterThan(2500);

    const connection = await rawConnection();
    connection.follow('ws', executionId);
    await eventually(() => connection.messages.at(-1)?.type === 'complete', 'the replay', 20_000);
    const overSocket = connection.messages.filter((m) => m.type === 'next');
    expect(seqsOf(overSocket)).toEqual(upTo(length));
    const texts = overSocket.flatMap((m) => m.payload!.data!.executionEvents.text ?? []);
    expect(texts.join('')).toBe(words);
    connection.socket.close();

    const overSse = await readEvents(
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          accept: 'text/event-stream',
        },
        body: JSON.stringify({ query: followExecutionEvents(), variables: { id: executionId } }),
      }),
    );
    const sseAnswers = overSse.filter((event) => event.event === 'next');
    expect(sseAnswers.map((event) => JSON.parse(event.data))).toEqual(
      overSocket.map((m) => m.payload),
    );

    const overRest = await readEvents(await rest(`/run/api/executions/${executionId}/stream`));
    expect(overRest.map(({ id, event, data }) => ({ id, event, data }))).toEqual(
      live.map(({ id, event, data }) => ({ id, event, data })),
    );
  }, 60_000);

  it('reads what a subscriber missed while its socket did not read from the journal, in order', async () => {
    // Large answers (the text 20 times over) fill the socket; 1,500 small ones then arrive
    // while it does not read: more than a subscriber may leave unread.
    const big = Array.from({ length: 8 }, (_, i) => `${i}${'x'.repeat(100_000)}`);
    const small = Array.from({ length: 1500 }, (_, i) => `s${i}`);
    const words = [...big, ...small].join(' ');
    await agent('stalled', [{ toolCalls: [{ name: 'go', arguments: {} }] }, { text: words }]);
    const started = await rest('/run/api/executions', {
      agentId: 'stalled',
      messages: [{ role: 'user', content: 'go' }],
    });
    const executionId = started.headers.get('x-execution-id')!;
    await started.body!.cancel();

    const connection = await rawConnection();
    const fields = Array.from({ length: 20 }, (_, i) => `t${i}: text`).join(' ');
    connection.follow('slow', executionId, fields);
    await eventually(
      () =>
        connection.messages.some(
          (m) => m.type === 'next' && m.payload!.data!.executionEvents.seq > 3,
        ),
      'the suspension',
    );
    const rawSocket = (
      connection.socket as unknown as { _socket: { pause(): void; resume(): void } }
    )._socket;
    rawSocket.pause();
    const readsBefore = journalReads;
    await rest(`/run/api/executions/${executionId}/approvals/call_1_1`, { approved: true });
    // The run ends while the subscriber does not read.
    await eventually(
      async () => {
        const response = await rest(`/run/api/executions/${executionId}`);
        return ((await response.json()) as { status: string }).status === 'completed';
      },
      'the run to end',
      30_000,
    );
    rawSocket.resume();
    await eventually(() => connection.messages.at(-1)?.type === 'complete', 'the stream', 30_000);
    const seqs = seqsOf(connection.messages);
    expect(seqs).toEqual(upTo(seqs.length));
    const texts = connection.messages.flatMap((m) => {
      const event = m.payload?.data?.executionEvents as Record<string, string> | undefined;
      return event?.t0 ?? [];
    });
    expect(texts.join('')).toBe(words);
    expect(journalReads - readsBefore).toBeGreaterThan(0);
    connection.socket.close();
  }, 90_000);
});
