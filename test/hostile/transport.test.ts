// Hostile clients of the transport: forged cookie requests, too many sockets and operations,
// enormous documents, input the database cannot store, clients that trickle bytes. Each is refused
// with a clear error while another tenant's request is answered in under a second.
import { connect, type Socket } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../gql/index.ts';
import { AppEvents } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

const Viewer = graphql(`
  query TransportViewer {
    viewer {
      kind
    }
  }
`);

const CreateWebhookAgent = graphql(`
  mutation CreateWebhookAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

let server: TestServer;
let key: string;
let otherKey: string;
beforeAll(async () => {
  server = await startServer({
    env: {
      WS_MAX_CONNECTIONS_PER_KEY: '5',
      WS_MAX_CONNECTIONS_PER_IP: '20',
      WS_MAX_OPERATIONS_PER_CONNECTION: '10',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
    },
  });
  ({ key } = await server.newTenant('hostile'));
  ({ key: otherKey } = await server.newTenant('bystander'));
});
afterAll(() => server?.stop());

/** Runs another tenant's request while `abuse` is under way: it must be answered in under a second. */
async function beside<T>(
  abuse: Promise<T>,
  target: TestServer = server,
  bystanderKey = otherKey,
): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  const result = await target.graphql(Viewer, {}, { key: bystanderKey });
  expect(result.data?.viewer?.kind).toBe('API_KEY');
  expect(performance.now() - started).toBeLessThan(1000);
  return abuse;
}

const post = (path: string, body: string, headers: Record<string, string>, target = server) =>
  fetch(`${target.url}${path}`, { method: 'POST', headers, body });
const json = (requestKey = key) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${requestKey}`,
});

async function eventTypes(requestKey: string) {
  const events = await server.graphql(AppEvents, { first: 100 }, { key: requestKey });
  return events.data!.appEvents.edges.map(({ node }) => node.type);
}

interface RawConnection {
  socket: WebSocket;
  /** Resolves with `ack` once the server accepts the connection, or the close code and reason. */
  outcome: Promise<{ ack: true } | { ack: false; code: number; reason: string }>;
  messages: { id?: string; type: string; payload?: any }[];
}

/** A graphql-ws connection spoken by hand, to see close codes and per-operation errors. */
function rawConnection(
  connectionKey: string | null,
  init = true,
  headers: Record<string, string> = {},
): RawConnection {
  const socket = new WebSocket(
    `${server.url.replace('http', 'ws')}/graphql`,
    'graphql-transport-ws',
    { headers },
  );
  const messages: RawConnection['messages'] = [];
  const outcome = new Promise<Awaited<RawConnection['outcome']>>((resolve) => {
    socket.on('open', () => {
      if (init)
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: connectionKey ? { authorization: `Bearer ${connectionKey}` } : {},
          }),
        );
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      messages.push(message);
      if (message.type === 'connection_ack') resolve({ ack: true });
    });
    socket.on('close', (code, reason) => resolve({ ack: false, code, reason: String(reason) }));
    socket.on('error', () => {});
  });
  return { socket, outcome, messages };
}

const closeAll = async (connections: RawConnection[]) => {
  for (const { socket } of connections) socket.terminate();
  await new Promise((resolve) => setTimeout(resolve, 100));
};

describe('cookie-authenticated writes (CSRF)', () => {
  const cookie = () => `switchboard_key=${encodeURIComponent(key)}`;

  it('refuses a form-encoded GraphQL mutation carried by the key cookie, and runs none', async () => {
    const form = new URLSearchParams({
      query: 'mutation { logEvent(input: {type: "csrf-form"}) { created } }',
    });
    const response = await beside(
      post('/graphql', form.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookie(),
      }),
    );
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0].message).toMatch(/Content-Type: application\/json/);
    const plain = await post(
      '/graphql',
      JSON.stringify({ query: 'mutation { logEvent(input: {type: "csrf-plain"}) { created } }' }),
      {
        'content-type': 'text/plain',
        cookie: cookie(),
      },
    );
    expect(plain.status).toBe(403);
    expect(await eventTypes(key)).not.toContain('csrf-form');
    expect(await eventTypes(key)).not.toContain('csrf-plain');
  });

  it('refuses REST writes carried by the key cookie without a JSON body or X-Requested-With', async () => {
    const response = await beside(
      post('/run/v1/events', JSON.stringify({ type: 'csrf-rest' }), {
        'content-type': 'text/plain',
        cookie: cookie(),
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403, code: 'forbidden' });
    const deleted = await fetch(`${server.url}/api/v1/events/nothing`, {
      method: 'DELETE',
      headers: { cookie: cookie() },
    });
    expect(deleted.status).toBe(403);
    expect(await eventTypes(key)).not.toContain('csrf-rest');
  });

  it('accepts cookie-authenticated JSON writes, and Bearer keys with any Content-Type', async () => {
    const withCookie = await post('/run/v1/events', JSON.stringify({ type: 'cookie-json' }), {
      'content-type': 'application/json',
      cookie: cookie(),
    });
    expect(withCookie.status).toBe(201);
    const graphqlWithCookie = await post(
      '/graphql',
      JSON.stringify({ query: '{ viewer { kind } }' }),
      { 'content-type': 'application/json', cookie: cookie() },
    );
    expect((await graphqlWithCookie.json()).data.viewer.kind).toBe('API_KEY');
    expect(await eventTypes(key)).toContain('cookie-json');
  });

  it('refuses a WebSocket from another site that authenticates with the key cookie alone', async () => {
    const foreign = rawConnection(null, true, { cookie: cookie(), origin: 'https://evil.example' });
    expect(await beside(foreign.outcome)).toMatchObject({ ack: false, code: 4403 });
    const sameSite = rawConnection(null, true, { cookie: cookie(), origin: server.url });
    expect(await sameSite.outcome).toEqual({ ack: true });
    const withKey = rawConnection(key, true, { origin: 'https://evil.example' });
    expect(await withKey.outcome).toEqual({ ack: true });
    await closeAll([foreign, sameSite, withKey]);
  });

  it('never runs a mutation sent over GET', async () => {
    const query = encodeURIComponent(
      'mutation { logEvent(input: {type: "csrf-get"}) { created } }',
    );
    const response = await beside(
      fetch(`${server.url}/graphql?query=${query}`, {
        headers: { cookie: cookie(), accept: 'application/json' },
      }),
    );
    expect(response.status).toBe(405);
    expect(await eventTypes(key)).not.toContain('csrf-get');
  });
});

describe('WebSocket caps', () => {
  it('refuses connections past WS_MAX_CONNECTIONS_PER_KEY with close code 4429', async () => {
    const connections = Array.from({ length: 7 }, () => rawConnection(key));
    const outcomes = await beside(Promise.all(connections.map((connection) => connection.outcome)));
    expect(outcomes.filter((outcome) => outcome.ack)).toHaveLength(5);
    const refused = outcomes.filter((outcome) => !outcome.ack);
    expect(refused).toHaveLength(2);
    for (const outcome of refused)
      expect(outcome).toMatchObject({ code: 4429, reason: 'Over 5 open connections for this key' });
    // Another key is counted on its own; a closed connection frees its place.
    const other = rawConnection(otherKey);
    expect(await other.outcome).toEqual({ ack: true });
    await closeAll([connections[0]]);
    expect(await rawConnection(key).outcome).toEqual({ ack: true });
    await closeAll([...connections, other]);
  });

  it('refuses connections past WS_MAX_CONNECTIONS_PER_IP with close code 4429, before any key is checked', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const idle = Array.from({ length: 20 }, () => rawConnection(null, false));
    await Promise.all(
      idle.map(({ socket }) => new Promise((resolve) => socket.once('open', resolve))),
    );
    const refused = rawConnection(key);
    expect(await beside(refused.outcome)).toEqual({
      ack: false,
      code: 4429,
      reason: 'Over 20 open connections from this address',
    });
    await closeAll(idle);
    expect(await rawConnection(key).outcome).toEqual({ ack: true });
  });

  it('refuses operations past WS_MAX_OPERATIONS_PER_CONNECTION on one connection', async () => {
    const connection = rawConnection(key);
    expect(await connection.outcome).toEqual({ ack: true });
    for (let id = 1; id <= 11; id++) {
      connection.socket.send(
        JSON.stringify({
          id: String(id),
          type: 'subscribe',
          payload: { query: 'subscription { appEventLogged { id } }' },
        }),
      );
    }
    await beside(new Promise((resolve) => setTimeout(resolve, 300)));
    const errors = connection.messages.filter((message) => message.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      id: '11',
      payload: [
        {
          message: 'At most 10 operations may run at once on one connection',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    await closeAll([connection]);
  });
});

describe('GraphQL documents', () => {
  const aliases = Array.from({ length: 350_000 }, (_, i) => `a${i}: __typename`).join(' ');
  // 10 × 10 × 10 × 10 = 10,000 fields from a few hundred tokens: each spread counts its fragment's fields.
  const fanOut = [
    `query { ...F3 }`,
    `fragment F0 on Query { ${Array.from({ length: 10 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    ...[1, 2, 3].map(
      (level) =>
        `fragment F${level} on Query { ${Array.from({ length: 10 }, () => `...F${level - 1}`).join(' ')} }`,
    ),
  ].join('\n');

  it('refuses 350,000 aliases (GRAPHQL_MAX_TOKENS) and a fragment fan-out of 10,000 fields (GRAPHQL_MAX_FIELDS) over HTTP', async () => {
    const huge = await beside(
      post('/graphql', JSON.stringify({ query: `{ ${aliases} }` }), json()),
    );
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({
      errors: [
        {
          message: 'The document holds more than 10000 tokens',
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        },
      ],
    });
    const wide = await beside(post('/graphql', JSON.stringify({ query: fanOut }), json()));
    expect(await wide.json()).toMatchObject({
      errors: [
        {
          message: 'The operation selects 10000 fields, over the limit of 1000',
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        },
      ],
    });
  });

  it('refuses the same documents over WebSocket', async () => {
    const connection = rawConnection(key);
    expect(await connection.outcome).toEqual({ ack: true });
    connection.socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ ${aliases} }` } }),
    );
    connection.socket.send(
      JSON.stringify({ id: '2', type: 'subscribe', payload: { query: fanOut } }),
    );
    await beside(new Promise((resolve) => setTimeout(resolve, 500)));
    const errors = Object.fromEntries(
      connection.messages
        .filter((message) => message.type === 'error')
        .map((message) => [message.id, message.payload[0]]),
    );
    expect(errors['1']).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(errors['2']).toMatchObject({
      message: 'The operation selects 10000 fields, over the limit of 1000',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    await closeAll([connection]);
  });

  it('still answers the introspection query GraphiQL sends', async () => {
    const response = await post(
      '/graphql',
      JSON.stringify({ query: getIntrospectionQuery() }),
      json(),
    );
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('input the database cannot store, and very deep JSON', () => {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const cases = [
    ['a NUL character', '"nul\\u0000"', /must not contain NUL characters/],
    ['a lone surrogate', '"lone\\ud800"', /must not contain unpaired UTF-16 surrogates/],
    ['10,000 nested arrays', deep, /nests deeper than 64 levels/],
  ] as const;

  it.each(cases)('answers a REST body with %s with 400', async (_, value, message) => {
    const response = await beside(
      post('/run/v1/events', `{"type": "x", "properties": {"a": ${value}}}`, json()),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: 400,
      code: 'bad_request',
      detail: expect.stringMatching(message),
    });
  });

  it.each(cases)(
    'answers GraphQL variables with %s with 400 BAD_USER_INPUT',
    async (_, value, message) => {
      const query = 'mutation ($input: LogEventInput!) { logEvent(input: $input) { created } }';
      const response = await beside(
        post(
          '/graphql',
          `{"query": ${JSON.stringify(query)}, "variables": {"input": {"type": "x", "properties": {"a": ${value}}}}}`,
          json(),
        ),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        errors: [
          { message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    },
  );

  it('answers GraphQL string literals the database cannot store, and deeply nested literals, with 400', async () => {
    const literal = (value: string) =>
      post(
        '/graphql',
        JSON.stringify({ query: `mutation { logEvent(input: {type: ${value}}) { created } }` }),
        json(),
      );
    const nul = await beside(literal('"nul\\u0000"'));
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({
      errors: [
        {
          message: 'Invalid line 1: must not contain NUL characters (\\u0000)',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    // graphql-js refuses a lone surrogate escape itself, as a syntax error.
    const lone = await beside(literal('"lone\\uD800"'));
    expect(lone.status).toBeLessThan(500);
    expect(await lone.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/Invalid Unicode escape sequence/) }],
    });
    const nested = `mutation { logEvent(input: {type: "x", properties: {a: ${'['.repeat(3000)}${']'.repeat(3000)}}}) { created } }`;
    const response = await beside(post('/graphql', JSON.stringify({ query: nested }), json()));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [
        {
          message: 'The document nests deeper than 64 levels',
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        },
      ],
    });
  });

  it('answers webhook payloads the database cannot store with 400, each recorded as a failed invocation', async () => {
    const { key: tenantKey, tenantId } = await server.newTenant('webhooks');
    const agentId = (
      await server.graphql(CreateWebhookAgent, { name: 'hook-bot' }, { key: tenantKey })
    ).data!.createAgent.id;
    const created = await post(
      `/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers`,
      JSON.stringify({ id: 'hook', name: 'Hook' }),
      json(tenantKey),
    );
    const { pathname } = new URL(
      ((await created.json()) as { data: { webhookUrl: string } }).data.webhookUrl,
    );
    for (const payload of ['{"a": "nul\\u0000"}', '{"a": "lone\\ud800"}', '{"nul\\u0000": 1}']) {
      const response = await beside(
        post(pathname, payload, { 'content-type': 'application/json' }),
      );
      expect(response.status, payload).toBe(400);
      expect(await response.json()).toMatchObject({
        status: 400,
        code: 'bad_request',
        detail: expect.stringMatching(/characters the database cannot store/),
      });
    }
    // So is a payload nested too deep to store, even with a NUL where a reader would meet it first.
    const tooDeep = `[${'['.repeat(10_000)}${']'.repeat(10_000)}, "nul\\u0000"]`;
    const deepResponse = await beside(
      post(pathname, tooDeep, { 'content-type': 'application/json' }),
    );
    expect(deepResponse.status).toBe(400);
    const deepBody = await deepResponse.json();
    expect(deepBody).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/nests deeper than/),
    });
    // Each refusal is a failed invocation, its payload stored as far as it can be.
    const invocations = await fetch(
      `${server.url}/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers/hook/invocations`,
      { headers: { authorization: `Bearer ${tenantKey}` } },
    );
    const { data } = (await invocations.json()) as {
      data: { status: string; errorMessage: string; requestPayload: unknown }[];
    };
    expect(data.map((invocation) => invocation.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(data.map((invocation) => invocation.requestPayload)).toEqual([
      null,
      { 'nul\ufffd': 1 },
      { a: 'lone\ufffd' },
      { a: 'nul\ufffd' },
    ]);
  });

  it('answers WebSocket variables the database cannot store with BAD_USER_INPUT', async () => {
    const connection = rawConnection(key);
    expect(await connection.outcome).toEqual({ ack: true });
    const query = 'mutation ($input: LogEventInput!) { logEvent(input: $input) { created } }';
    connection.socket.send(
      `{"id": "1", "type": "subscribe", "payload": {"query": ${JSON.stringify(query)}, "variables": {"input": {"type": "x\\u0000"}}}}`,
    );
    connection.socket.send(
      `{"id": "2", "type": "subscribe", "payload": {"query": ${JSON.stringify(query)}, "variables": {"input": {"type": "x", "properties": {"a": ${deep}}}}}}`,
    );
    await beside(new Promise((resolve) => setTimeout(resolve, 300)));
    const errors = connection.messages.filter((message) => message.type === 'error');
    expect(errors.map((message) => message.payload[0].extensions.code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    await closeAll([connection]);
  });
});

describe('clients that trickle bytes', () => {
  /** Opens `count` sockets that each send `start`, then a byte every 200 ms; resolves with how long each stayed open (Node checks its timeouts each second, and the machine is shared: 2.5 s of slack). */
  async function trickle(count: number, start: string) {
    const opened = performance.now();
    const sockets: Socket[] = [];
    const lifetimes = Promise.all(
      Array.from({ length: count }, () => {
        const { port } = new URL(server.url);
        const socket = connect(Number(port), '127.0.0.1');
        sockets.push(socket);
        socket.write(start);
        const drip = setInterval(() => socket.writable && socket.write('a'), 200);
        return new Promise<number>((resolve) => {
          socket.on('error', () => {});
          socket.on('close', () => {
            clearInterval(drip);
            resolve(performance.now() - opened);
          });
        });
      }),
    );
    const safety = setTimeout(() => sockets.forEach((socket) => socket.destroy()), 10_000);
    const result = await beside(lifetimes);
    clearTimeout(safety);
    return result;
  }

  it('cuts off clients that trickle their headers within HTTP_HEADERS_TIMEOUT_MS', async () => {
    const lifetimes = await trickle(200, `POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: `);
    expect(Math.max(...lifetimes)).toBeLessThan(1000 + 2500);
  });

  it('cuts off clients that trickle their body within HTTP_REQUEST_TIMEOUT_MS', async () => {
    const lifetimes = await trickle(
      200,
      `POST /webhooks/slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a": "`,
    );
    expect(Math.max(...lifetimes)).toBeLessThan(2000 + 2500);
  });
});

describe('per-IP budgets without a valid key', () => {
  let limited: TestServer;
  let limitedKey: string;
  beforeAll(async () => {
    limited = await startServer({
      env: { RATE_LIMIT_ANONYMOUS_REQUESTS: '10', RATE_LIMIT_WEBHOOK_REQUESTS: '10' },
    });
    ({ key: limitedKey } = await limited.newTenant('limited'));
  });
  afterAll(() => limited?.stop());

  it('limits requests without a key, or with a bad one, per IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(i % 2 ? { authorization: 'Bearer sb_nope_nope' } : {}),
      };
      const response = await beside(
        post('/graphql', JSON.stringify({ query: '{ __typename }' }), headers, limited),
        limited,
        limitedKey,
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({
          errors: [{ extensions: { code: 'RATE_LIMITED' } }],
        });
      }
    }
    expect(statuses.slice(0, 10).every((status) => status === 200 || status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const rest = await fetch(`${limited.url}/run/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rest.status).toBe(429);
  });

  it('limits /webhooks/* per IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await beside(
        post('/webhooks/unknown', '{}', { 'content-type': 'application/json' }, limited),
        limited,
        limitedKey,
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({ status: 429, code: 'too_many_requests' });
      }
    }
    expect(statuses.slice(0, 10).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
