// Each subscription event is answered exactly as graphql-js answers it, whatever the document asks
// (aliases, fragments, @include and @skip on variables) and whatever the event holds: an entry the
// schema cannot represent gets graphql-js's own error and null, and the stream goes on. Answers of
// any size arrive whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../gql/index.ts';
import { LogEvent } from '../support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const AnswersEcho = graphql(`
  mutation AnswersEcho {
    createExecution(input: { messages: [{ role: "user", content: "one two three" }] }) {
      id
    }
  }
`);

const AnswersEventFeed = graphql(`
  subscription AnswersEventFeed {
    appEventLogged {
      properties
      again: properties
    }
  }
`);

const REPLAY = `subscription Replay($id: ID!, $withText: Boolean!) {
  events: executionEvents(executionId: $id) {
    kind: __typename
    ...Delta @include(if: $withText)
    ... on ExecutionTextDelta { at: seq }
    ... on ExecutionStatusChanged { seq status }
    ... on ExecutionFinished { seq @skip(if: $withText) status }
  }
}
fragment Delta on ExecutionTextDelta { step text seq }`;

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startServer();
  ({ key } = await server.newTenant('answers'));
});
afterAll(() => server?.stop());

/** The `next` payloads (as sent) of one replay of `executionId` on a raw graphql-ws socket. */
async function replayPayloads(executionId: string, withText: boolean) {
  const socket = new WebSocket(
    server.url.replace(/^http/, 'ws') + '/graphql',
    'graphql-transport-ws',
  );
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(String(data)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(
    JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }),
  );
  await eventually(() => frames.some((f) => f.includes('connection_ack')), 'the connection');
  socket.send(
    JSON.stringify({
      id: 'r',
      type: 'subscribe',
      payload: { query: REPLAY, variables: { id: executionId, withText } },
    }),
  );
  await eventually(() => frames.at(-1)?.includes('"complete"'), 'the replay to complete');
  socket.close();
  const prefix = '{"id":"r","type":"next","payload":';
  return frames.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length, -1));
}

async function endedEcho() {
  const run = await server.graphql(AnswersEcho, {}, { key });
  expect(run.errors).toBeUndefined();
  const executionId = run.data!.createExecution.id;
  await eventually(async () => (await replayPayloads(executionId, false)).length > 0, 'the run');
  return executionId;
}

const statusChanged = (seq: number, status: string) =>
  `{"data":{"events":{"kind":"ExecutionStatusChanged","seq":${seq},"status":"${status}"}}}`;
const WORDS = ['You ', 'said: ', 'one ', 'two ', 'three'];

describe('subscription answers', () => {
  it('follow the document: aliases, fragments and directives on variables, in field order', async () => {
    const executionId = await endedEcho();
    expect(await replayPayloads(executionId, true)).toEqual([
      statusChanged(1, 'QUEUED'),
      statusChanged(2, 'RUNNING'),
      ...WORDS.map(
        (text, i) =>
          `{"data":{"events":{"kind":"ExecutionTextDelta","step":1,"text":"${text}","seq":${i + 3},"at":${i + 3}}}}`,
      ),
      statusChanged(8, 'COMPLETED'),
      '{"data":{"events":{"kind":"ExecutionFinished","status":"COMPLETED"}}}',
    ]);
    expect(await replayPayloads(executionId, false)).toEqual([
      statusChanged(1, 'QUEUED'),
      statusChanged(2, 'RUNNING'),
      ...WORDS.map((_, i) => `{"data":{"events":{"kind":"ExecutionTextDelta","at":${i + 3}}}}`),
      statusChanged(8, 'COMPLETED'),
      '{"data":{"events":{"kind":"ExecutionFinished","seq":9,"status":"COMPLETED"}}}',
    ]);
  }, 30_000);

  it('give an entry the schema cannot represent graphql-js’s error and null, then go on', async () => {
    const executionId = await endedEcho();
    // A text delta whose step is no Int and which has no text: graphql-js reports the first error only.
    await server.switchboard.services.prisma.$executeRaw`
      UPDATE "ExecutionEvent" SET data = '{"step": "x"}'::jsonb
      WHERE "executionId" = ${executionId} AND seq = 3`;
    const payloads = await replayPayloads(executionId, true);
    expect(payloads[2]).toBe(
      '{"data":null,"errors":[{"message":"Int cannot represent non-integer value: \\"x\\"","locations":[{"line":10,"column":40}],"path":["events","step"]}]}',
    );
    expect(payloads).toHaveLength(9);
    expect(payloads[3]).toContain('"text":"said: "');
  }, 30_000);

  it('arrive whole and in order whatever their length (each WebSocket frame length encoding)', async () => {
    const client = server.wsClient(key);
    const stream = subscribe(client, AnswersEventFeed);
    await stream.started;
    // Messages under 126 bytes, under 64 KiB and over it: a frame's three ways of stating its length.
    const texts = ['', 'x'.repeat(1000), 'é'.repeat(20_000), 'y'.repeat(60_000)];
    // Probes (no properties) until the subscription is live.
    await eventually(async () => {
      await server.graphql(LogEvent, { input: { type: 'probe' } }, { key });
      return stream.received.length > 0;
    }, 'the subscription to start');
    for (const text of texts) {
      const logged = await server.graphql(
        LogEvent,
        { input: { type: 'sized', properties: { text } } },
        { key },
      );
      expect(logged.errors).toBeUndefined();
    }
    const sized = () =>
      stream.received
        .map((message) => message.data?.appEventLogged)
        .filter((event) => event?.properties);
    await eventually(() => sized().length === texts.length, 'every event');
    expect(sized()).toEqual(texts.map((text) => ({ properties: { text }, again: { text } })));
  }, 30_000);
});
