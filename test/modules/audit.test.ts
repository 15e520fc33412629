import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AuditEvents, CreateApiKey, CreateProject, LogEvent } from '../support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const LogEvents = graphql(`
  mutation AuditLogEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      created
    }
  }
`);

const AuditDetails = graphql(`
  query AuditDetails($id: ID!, $correlationId: String!, $resourceId: String!, $from: DateTime, $to: DateTime) {
    auditEvent(id: $id) {
      id
      eventType
    }
    auditEventsByCorrelation(correlationId: $correlationId) {
      totalCount
      edges {
        node {
          resourceId
          correlationId
        }
      }
    }
    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {
      totalCount
      edges {
        node {
          eventType
        }
      }
    }
    auditAggregate(from: $from, to: $to) {
      total
      byActorType {
        key
        count
      }
      byEventType {
        key
        count
      }
      byResourceType {
        key
        count
      }
    }
    auditStatsByActor(from: $from, to: $to) {
      actorId
      actorType
      successes
      failures
      total
    }
  }
`);

const AuditEventRecorded = graphql(`
  subscription AuditEventRecorded($filter: AuditEventFilter) {
    auditEventRecorded(filter: $filter) {
      eventType
      resourceId
      outcome
    }
  }
`);

let server: TestServer;
let tenant: { tenantId: string; key: string; keyId: string };
let userKey: { secret: string; id: string };

beforeAll(async () => {
  server = await startServer();
  tenant = await server.newTenant('audit');
  const created = await server.graphql(CreateApiKey, { name: 'person', actorType: 'USER' }, { key: tenant.key });
  userKey = { secret: created.data!.createApiKey.secret, id: created.data!.createApiKey.apiKey.id };
  // A known mix: the service key logs 3 events in one request and creates project "p" twice (one failure);
  // the user key logs 2 events.
  await server.graphql(LogEvents, { inputs: [{ id: 'a1', type: 't' }, { id: 'a2', type: 't' }, { id: 'a3', type: 't' }] }, { key: tenant.key, headers: { 'x-correlation-id': 'batch-correlation' } });
  await server.graphql(CreateProject, { name: 'p' }, { key: tenant.key });
  const duplicate = await server.graphql(CreateProject, { name: 'p' }, { key: tenant.key });
  expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
  await server.graphql(LogEvent, { input: { id: 'u1', type: 't' } }, { key: userKey.secret });
  await server.graphql(LogEvent, { input: { id: 'u2', type: 't' } }, { key: userKey.secret });
});
afterAll(() => server?.stop());

const get = (path: string, key: string | null = tenant.key) =>
  fetch(`${server.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('audit log over GraphQL', () => {
  it('aggregates and counts per actor as computed by hand', async () => {
    const anyEvent = await server.graphql(AuditEvents, { first: 1 }, { key: tenant.key });
    const result = await server.graphql(
      AuditDetails,
      { id: anyEvent.data!.auditEvents.edges[0].node.id, correlationId: 'batch-correlation', resourceId: 'a2' },
      { key: tenant.key },
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    // By hand: the admin key created the tenant and the service key (system: 2); the service key
    // created the user key, logged 3 events, created project "p" and failed to create it again
    // (api_key: 6, one failure); the user key logged 2 events (user: 2).
    expect(data.auditAggregate.total).toBe(10);
    expect(data.auditAggregate.byActorType).toEqual([
      { key: 'api_key', count: 6 },
      { key: 'system', count: 2 },
      { key: 'user', count: 2 },
    ]);
    expect(data.auditAggregate.byEventType).toEqual([
      { key: 'app_event.logged', count: 5 },
      { key: 'api_key.created', count: 2 },
      { key: 'project.created', count: 2 },
      { key: 'tenant.created', count: 1 },
    ]);
    expect(data.auditAggregate.byResourceType).toEqual([
      { key: 'app_event', count: 5 },
      { key: 'api_key', count: 2 },
      { key: 'project', count: 2 },
      { key: 'tenant', count: 1 },
    ]);
    // Most active first; ties by actor id.
    const tied = [
      { actorId: 'admin', actorType: 'system', successes: 2, failures: 0, total: 2 },
      { actorId: userKey.id, actorType: 'user', successes: 2, failures: 0, total: 2 },
    ].sort((x, y) => x.actorId.localeCompare(y.actorId));
    expect(data.auditStatsByActor).toEqual([
      { actorId: tenant.keyId, actorType: 'api_key', successes: 5, failures: 1, total: 6 },
      ...tied,
    ]);
    expect(data.auditEventsByCorrelation.edges.map(({ node }) => node.resourceId)).toEqual(['a1', 'a2', 'a3']);
    expect(data.auditEventsByResource.edges).toEqual([{ node: { eventType: 'app_event.logged' } }]);
    expect(data.auditEvent?.id).toBe(anyEvent.data!.auditEvents.edges[0].node.id);
  });

  it('filters, pages and counts', async () => {
    const byActor = await server.graphql(AuditEvents, { filter: { actorId: userKey.id } }, { key: tenant.key });
    expect(byActor.data!.auditEvents.edges.map(({ node }) => node.resourceId)).toEqual(['u2', 'u1']);
    const failures = await server.graphql(AuditEvents, { filter: { eventType: 'project.created' } }, { key: tenant.key });
    expect(failures.data!.auditEvents.edges.map(({ node }) => node.outcome)).toEqual(['FAILURE', 'SUCCESS']);
    expect(failures.data!.auditEvents.edges[0].node.payload).toMatchObject({ error: { code: 'CONFLICT' } });
    const page = await server.graphql(AuditEvents, { filter: { resourceType: 'APP_EVENT' }, first: 2 }, { key: tenant.key });
    expect(page.data!.auditEvents).toMatchObject({ totalCount: 5 });
    expect(page.data!.auditEvents.edges).toHaveLength(2);
    const future = await server.graphql(AuditEvents, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }, { key: tenant.key });
    expect(future.data!.auditEvents.totalCount).toBe(0);
    const past = await server.graphql(AuditEvents, { filter: { to: new Date(Date.now() - 3_600_000).toISOString() } }, { key: tenant.key });
    expect(past.data!.auditEvents.totalCount).toBe(0);
  });

  it('gives each request its own correlation id when none is sent', async () => {
    const events = await server.graphql(AuditEvents, { filter: { actorId: userKey.id } }, { key: tenant.key });
    const [u2, u1] = events.data!.auditEvents.edges.map(({ node }) => node);
    expect(u1.correlationId).not.toBe(u2.correlationId);
    expect(u1.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('streams new audit events matching a filter', async () => {
    const subscriber = subscribe(server.wsClient(tenant.key), AuditEventRecorded, { filter: { eventType: 'project.created' } });
    await subscriber.started;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.graphql(LogEvent, { input: { id: 'not-a-project', type: 't' } }, { key: tenant.key });
    await server.graphql(CreateProject, { name: 'live' }, { key: tenant.key });
    await eventually(() => subscriber.received.length >= 1, 'the project.created audit event');
    expect(subscriber.received[0].data!.auditEventRecorded).toMatchObject({ eventType: 'project.created', outcome: 'SUCCESS' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subscriber.received).toHaveLength(1);
  });
});

describe('audit log over REST (/api/v1/events)', () => {
  const eventKeys = ['actorId', 'actorType', 'causationId', 'correlationId', 'eventType', 'id', 'occurredAt', 'payload', 'resourceId', 'resourceType', 'tenantId'];

  it('lists with the page shape, defaults and filters', async () => {
    const response = await get('/api/v1/events?resource_type=app_event');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['events', 'hasNext', 'limit', 'offset', 'total']);
    expect(body).toMatchObject({ limit: 100, offset: 0, hasNext: false });
    expect(body.total).toBeGreaterThanOrEqual(5);
    expect(Object.keys(body.events[0]).sort()).toEqual(eventKeys);
    const paged = await (await get('/api/v1/events?event_type=app_event.logged&limit=2&offset=1')).json();
    expect(paged).toMatchObject({ limit: 2, offset: 1, hasNext: true });
    expect(paged.events).toHaveLength(2);
    const byResource = await (await get('/api/v1/events?resource_id=u1')).json();
    expect(byResource.events.map((event: { resourceId: string }) => event.resourceId)).toEqual(['u1']);
    const window = await (await get(`/api/v1/events?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    expect(window.total).toBe(0);
  });

  it('aggregates, lists by correlation and resource, counts by actor, gets one', async () => {
    const aggregate = await (await get('/api/v1/events/aggregate')).json();
    expect(Object.keys(aggregate).sort()).toEqual(['byActorType', 'byEventType', 'byResourceType', 'total']);
    expect(aggregate.byEventType).toContainEqual({ key: 'tenant.created', count: 1 });
    const correlation = await (await get('/api/v1/events/correlation/batch-correlation?limit=2')).json();
    expect(correlation).toMatchObject({ total: 3, hasNext: true, limit: 2, offset: 0 });
    expect(correlation.events.map((event: { resourceId: string }) => event.resourceId)).toEqual(['a1', 'a2']);
    const resource = await (await get(`/api/v1/events/resource/api_key/${userKey.id}`)).json();
    expect(resource.events.map((event: { eventType: string }) => event.eventType)).toEqual(['api_key.created']);
    const stats = await (await get('/api/v1/events/stats/by-actor')).json();
    expect(stats.actors).toContainEqual({ actorId: userKey.id, actorType: 'user', successes: 2, failures: 0, total: 2 });
    const one = await (await get(`/api/v1/events/${resource.events[0].id}`)).json();
    expect(one).toEqual(resource.events[0]);
  });

  it('answers bad parameters with 422 and a detail list', async () => {
    const cases: [string, string[]][] = [
      ['/api/v1/events?limit=0', ['query', 'limit']],
      ['/api/v1/events?limit=101', ['query', 'limit']],
      ['/api/v1/events?limit=abc', ['query', 'limit']],
      ['/api/v1/events?offset=-1', ['query', 'offset']],
      ['/api/v1/events?from=yesterday', ['query', 'from']],
      ['/api/v1/events?resource_type=spaceship', ['query', 'resource_type']],
      ['/api/v1/events/aggregate?to=2020-13-45', ['query', 'to']],
      ['/api/v1/events/stats/by-actor?from=nope', ['query', 'from']],
      ['/api/v1/events/correlation/x?offset=-5', ['query', 'offset']],
      ['/api/v1/events/resource/spaceship/x', ['param', 'resource_type']],
      ['/api/v1/events/not-a-uuid', ['param', 'event_id']],
    ];
    for (const [path, loc] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(422);
      const body = await response.json();
      expect(body.detail[0], path).toMatchObject({ loc, type: expect.any(String), msg: expect.any(String) });
    }
  });

  it('answers 401 without a key and 404 for a missing id', async () => {
    const anonymous = await get('/api/v1/events', null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ detail: expect.any(String) });
    const missing = await get('/api/v1/events/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Audit event not found' });
  });
});
