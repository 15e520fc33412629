import { print } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AppEventLogged, AppEvents, AuditEvents, LogEvent } from '../support/operations.ts';
import { testServerUrl } from '../support/databases.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const LogEvents = graphql(`
  mutation LogEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      created
      event {
        id
        type
      }
    }
  }
`);

let server: TestServer;
let tenant: { tenantId: string; key: string; keyId: string };

beforeAll(async () => {
  server = await startServer();
  tenant = await server.newTenant('events');
});
afterAll(() => server?.stop());

const postEvent = (body: unknown, key = tenant.key, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/run/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('logEvent over GraphQL', () => {
  it('stores the event with server metadata the client cannot set', async () => {
    const result = await server.graphql(
      LogEvent,
      {
        input: {
          id: 'evt-graphql-1',
          type: 'message.sent',
          agentId: 'agent-1',
          conversationId: 'conv-not-yet-created',
          messageId: 'msg-1',
          properties: { text: 'hello', nested: { a: [1, 2] } },
          userProperties: { plan: 'pro' },
          metadata: { source: 'test' },
        },
      },
      { key: tenant.key, headers: { 'user-agent': 'events-test/1.0' } },
    );
    expect(result.errors).toBeUndefined();
    const { created, event } = result.data!.logEvent;
    expect(created).toBe(true);
    expect(event).toMatchObject({
      id: 'evt-graphql-1',
      type: 'message.sent',
      agentId: 'agent-1',
      conversationId: 'conv-not-yet-created',
      properties: { text: 'hello', nested: { a: [1, 2] } },
      userProperties: { plan: 'pro' },
      metadata: { source: 'test' },
    });
    expect(event.serverMetadata).toMatchObject({
      apiKeyId: tenant.keyId,
      userAgent: 'events-test/1.0',
      ip: '127.0.0.1',
    });
    expect(Date.parse((event.serverMetadata as { receivedAt: string }).receivedAt)).not.toBeNaN();
  });

  it('is idempotent on the client id: a repeat returns the stored event and writes nothing', async () => {
    const input = { id: 'evt-idem', type: 'first', properties: { n: 1 } };
    const first = await server.graphql(LogEvent, { input }, { key: tenant.key });
    const again = await server.graphql(
      LogEvent,
      { input: { ...input, type: 'second', properties: { n: 2 } } },
      { key: tenant.key },
    );
    expect(first.data!.logEvent.created).toBe(true);
    expect(again.data!.logEvent.created).toBe(false);
    expect(again.data!.logEvent.event).toEqual(first.data!.logEvent.event);
    const audits = await server.graphql(
      AuditEvents,
      { filter: { resourceId: 'evt-idem' } },
      { key: tenant.key },
    );
    expect(audits.data!.auditEvents.totalCount).toBe(1);
  });

  it('rejects invalid input with BAD_USER_INPUT and writes nothing', async () => {
    const cases = [
      { id: 'has space', type: 'x' },
      { id: 'x'.repeat(256), type: 'x' },
      { type: '' },
      {
        type: 'x',
        properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])),
      },
      { type: 'x', metadata: { blob: 'x'.repeat(64 * 1024) } },
    ];
    for (const input of cases) {
      const result = await server.graphql(LogEvent, { input }, { key: tenant.key });
      expect(result.errors?.[0].extensions?.code, JSON.stringify(input).slice(0, 80)).toBe(
        'BAD_USER_INPUT',
      );
    }
    const list = await server.graphql(AppEvents, { filter: { type: 'x' } }, { key: tenant.key });
    expect(list.data!.appEvents.totalCount).toBe(0);
  });

  it('accepts a field of exactly 100 keys', async () => {
    const properties = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    const result = await server.graphql(
      LogEvent,
      { input: { type: 'hundred', properties } },
      { key: tenant.key },
    );
    expect(result.data!.logEvent.created).toBe(true);
  });
});

describe('logEvents batch', () => {
  it('logs 1000 events in order, created once per id', async () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      id: `batch-${i}`,
      type: 'batch',
      properties: { i },
    }));
    inputs[999] = { id: 'batch-0', type: 'batch', properties: { i: 999 } };
    const result = await server.graphql(LogEvents, { inputs }, { key: tenant.key });
    expect(result.errors).toBeUndefined();
    const logged = result.data!.logEvents;
    expect(logged).toHaveLength(1000);
    expect(logged[0]).toEqual({ created: true, event: { id: 'batch-0', type: 'batch' } });
    expect(logged[999]).toEqual({ created: false, event: { id: 'batch-0', type: 'batch' } });
    const list = await server.graphql(
      AppEvents,
      { filter: { type: 'batch' } },
      { key: tenant.key },
    );
    expect(list.data!.appEvents.totalCount).toBe(999);
    const repeat = await server.graphql(
      LogEvents,
      { inputs: inputs.slice(0, 3) },
      { key: tenant.key },
    );
    expect(repeat.data!.logEvents.map((entry) => entry.created)).toEqual([false, false, false]);
  });

  it('refuses more than 1000 events, and a batch with one bad event entirely', async () => {
    const tooMany = Array.from({ length: 1001 }, () => ({ type: 'overflow' }));
    const result = await server.graphql(LogEvents, { inputs: tooMany }, { key: tenant.key });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const mixed = await server.graphql(
      LogEvents,
      { inputs: [{ type: 'mixed' }, { type: '' }] },
      { key: tenant.key },
    );
    expect(mixed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: [1, 'type'] }],
    });
    const list = await server.graphql(
      AppEvents,
      { filter: { type: 'mixed' } },
      { key: tenant.key },
    );
    expect(list.data!.appEvents.totalCount).toBe(0);
  });
});

describe('POST /run/v1/events', () => {
  it('answers 201 then 200 for the same id, with the page shape', async () => {
    const body = {
      id: 'rest-1',
      type: 'page.viewed',
      conversationId: 'c-1',
      properties: { path: '/' },
    };
    const first = await postEvent(body);
    expect(first.status).toBe(201);
    const created = (await first.json()) as { data: Record<string, unknown> };
    expect(Object.keys(created.data).sort()).toEqual(
      [
        'agentId',
        'conversationId',
        'createdAt',
        'id',
        'messageId',
        'metadata',
        'properties',
        'serverMetadata',
        'type',
        'updatedAt',
        'userProperties',
      ].sort(),
    );
    expect(created.data).toMatchObject({
      id: 'rest-1',
      type: 'page.viewed',
      conversationId: 'c-1',
      properties: { path: '/' },
    });
    const second = await postEvent({ ...body, type: 'changed' });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(created);
  });

  it('ignores a client-sent serverMetadata', async () => {
    const response = await postEvent({ type: 'spoof', serverMetadata: { apiKeyId: 'forged' } });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: { serverMetadata: { apiKeyId: string } } };
    expect(data.serverMetadata.apiKeyId).toBe(tenant.keyId);
  });

  it('answers bad input with a 400 problem+json body', async () => {
    for (const body of [
      {},
      { type: 'x', id: 'bad id' },
      { type: 'x', properties: 'not an object' },
      '{not json',
      '[]',
    ]) {
      const response = await postEvent(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(
        response.headers.get('x-correlation-id'),
        'error responses keep the correlation id',
      ).toBeTruthy();
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({
        code: 'bad_request',
        status: 400,
        title: 'Bad Request',
        instance: '/run/v1/events',
      });
      expect(problem.error).toMatchObject({ code: 'bad_request' });
      expect(typeof problem.requestId).toBe('string');
    }
  });

  it('answers a missing or bad key with a 401 problem+json body', async () => {
    for (const key of [
      '',
      'sb_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'garbage',
    ]) {
      const response = await fetch(`${server.url}/run/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({ type: 'x' }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        code: 'unauthorized',
        status: 401,
        error: { code: 'unauthorized' },
      });
    }
  });
});

describe('appEvents', () => {
  it('filters and pages with a total count', async () => {
    const inputs = Array.from({ length: 5 }, (_, i) => ({
      id: `page-${i}`,
      type: 'paged',
      conversationId: i % 2 ? 'odd' : 'even',
    }));
    await server.graphql(LogEvents, { inputs }, { key: tenant.key });
    const firstPage = await server.graphql(
      AppEvents,
      { filter: { type: 'paged' }, first: 2 },
      { key: tenant.key },
    );
    const page = firstPage.data!.appEvents;
    expect(page.totalCount).toBe(5);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['page-4', 'page-3']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await server.graphql(
      AppEvents,
      { filter: { type: 'paged' }, first: 10, after: page.pageInfo.endCursor },
      { key: tenant.key },
    );
    expect(next.data!.appEvents.edges.map((edge) => edge.node.id)).toEqual([
      'page-2',
      'page-1',
      'page-0',
    ]);
    const odd = await server.graphql(
      AppEvents,
      { filter: { type: 'paged', conversationId: 'odd' } },
      { key: tenant.key },
    );
    expect(odd.data!.appEvents.edges.map((edge) => edge.node.id)).toEqual(['page-3', 'page-1']);
    const future = await server.graphql(
      AppEvents,
      { filter: { type: 'paged', from: new Date(Date.now() + 60_000).toISOString() } },
      { key: tenant.key },
    );
    expect(future.data!.appEvents.totalCount).toBe(0);
  });
});

describe.skipIf(!testServerUrl())('appEvents on PostgreSQL', () => {
  it('sends the total count beside the page query, not after it', async () => {
    const database = new pg.Client({ connectionString: server.database.databaseUrl });
    await database.connect();
    try {
      const [{ stored }] = (
        await database.query<{ stored: number }>(
          'SELECT count(*)::int AS stored FROM "AppEvent" WHERE "tenantId" = $1',
          [tenant.tenantId],
        )
      ).rows;
      await database.query('BEGIN');
      await database.query('LOCK TABLE "AppEvent" IN ACCESS EXCLUSIVE MODE');
      const listed = server.graphql(AppEvents, { first: 2 }, { key: tenant.key });
      // Both statements wait for the lock together only if the count was sent before the page came back.
      await eventually(async () => {
        const { rows } = await database.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = '"AppEvent"'::regclass AND NOT granted`,
        );
        return rows[0].waiting === 2;
      }, 'the page query and the count to wait for the table together');
      await database.query('ROLLBACK');
      const result = await listed;
      expect(result.errors).toBeUndefined();
      expect(result.data!.appEvents.totalCount).toBe(stored);
      expect(result.data!.appEvents.edges).toHaveLength(2);
    } finally {
      await database.end();
    }
  });
});

describe('over WebSocket', () => {
  it('accepts mutations as well as subscriptions', async () => {
    const client = server.wsClient(tenant.key);
    const result = await new Promise<{ data?: unknown; errors?: unknown }>((resolve, reject) => {
      let value: { data?: unknown; errors?: unknown } = {};
      client.subscribe(
        { query: print(LogEvent), variables: { input: { id: 'over-ws', type: 'ws' } } },
        {
          next: (next) => (value = next as typeof value),
          error: reject,
          complete: () => resolve(value),
        },
      );
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      logEvent: { created: true, event: { id: 'over-ws', type: 'ws' } },
    });
  });
});

describe('appEventLogged', () => {
  it('delivers new events matching the filter to every subscriber', async () => {
    const subscribers = [server.wsClient(tenant.key), server.wsClient(tenant.key)].map((client) =>
      subscribe(client, AppEventLogged, { filter: { type: 'live' } }),
    );
    await Promise.all(subscribers.map((subscriber) => subscriber.started));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await postEvent({ id: 'live-other', type: 'not-live' });
    await postEvent({ id: 'live-1', type: 'live', conversationId: 'c' });
    for (const subscriber of subscribers) {
      await eventually(() => subscriber.received.length >= 1, 'the live event');
      expect(subscriber.received[0].data!.appEventLogged).toMatchObject({
        id: 'live-1',
        type: 'live',
        conversationId: 'c',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subscribers.map((subscriber) => subscriber.received.length)).toEqual([1, 1]);
  });
});
