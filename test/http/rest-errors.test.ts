import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

const RestErrorsCreateAgent = graphql(`
  mutation RestErrorsCreateAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const RestErrorsCreateVersion = graphql(`
  mutation RestErrorsCreateVersion(
    $agentName: String!
    $name: String!
    $runConfig: RunConfigInput
  ) {
    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {
      id
    }
  }
`);

const RestErrorsExecutionEvents = graphql(`
  subscription RestErrorsExecutionEvents($executionId: ID!) {
    executionEvents(executionId: $executionId) {
      __typename
    }
  }
`);

const KEEPALIVE_MS = 100;

let server: TestServer;
let tenant: { tenantId: string; key: string; keyId: string };
let agentId: string;
let managePath: string;

beforeAll(async () => {
  server = await startServer({
    env: { MAX_BODY_BYTES: String(16 * 1024), SSE_KEEPALIVE_MS: String(KEEPALIVE_MS) },
  });
  tenant = await server.newTenant('rest-errors');
  const agent = await server.graphql(
    RestErrorsCreateAgent,
    { name: 'careful-bot' },
    { key: tenant.key },
  );
  agentId = agent.data!.createAgent.id;
  const version = await server.graphql(
    RestErrorsCreateVersion,
    {
      agentName: 'careful-bot',
      name: 'v1',
      runConfig: {
        provider: {
          type: 'SCRIPTED',
          turns: [{ toolCalls: [{ name: 'launch', arguments: {} }] }, { text: 'Launched.' }],
        },
        tools: [
          { name: 'launch', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
        ],
      },
    },
    { key: tenant.key },
  );
  expect(version.errors).toBeUndefined();
  managePath = `/manage/tenants/${tenant.tenantId}/projects/default/agents/${agentId}/triggers`;
});
afterAll(() => server?.stop());

async function call(
  method: string,
  path: string,
  options: { key?: string | null; headers?: Record<string, string>; body?: string } = {},
) {
  const key = options.key === undefined ? tenant.key : options.key;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
    body: options.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

const problemKeys = ['code', 'detail', 'error', 'instance', 'requestId', 'status', 'title'];

describe('unknown paths and wrong methods answer in their family’s format', () => {
  it('answers an unknown path 404 in the format of the family its prefix names', async () => {
    for (const path of ['/run/api/nothing', '/run/api/executions/x/nothing']) {
      const { status, body } = await call('GET', path);
      expect({ status, keys: Object.keys(body!) }, path).toEqual({ status: 404, keys: ['error'] });
    }
    for (const path of [
      '/api/v1/nothing',
      '/telemetry/nothing',
      '/telemetry/v1/persons/p/nothing',
    ]) {
      const { status, body } = await call('GET', path);
      expect({ status, body }, path).toEqual({ status: 404, body: { detail: expect.any(String) } });
    }
    for (const path of ['/run/v1/nothing', '/manage/nothing', '/webhooks/a/b', '/nothing']) {
      const { status, headers, body } = await call('GET', path);
      expect(
        { status, type: headers.get('content-type'), keys: Object.keys(body!).sort() },
        path,
      ).toEqual({
        status: 404,
        type: 'application/problem+json',
        keys: problemKeys,
      });
      expect(body, path).toMatchObject({
        code: 'not_found',
        status: 404,
        instance: path,
        requestId: headers.get('x-request-id'),
      });
    }
  });

  it('answers a wrong method 405 with an Allow header naming the path’s methods, in the family’s format', async () => {
    const cases: [string, string, string, 'error' | 'detail' | 'problem'][] = [
      ['DELETE', '/run/api/executions', 'POST', 'error'],
      ['PUT', '/run/api/executions/some-id', 'GET, HEAD', 'error'],
      ['GET', '/run/api/executions/some-id/approvals/call_1', 'POST', 'error'],
      ['POST', '/api/v1/events', 'GET, HEAD', 'detail'],
      ['DELETE', '/api/v1/events/stats/by-actor', 'GET, HEAD', 'detail'],
      ['DELETE', '/telemetry/v1/events', 'POST', 'detail'],
      ['GET', '/run/v1/events', 'POST', 'problem'],
      ['PUT', '/manage/tenants/t/projects/p/agents/a/triggers', 'GET, HEAD, POST', 'problem'],
      ['GET', '/webhooks/some-key', 'POST', 'problem'],
      ['PUT', '/healthz', 'GET, HEAD', 'problem'],
    ];
    for (const [method, path, allow, format] of cases) {
      const { status, headers, body } = await call(method, path);
      const allowed = headers.get('allow')?.split(', ').sort().join(', ');
      expect({ status, allowed }, `${method} ${path}`).toEqual({ status: 405, allowed: allow });
      if (format === 'error') expect(body, path).toEqual({ error: expect.stringContaining(allow) });
      if (format === 'detail')
        expect(body, path).toEqual({ detail: expect.stringContaining(method) });
      if (format === 'problem') {
        expect(headers.get('content-type'), path).toBe('application/problem+json');
        expect(body, path).toMatchObject({
          code: 'method_not_allowed',
          title: 'Method Not Allowed',
          status: 405,
          requestId: headers.get('x-request-id'),
        });
      }
    }
  });
});

describe('the request id', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('is the body’s requestId on 401, 404, 413 and webhook errors', async () => {
    const answers = [
      await call('POST', '/run/v1/events', {
        key: null,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      await call('POST', '/run/v1/events', {
        key: 'sb_nope_nope',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      await call('GET', '/run/v1/nothing'),
      await call('POST', '/run/v1/events', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(20 * 1024) }),
      }),
      await call('POST', '/webhooks/no-such-webhook', {
        key: null,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      await call('POST', managePath, {
        headers: { 'content-type': 'application/json' },
        body: '{"name": 5}',
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 404, 413, 404, 400]);
    for (const { headers, body } of answers) {
      expect(headers.get('x-request-id')).toMatch(uuid);
      expect(body!.requestId).toBe(headers.get('x-request-id'));
    }
    expect(new Set(answers.map((answer) => answer.headers.get('x-request-id'))).size).toBe(
      answers.length,
    );
  });

  it('is sent on successes too, and is the correlation id the audit log records when the client sets none', async () => {
    const logged = await call('POST', '/run/v1/events', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'rest-errors-1', type: 'probe' }),
    });
    expect(logged.status).toBe(201);
    const requestId = logged.headers.get('x-request-id')!;
    expect(requestId).toMatch(uuid);
    expect(logged.headers.get('x-correlation-id')).toBe(requestId);
    const audited = await call('GET', `/api/v1/events/correlation/${requestId}`);
    expect(audited.body).toMatchObject({
      total: 1,
      events: [{ resourceId: 'rest-errors-1', correlationId: requestId }],
    });
    for (const path of ['/healthz', '/openapi.json', '/api/v1/events/aggregate']) {
      expect((await call('GET', path)).headers.get('x-request-id'), path).toMatch(uuid);
    }
    const gql = await server.graphql(
      RestErrorsCreateAgent,
      { name: 'careful-bot' },
      { key: tenant.key },
    );
    expect(gql.headers.get('x-request-id')).toMatch(uuid);
  });

  it('is exposed to browsers by CORS', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { origin: 'https://app.example' },
    });
    expect(
      response.headers
        .get('access-control-expose-headers')
        ?.split(',')
        .map((name) => name.trim()),
    ).toContain('X-Request-Id');
  });
});

describe('key cookies per family', () => {
  const cookie = (name: string) => ({ cookie: `${name}=${encodeURIComponent(tenant.key)}` });

  it('accepts vai_token on /api/v1 and better-auth.session_token on /manage, each only there; switchboard_key everywhere', async () => {
    expect(
      (await call('GET', '/api/v1/events?limit=1', { key: null, headers: cookie('vai_token') }))
        .status,
    ).toBe(200);
    expect(
      (await call('GET', managePath, { key: null, headers: cookie('better-auth.session_token') }))
        .status,
    ).toBe(200);
    for (const path of ['/api/v1/events?limit=1', managePath, '/run/api/executions/x']) {
      expect(
        (await call('GET', path, { key: null, headers: cookie('switchboard_key') })).status,
        path,
      ).not.toBe(401);
    }
    const elsewhere: [string, string][] = [
      ['better-auth.session_token', '/api/v1/events'],
      ['vai_token', managePath],
      ['vai_token', '/run/api/executions/x'],
      ['better-auth.session_token', '/telemetry/v1/persons/p'],
    ];
    for (const [name, path] of elsewhere)
      expect(
        (await call('GET', path, { key: null, headers: cookie(name) })).status,
        `${name} on ${path}`,
      ).toBe(401);
    // GraphQL reads only switchboard_key: a bad key in the pages' cookies is not even looked at.
    for (const name of ['vai_token', 'better-auth.session_token']) {
      const graph = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${name}=sb_bad_bad` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(graph.status, name).toBe(200);
    }
  });

  it('refuses a form-encoded write the cookie alone authenticates, and takes the same write as JSON', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await call('POST', managePath, {
      key: null,
      headers: { ...cookie('better-auth.session_token'), ...form },
      body: 'name=x',
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({
      code: 'forbidden',
      detail: expect.stringContaining('better-auth.session_token'),
    });
    const forgedAudit = await call('POST', '/api/v1/events', {
      key: null,
      headers: { ...cookie('vai_token'), ...form },
      body: 'x=1',
    });
    expect(forgedAudit).toMatchObject({
      status: 403,
      body: { detail: expect.stringContaining('vai_token') },
    });
    const json = await call('POST', managePath, {
      key: null,
      headers: { ...cookie('better-auth.session_token'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cookie-made', messageTemplate: 'Hello' }),
    });
    expect(json.status).not.toBe(403);
    expect(json.status).not.toBe(401);
  });
});

describe('SSE keep-alive', () => {
  /** Reads `response`'s text until `done` says it has enough (the connection is then dropped). */
  async function readUntil(response: Response, done: (text: string) => boolean) {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!done(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += value;
    }
    await reader.cancel();
    return text;
  }
  const keepAlivesAfter = (text: string, marker: string) =>
    (text.split(marker)[1] ?? '').split(': keep-alive\n\n').length - 1;

  it('sends `: keep-alive` comments on both execution streams while the run waits for an approval', async () => {
    const created = await fetch(`${server.url}/run/api/executions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentId, messages: [{ role: 'user', content: 'Launch' }] }),
    });
    expect(created.headers.get('content-type')).toContain('text/event-stream');
    expect(created.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const executionId = created.headers.get('x-execution-id')!;
    const suspended = '"status":"suspended"';
    const first = await readUntil(created, (text) => keepAlivesAfter(text, suspended) >= 3);
    expect(keepAlivesAfter(first, suspended)).toBeGreaterThanOrEqual(3);

    const reconnected = await fetch(`${server.url}/run/api/executions/${executionId}/stream`, {
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    const second = await readUntil(reconnected, (text) => keepAlivesAfter(text, suspended) >= 2);
    expect(keepAlivesAfter(second, suspended)).toBeGreaterThanOrEqual(2);
    // The comments come between events, never inside one.
    for (const block of second.split('\n\n').filter(Boolean))
      expect(block === ': keep-alive' || /^(event|data|id): /m.test(block)).toBe(true);

    const approved = await call('POST', `/run/api/executions/${executionId}/approvals/call_1_1`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ approved: true }),
    });
    expect(approved.body).toEqual({ success: true });
    const rest = await fetch(`${server.url}/run/api/executions/${executionId}/stream`, {
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    expect(await readUntil(rest, () => false)).toContain('event: finished');
  });

  it('GraphQL over SSE pings too (yoga: every 12 s, 300 ms under NODE_ENV=test) while a run waits', async () => {
    const created = await fetch(`${server.url}/run/api/executions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentId, messages: [{ role: 'user', content: 'Launch again' }] }),
    });
    const executionId = created.headers.get('x-execution-id')!;
    await readUntil(created, (text) => text.includes('"status":"suspended"'));
    const subscription = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tenant.key}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ query: print(RestErrorsExecutionEvents), variables: { executionId } }),
    });
    expect(subscription.headers.get('content-type')).toContain('text/event-stream');
    const marker = 'ExecutionApprovalRequested';
    const pingsAfter = (text: string) => (text.split(marker)[1] ?? '').split(':\n\n').length - 1;
    const text = await readUntil(subscription, (received) => pingsAfter(received) >= 2);
    expect(pingsAfter(text)).toBeGreaterThanOrEqual(2);
  });
});
