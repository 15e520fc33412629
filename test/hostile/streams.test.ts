// Clients that go away mid-stream: none of it may crash the process (an uncaught exception kills
// the server for every tenant), and another tenant's request keeps being answered quickly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { LogEvent } from '../support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';
import WebSocket from 'ws';

const Viewer = graphql(`
  query StreamsViewer {
    viewer {
      kind
    }
  }
`);

const ExecutionReplay = graphql(`
  subscription ExecutionReplay($executionId: ID!) {
    executionEvents(executionId: $executionId) {
      __typename
    }
  }
`);

let server: TestServer;
let key: string;
let otherKey: string;
const uncaught: unknown[] = [];
const probe = (error: unknown) => void uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', probe);
  process.on('unhandledRejection', probe);
  server = await startServer();
  ({ key } = await server.newTenant('streams'));
  ({ key: otherKey } = await server.newTenant('bystander'));
});
afterAll(async () => {
  await server?.stop();
  process.off('uncaughtException', probe);
  process.off('unhandledRejection', probe);
});
afterEach(() => {
  uncaught.length = 0;
});

/** Another tenant's request must be answered in under a second while the abuse goes on. */
async function bystanderIsServed() {
  const started = performance.now();
  const result = await server.graphql(Viewer, {}, { key: otherKey });
  expect(result.data?.viewer?.kind).toBe('API_KEY');
  expect(performance.now() - started).toBeLessThan(1000);
}

/** Reads the first chunk of a streamed response, then drops the connection. */
async function abortAfterFirstChunk(input: string, init: RequestInit) {
  const controller = new AbortController();
  const response = await fetch(input, { ...init, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  await response.body!.getReader().read();
  controller.abort();
}

/** A journal longer than a replay page (1,000 entries): the default agent echoes every word of the message. */
async function longExecution() {
  const response = await fetch(`${server.url}/run/api/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'word '.repeat(1200) }] }),
  });
  const executionId = response.headers.get('x-execution-id')!;
  await response.text();
  return executionId;
}

describe('clients that disconnect mid-stream', () => {
  it('survives GraphQL over SSE subscriptions aborted mid-stream', async () => {
    for (let i = 0; i < 5; i++) {
      await abortAfterFirstChunk(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${key}`,
        },
        body: JSON.stringify({ query: 'subscription { appEventLogged { id } }' }),
      });
    }
    // An event for the aborted subscriptions: the server writes it into streams whose clients are gone.
    const logged = await server.graphql(LogEvent, { input: { type: 'after-abort' } }, { key });
    expect(logged.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await bystanderIsServed();
    expect(uncaught).toEqual([]);
  }, 30_000);

  it('survives the REST execution streams aborted during the replay', async () => {
    const executionId = await longExecution();
    for (let i = 0; i < 5; i++) {
      await abortAfterFirstChunk(`${server.url}/run/api/executions/${executionId}/stream`, {
        headers: { authorization: `Bearer ${key}` },
      });
    }
    await abortAfterFirstChunk(`${server.url}/run/api/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'word '.repeat(1200) }] }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await bystanderIsServed();
    expect(uncaught).toEqual([]);
  }, 30_000);

  it('survives graphql-ws sockets closed during the replay of a long journal', async () => {
    const executionId = await longExecution();
    for (let i = 0; i < 5; i++) {
      const client = server.wsClient(key);
      const stream = subscribe(client, ExecutionReplay, { executionId });
      await eventually(() => stream.received.length > 0, 'the replay to start');
      await client.dispose();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await bystanderIsServed();
    expect(uncaught).toEqual([]);
  }, 30_000);
});

const FloodEvents = graphql(`
  mutation StreamsFloodEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      created
    }
  }
`);

describe('a subscriber that stops reading', () => {
  it('is ended with an error, while the server and other tenants go on', async () => {
    const socket = new WebSocket(
      server.url.replace(/^http/, 'ws') + '/graphql',
      'graphql-transport-ws',
    );
    const messages: { type: string; id?: string; payload?: any }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }),
    );
    await eventually(() => messages.some((m) => m.type === 'connection_ack'), 'the connection');
    socket.send(
      JSON.stringify({
        id: 'flood',
        type: 'subscribe',
        payload: { query: 'subscription { appEventLogged { id properties } }' },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The client reads nothing more: the server's writes back up into its own buffers.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'x'.repeat(8 * 1024);
    for (let batch = 0; batch < 40; batch++) {
      const inputs = Array.from({ length: 100 }, (_, i) => ({
        type: 'flood',
        properties: { i, text },
      }));
      const result = await server.graphql(FloodEvents, { inputs }, { key });
      expect(result.errors).toBeUndefined();
    }
    await bystanderIsServed();
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await eventually(
      () => messages.some((m) => m.id === 'flood' && m.type === 'error'),
      'the flooded subscription to end with an error',
      20_000,
    );
    const ended = messages.find((m) => m.id === 'flood' && m.type === 'error');
    expect(ended?.payload?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(uncaught).toEqual([]);
    socket.close();
  }, 90_000);
});
