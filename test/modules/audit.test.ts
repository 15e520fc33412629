import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import type { AuditEventFilter } from '../gql/graphql.ts';
import { AuditEvents, CreateApiKey, CreateProject, LogEvent } from '../support/operations.ts';
import {
  ADMIN_KEY,
  eventually,
  startServer,
  subscribe,
  type TestServer,
} from '../support/switchboard.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

// ---------------------------------------------------------------------------------------------
// Exact figures on a fully known tenant: every event it holds is listed in `expected`,
// with two keys of different actor types, successes and failures on both sides of a time mark.
// ---------------------------------------------------------------------------------------------

const AuditTestById = graphql(`
  query AuditTestById($id: ID!) {
    auditEvent(id: $id) {
      ...AuditEventFields
    }
  }
`);

const AuditTestByCorrelation = graphql(`
  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {
    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          eventType
          resourceId
          correlationId
          tenantId
        }
      }
    }
  }
`);

const AuditTestByResource = graphql(`
  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {
    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          id
          eventType
          outcome
          tenantId
        }
      }
    }
  }
`);

const AuditTestAggregate = graphql(`
  query AuditTestAggregate($from: DateTime, $to: DateTime) {
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
  }
`);

const AuditTestStats = graphql(`
  query AuditTestStats($from: DateTime, $to: DateTime) {
    auditStatsByActor(from: $from, to: $to) {
      actorId
      actorType
      successes
      failures
      total
    }
  }
`);

const AuditTestRecorded = graphql(`
  subscription AuditTestRecorded($filter: AuditEventFilter) {
    auditEventRecorded(filter: $filter) {
      ...AuditEventFields
    }
  }
`);

const AuditTestLogEvents = graphql(`
  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      created
    }
  }
`);

const AuditTestRevokeApiKey = graphql(`
  mutation AuditTestRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
    }
  }
`);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const BATCH_CORRELATION = 'audit-test-batch.1';
const REST_EVENT_KEYS = [
  'actorId',
  'actorType',
  'causationId',
  'correlationId',
  'eventType',
  'id',
  'occurredAt',
  'payload',
  'resourceId',
  'resourceType',
  'tenantId',
];
const REST_PAGE_KEYS = ['events', 'hasNext', 'limit', 'offset', 'total'];

interface RestEvent {
  actorId: string;
  actorType: string;
  causationId: string | null;
  correlationId: string;
  eventType: string;
  id: string;
  occurredAt: string;
  payload: Record<string, unknown>;
  resourceId: string;
  resourceType: string;
  tenantId: string;
}
interface RestPage {
  events: RestEvent[];
  hasNext: boolean;
  limit: number;
  offset: number;
  total: number;
}

/** A REST GET with `key` (none when null), answering status, headers and the parsed JSON body. */
async function rest<T = unknown>(
  path: string,
  key: string | null,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

interface Expected {
  eventType: string;
  actorType: 'api_key' | 'user' | 'system';
  actorId: string;
  resourceType: 'tenant' | 'project' | 'api_key' | 'app_event';
  resourceId: unknown;
  outcome: 'success' | 'failure';
}

describe('audit log: exact figures on a known tenant', () => {
  let known: { tenantId: string; key: string; keyId: string };
  let person: { id: string; secret: string };
  let other: { tenantId: string; key: string; keyId: string };
  let alphaId: string;
  let alphaCorrelation: string;
  let temporaryKeyId: string;
  let middle: Date;
  let end: Date;
  /** Every audit event of the known tenant, oldest first. */
  let expected: Expected[];
  /** The same, as GraphQL lists them (newest first). */
  let listed: NonNullable<Awaited<ReturnType<typeof listAll>>>;

  const listAll = async (key: string) => {
    const result = await server.graphql(AuditEvents, { first: 100 }, { key });
    expect(result.errors).toBeUndefined();
    return result.data!.auditEvents;
  };
  const gqlShape = (row: Expected) => ({
    eventType: row.eventType,
    actorType: row.actorType.toUpperCase(),
    actorId: row.actorId,
    resourceType: row.resourceType.toUpperCase(),
    resourceId: row.resourceId,
    outcome: row.outcome.toUpperCase(),
  });

  beforeAll(async () => {
    known = await server.newTenant('audit-known'); // 1 tenant.created, 2 api_key.created (admin)
    const created = await server.graphql(
      CreateApiKey,
      { name: 'person', tenantId: known.tenantId, actorType: 'USER' },
      { key: ADMIN_KEY },
    ); // 3
    person = {
      id: created.data!.createApiKey.apiKey.id,
      secret: created.data!.createApiKey.secret,
    };
    const alpha = await server.graphql(CreateProject, { name: 'alpha' }, { key: known.key }); // 4
    alphaId = alpha.data!.createProject.id;
    alphaCorrelation = alpha.headers.get('x-correlation-id')!;
    expect(
      (await server.graphql(CreateProject, { name: 'alpha' }, { key: known.key })).errors?.[0]
        .extensions?.code,
    ).toBe('CONFLICT'); // 5
    const beta = await server.graphql(CreateProject, { name: 'beta' }, { key: person.secret }); // 6
    expect(
      (await server.graphql(CreateProject, { name: 'alpha' }, { key: person.secret })).errors?.[0]
        .extensions?.code,
    ).toBe('CONFLICT'); // 7

    await pause(10);
    middle = new Date();
    await pause(10);

    const batch = await server.graphql(
      AuditTestLogEvents,
      {
        inputs: [
          { id: 'fx-1', type: 'fixture' },
          { id: 'fx-2', type: 'fixture' },
          { id: 'fx-3', type: 'fixture' },
        ],
      },
      { key: known.key, headers: { 'x-correlation-id': BATCH_CORRELATION } },
    ); // 8, 9, 10
    expect(batch.headers.get('x-correlation-id')).toBe(BATCH_CORRELATION);
    await server.graphql(
      LogEvent,
      { input: { id: 'fx-user', type: 'fixture' } },
      { key: person.secret },
    ); // 11
    const nowhere = await server.graphql(
      CreateApiKey,
      { name: 'nowhere', projectId: MISSING_ID },
      { key: person.secret },
    ); // 12
    expect(nowhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const temporary = await server.graphql(CreateApiKey, { name: 'temporary' }, { key: known.key }); // 13
    temporaryKeyId = temporary.data!.createApiKey.apiKey.id;
    expect(
      (await server.graphql(AuditTestRevokeApiKey, { id: temporaryKeyId }, { key: known.key }))
        .errors,
    ).toBeUndefined(); // 14

    await pause(10);
    end = new Date();

    const admin = { actorType: 'system', actorId: 'admin' } as const;
    const service = { actorType: 'api_key', actorId: known.keyId } as const;
    const user = { actorType: 'user', actorId: person.id } as const;
    const anyId = expect.any(String);
    expected = [
      {
        eventType: 'tenant.created',
        ...admin,
        resourceType: 'tenant',
        resourceId: known.tenantId,
        outcome: 'success',
      },
      {
        eventType: 'api_key.created',
        ...admin,
        resourceType: 'api_key',
        resourceId: known.keyId,
        outcome: 'success',
      },
      {
        eventType: 'api_key.created',
        ...admin,
        resourceType: 'api_key',
        resourceId: person.id,
        outcome: 'success',
      },
      {
        eventType: 'project.created',
        ...service,
        resourceType: 'project',
        resourceId: alphaId,
        outcome: 'success',
      },
      {
        eventType: 'project.created',
        ...service,
        resourceType: 'project',
        resourceId: anyId,
        outcome: 'failure',
      },
      {
        eventType: 'project.created',
        ...user,
        resourceType: 'project',
        resourceId: beta.data!.createProject.id,
        outcome: 'success',
      },
      {
        eventType: 'project.created',
        ...user,
        resourceType: 'project',
        resourceId: anyId,
        outcome: 'failure',
      },
      {
        eventType: 'app_event.logged',
        ...service,
        resourceType: 'app_event',
        resourceId: 'fx-1',
        outcome: 'success',
      },
      {
        eventType: 'app_event.logged',
        ...service,
        resourceType: 'app_event',
        resourceId: 'fx-2',
        outcome: 'success',
      },
      {
        eventType: 'app_event.logged',
        ...service,
        resourceType: 'app_event',
        resourceId: 'fx-3',
        outcome: 'success',
      },
      {
        eventType: 'app_event.logged',
        ...user,
        resourceType: 'app_event',
        resourceId: 'fx-user',
        outcome: 'success',
      },
      {
        eventType: 'api_key.created',
        ...user,
        resourceType: 'api_key',
        resourceId: anyId,
        outcome: 'failure',
      },
      {
        eventType: 'api_key.created',
        ...service,
        resourceType: 'api_key',
        resourceId: temporaryKeyId,
        outcome: 'success',
      },
      {
        eventType: 'api_key.revoked',
        ...service,
        resourceType: 'api_key',
        resourceId: temporaryKeyId,
        outcome: 'success',
      },
    ];
    listed = await listAll(known.key);

    // Tenant B reuses the known tenant's names, client ids and correlation id: isolation must hold by tenant, not by luck.
    other = await server.newTenant('audit-other'); // tenant.created, api_key.created (admin)
    await server.graphql(CreateProject, { name: 'alpha' }, { key: other.key });
    await server.graphql(CreateProject, { name: 'beta' }, { key: other.key });
    await server.graphql(
      LogEvent,
      { input: { id: 'fx-1', type: 'fixture' } },
      { key: other.key, headers: { 'x-correlation-id': BATCH_CORRELATION } },
    );
  });

  describe('GraphQL', () => {
    it('records every state change with actor, resource, outcome, tenant and correlation', () => {
      expect(listed.totalCount).toBe(expected.length);
      const nodes = listed.edges.map(({ node }) => node);
      expect(nodes).toEqual(
        [...expected].reverse().map((row) => expect.objectContaining(gqlShape(row))),
      );
      for (const node of nodes) {
        expect(node.tenantId).toBe(known.tenantId);
        expect(node.causationId).toBeNull();
        expect(Date.parse(node.occurredAt)).not.toBeNaN();
      }
      const [revoked, , keyFailure, , , , , projectFailure, , , alpha] = nodes;
      expect(revoked.payload).toEqual({ name: 'temporary', revokedBy: known.keyId });
      // A refusal's payload is its error (the unit of work's `refusal`).
      expect(keyFailure.payload).toEqual({
        error: { code: 'NOT_FOUND', message: 'Project not found' },
      });
      expect(projectFailure.payload).toEqual({
        error: { code: 'CONFLICT', message: 'A project named "alpha" already exists' },
      });
      // A refused change names a resource that was never created.
      expect(projectFailure.resourceId).not.toBe(alphaId);
      expect(alpha.correlationId).toBe(alphaCorrelation);
    });

    it('filters by event type, resource type and id, actor, and time window (from inclusive, to exclusive)', async () => {
      const count = async (filter: AuditEventFilter) => {
        const result = await server.graphql(
          AuditEvents,
          { filter, first: 100 },
          { key: known.key },
        );
        expect(result.errors, JSON.stringify(filter)).toBeUndefined();
        return result.data!.auditEvents;
      };
      const resourceIds = (page: Awaited<ReturnType<typeof count>>) =>
        page.edges.map(({ node }) => node.resourceId);
      expect((await count({ eventType: 'project.created' })).totalCount).toBe(4);
      expect((await count({ eventType: 'api_key.revoked' })).totalCount).toBe(1);
      expect((await count({ resourceType: 'PROJECT' })).totalCount).toBe(4);
      expect((await count({ resourceType: 'API_KEY' })).totalCount).toBe(5);
      expect(resourceIds(await count({ resourceType: 'APP_EVENT' }))).toEqual([
        'fx-user',
        'fx-3',
        'fx-2',
        'fx-1',
      ]);
      expect(resourceIds(await count({ resourceType: 'APP_EVENT', resourceId: 'fx-2' }))).toEqual([
        'fx-2',
      ]);
      expect((await count({ resourceType: 'TENANT', resourceId: 'fx-2' })).totalCount).toBe(0);
      expect((await count({ actorId: person.id })).totalCount).toBe(4);
      expect((await count({ actorId: 'admin' })).totalCount).toBe(3);
      expect(
        (await count({ actorId: known.keyId, eventType: 'project.created' })).edges.map(
          ({ node }) => node.outcome,
        ),
      ).toEqual(['FAILURE', 'SUCCESS']);
      expect((await count({ to: middle.toISOString() })).totalCount).toBe(7);
      expect((await count({ from: middle.toISOString() })).totalCount).toBe(7);
      expect(
        (await count({ from: middle.toISOString(), to: end.toISOString(), actorId: person.id }))
          .totalCount,
      ).toBe(2);
      expect((await count({ from: end.toISOString() })).totalCount).toBe(0);
      const [newest] = listed.edges.map(({ node }) => node);
      const oldest = listed.edges[listed.edges.length - 1].node;
      expect((await count({ from: newest.occurredAt })).edges[0].node.id).toBe(newest.id);
      expect((await count({ to: oldest.occurredAt })).totalCount).toBe(0);
    });

    it('pages newest first with cursors and a total count', async () => {
      const seen: string[] = [];
      let after: string | null | undefined;
      const pages: { size: number; hasNextPage: boolean; totalCount: number }[] = [];
      do {
        const result = await server.graphql(AuditEvents, { first: 5, after }, { key: known.key });
        const page = result.data!.auditEvents;
        seen.push(...page.edges.map(({ node }) => node.id));
        pages.push({
          size: page.edges.length,
          hasNextPage: page.pageInfo.hasNextPage,
          totalCount: page.totalCount,
        });
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(pages).toEqual([
        { size: 5, hasNextPage: true, totalCount: 14 },
        { size: 5, hasNextPage: true, totalCount: 14 },
        { size: 4, hasNextPage: false, totalCount: 14 },
      ]);
      expect(seen).toEqual(listed.edges.map(({ node }) => node.id));
      const filtered = await server.graphql(
        AuditEvents,
        { filter: { eventType: 'app_event.logged' }, first: 3 },
        { key: known.key },
      );
      expect(filtered.data!.auditEvents.totalCount).toBe(4);
      expect(filtered.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    });

    it('gets one event by id, and null for an unknown id', async () => {
      for (const { node } of listed.edges) {
        const one = await server.graphql(AuditTestById, { id: node.id }, { key: known.key });
        expect(one.data!.auditEvent).toEqual(node);
      }
      expect(
        (await server.graphql(AuditTestById, { id: MISSING_ID }, { key: known.key })).data!
          .auditEvent,
      ).toBeNull();
      expect(
        (await server.graphql(AuditTestById, { id: 'not-a-uuid' }, { key: known.key })).data!
          .auditEvent,
      ).toBeNull();
    });

    it('lists everything one request set off, in order: a batch of 3 shares its X-Correlation-Id', async () => {
      const all = await server.graphql(
        AuditTestByCorrelation,
        { correlationId: BATCH_CORRELATION },
        { key: known.key },
      );
      const page = all.data!.auditEventsByCorrelation;
      expect(page.totalCount).toBe(3);
      expect(
        page.edges.map(({ node }) => [
          node.eventType,
          node.resourceId,
          node.correlationId,
          node.tenantId,
        ]),
      ).toEqual(
        ['fx-1', 'fx-2', 'fx-3'].map((id) => [
          'app_event.logged',
          id,
          BATCH_CORRELATION,
          known.tenantId,
        ]),
      );
      const first = await server.graphql(
        AuditTestByCorrelation,
        { correlationId: BATCH_CORRELATION, first: 2 },
        { key: known.key },
      );
      expect(first.data!.auditEventsByCorrelation.pageInfo.hasNextPage).toBe(true);
      const rest = await server.graphql(
        AuditTestByCorrelation,
        {
          correlationId: BATCH_CORRELATION,
          first: 2,
          after: first.data!.auditEventsByCorrelation.pageInfo.endCursor,
        },
        { key: known.key },
      );
      expect(rest.data!.auditEventsByCorrelation.edges.map(({ node }) => node.resourceId)).toEqual([
        'fx-3',
      ]);
      expect(rest.data!.auditEventsByCorrelation.pageInfo.hasNextPage).toBe(false);
      // Without the header each request gets its own id, echoed in the response header.
      const single = await server.graphql(
        AuditTestByCorrelation,
        { correlationId: alphaCorrelation },
        { key: known.key },
      );
      expect(
        single.data!.auditEventsByCorrelation.edges.map(({ node }) => node.resourceId),
      ).toEqual([alphaId]);
      expect(
        (
          await server.graphql(
            AuditTestByCorrelation,
            { correlationId: 'nothing-here' },
            { key: known.key },
          )
        ).data!.auditEventsByCorrelation.totalCount,
      ).toBe(0);
    });

    it("lists one resource's history newest first", async () => {
      const key = await server.graphql(
        AuditTestByResource,
        { resourceType: 'API_KEY', resourceId: temporaryKeyId },
        { key: known.key },
      );
      expect(key.data!.auditEventsByResource.totalCount).toBe(2);
      expect(key.data!.auditEventsByResource.edges.map(({ node }) => node.eventType)).toEqual([
        'api_key.revoked',
        'api_key.created',
      ]);
      const paged = await server.graphql(
        AuditTestByResource,
        { resourceType: 'API_KEY', resourceId: temporaryKeyId, first: 1 },
        { key: known.key },
      );
      expect(paged.data!.auditEventsByResource.edges.map(({ node }) => node.eventType)).toEqual([
        'api_key.revoked',
      ]);
      expect(paged.data!.auditEventsByResource.pageInfo.hasNextPage).toBe(true);
      const project = await server.graphql(
        AuditTestByResource,
        { resourceType: 'PROJECT', resourceId: alphaId },
        { key: known.key },
      );
      expect(
        project.data!.auditEventsByResource.edges.map(({ node }) => [node.eventType, node.outcome]),
      ).toEqual([['project.created', 'SUCCESS']]);
      // The type is part of the key: the same id under another type is nothing.
      const wrongType = await server.graphql(
        AuditTestByResource,
        { resourceType: 'PROJECT', resourceId: temporaryKeyId },
        { key: known.key },
      );
      expect(wrongType.data!.auditEventsByResource.totalCount).toBe(0);
    });

    it('aggregates exactly as computed by hand, over all time and on each side of the mark', async () => {
      const all = await server.graphql(AuditTestAggregate, {}, { key: known.key });
      expect(all.data!.auditAggregate).toEqual({
        total: 14,
        byActorType: [
          { key: 'api_key', count: 7 },
          { key: 'user', count: 4 },
          { key: 'system', count: 3 },
        ],
        byEventType: [
          { key: 'api_key.created', count: 4 },
          { key: 'app_event.logged', count: 4 },
          { key: 'project.created', count: 4 },
          { key: 'api_key.revoked', count: 1 },
          { key: 'tenant.created', count: 1 },
        ],
        byResourceType: [
          { key: 'api_key', count: 5 },
          { key: 'app_event', count: 4 },
          { key: 'project', count: 4 },
          { key: 'tenant', count: 1 },
        ],
      });
      const before = await server.graphql(
        AuditTestAggregate,
        { to: middle.toISOString() },
        { key: known.key },
      );
      expect(before.data!.auditAggregate).toEqual({
        total: 7,
        byActorType: [
          { key: 'system', count: 3 },
          { key: 'api_key', count: 2 },
          { key: 'user', count: 2 },
        ],
        byEventType: [
          { key: 'project.created', count: 4 },
          { key: 'api_key.created', count: 2 },
          { key: 'tenant.created', count: 1 },
        ],
        byResourceType: [
          { key: 'project', count: 4 },
          { key: 'api_key', count: 2 },
          { key: 'tenant', count: 1 },
        ],
      });
      const after = await server.graphql(
        AuditTestAggregate,
        { from: middle.toISOString(), to: end.toISOString() },
        { key: known.key },
      );
      expect(after.data!.auditAggregate).toEqual({
        total: 7,
        byActorType: [
          { key: 'api_key', count: 5 },
          { key: 'user', count: 2 },
        ],
        byEventType: [
          { key: 'app_event.logged', count: 4 },
          { key: 'api_key.created', count: 2 },
          { key: 'api_key.revoked', count: 1 },
        ],
        byResourceType: [
          { key: 'app_event', count: 4 },
          { key: 'api_key', count: 3 },
        ],
      });
      const empty = await server.graphql(
        AuditTestAggregate,
        { from: end.toISOString() },
        { key: known.key },
      );
      expect(empty.data!.auditAggregate).toEqual({
        total: 0,
        byActorType: [],
        byEventType: [],
        byResourceType: [],
      });
    });

    it('counts successes and failures per actor as computed by hand', async () => {
      const all = await server.graphql(AuditTestStats, {}, { key: known.key });
      expect(all.data!.auditStatsByActor).toEqual([
        { actorId: known.keyId, actorType: 'API_KEY', successes: 6, failures: 1, total: 7 },
        { actorId: person.id, actorType: 'USER', successes: 2, failures: 2, total: 4 },
        { actorId: 'admin', actorType: 'SYSTEM', successes: 3, failures: 0, total: 3 },
      ]);
      const before = await server.graphql(
        AuditTestStats,
        { to: middle.toISOString() },
        { key: known.key },
      );
      expect(before.data!.auditStatsByActor).toEqual([
        { actorId: 'admin', actorType: 'SYSTEM', successes: 3, failures: 0, total: 3 },
        ...[
          { actorId: known.keyId, actorType: 'API_KEY', successes: 1, failures: 1, total: 2 },
          { actorId: person.id, actorType: 'USER', successes: 1, failures: 1, total: 2 },
        ].sort((x, y) => x.actorId.localeCompare(y.actorId)),
      ]);
      const after = await server.graphql(
        AuditTestStats,
        { from: middle.toISOString() },
        { key: known.key },
      );
      expect(after.data!.auditStatsByActor).toEqual([
        { actorId: known.keyId, actorType: 'API_KEY', successes: 5, failures: 0, total: 5 },
        { actorId: person.id, actorType: 'USER', successes: 1, failures: 1, total: 2 },
      ]);
    });

    it('refuses the audit queries without a key, and to the admin key', async () => {
      const anonymous = await server.graphql(AuditTestAggregate, {});
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const admin = await server.graphql(AuditEvents, {}, { key: ADMIN_KEY });
      expect(admin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('REST /api/v1/events', () => {
    const restShape = (node: (typeof listed)['edges'][number]['node']): RestEvent => ({
      actorId: node.actorId,
      actorType: node.actorType.toLowerCase(),
      causationId: node.causationId ?? null,
      correlationId: node.correlationId,
      eventType: node.eventType,
      id: node.id,
      occurredAt: node.occurredAt,
      payload: node.payload as Record<string, unknown>,
      resourceId: node.resourceId,
      resourceType: node.resourceType.toLowerCase(),
      tenantId: node.tenantId,
    });

    it('GET /api/v1/events: the page shape, defaults (limit 100, offset 0) and the same events as GraphQL', async () => {
      const { status, headers, body } = await rest<RestPage>('/api/v1/events', known.key);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toContain('application/json');
      expect(Object.keys(body).sort()).toEqual(REST_PAGE_KEYS);
      expect(body).toMatchObject({ limit: 100, offset: 0, total: 14, hasNext: false });
      for (const event of body.events) expect(Object.keys(event).sort()).toEqual(REST_EVENT_KEYS);
      expect(body.events).toEqual(listed.edges.map(({ node }) => restShape(node)));
    });

    it('GET /api/v1/events: limit, offset and hasNext', async () => {
      const page = async (query: string) => {
        const { status, body } = await rest<RestPage>(`/api/v1/events?${query}`, known.key);
        expect(status, query).toBe(200);
        return {
          ids: body.events.map((event) => event.id),
          hasNext: body.hasNext,
          limit: body.limit,
          offset: body.offset,
          total: body.total,
        };
      };
      const ids = listed.edges.map(({ node }) => node.id);
      expect(await page('limit=5')).toEqual({
        ids: ids.slice(0, 5),
        hasNext: true,
        limit: 5,
        offset: 0,
        total: 14,
      });
      expect(await page('limit=5&offset=5')).toEqual({
        ids: ids.slice(5, 10),
        hasNext: true,
        limit: 5,
        offset: 5,
        total: 14,
      });
      expect(await page('limit=5&offset=10')).toEqual({
        ids: ids.slice(10),
        hasNext: false,
        limit: 5,
        offset: 10,
        total: 14,
      });
      expect(await page('limit=13&offset=0')).toMatchObject({ hasNext: true });
      expect(await page('limit=14')).toMatchObject({ hasNext: false });
      expect(await page('offset=14')).toEqual({
        ids: [],
        hasNext: false,
        limit: 100,
        offset: 14,
        total: 14,
      });
      expect(await page('offset=500&limit=1')).toEqual({
        ids: [],
        hasNext: false,
        limit: 1,
        offset: 500,
        total: 14,
      });
      expect(await page('limit=100')).toMatchObject({ limit: 100, total: 14 });
    });

    it('GET /api/v1/events: filters by event_type, resource_type, resource_id, from and to', async () => {
      const list = async (query: string) =>
        (await rest<RestPage>(`/api/v1/events?${query}`, known.key)).body;
      expect((await list('event_type=project.created')).total).toBe(4);
      expect((await list('resource_type=api_key')).total).toBe(5);
      expect(
        (await list('resource_type=app_event')).events.map((event) => event.resourceId),
      ).toEqual(['fx-user', 'fx-3', 'fx-2', 'fx-1']);
      expect(
        (await list('resource_type=app_event&resource_id=fx-2')).events.map(
          (event) => event.resourceId,
        ),
      ).toEqual(['fx-2']);
      expect(
        (await list(`resource_id=${temporaryKeyId}`)).events.map((event) => event.eventType),
      ).toEqual(['api_key.revoked', 'api_key.created']);
      expect((await list(`to=${encodeURIComponent(middle.toISOString())}`)).total).toBe(7);
      expect((await list(`from=${encodeURIComponent(middle.toISOString())}`)).total).toBe(7);
      expect(
        (
          await list(
            `from=${encodeURIComponent(middle.toISOString())}&to=${encodeURIComponent(end.toISOString())}&event_type=app_event.logged`,
          )
        ).total,
      ).toBe(4);
      expect((await list(`from=${encodeURIComponent(end.toISOString())}`)).total).toBe(0);
      // An explicit offset is the same instant as Z.
      const shifted = new Date(middle.getTime() + 2 * 3600_000)
        .toISOString()
        .replace('Z', '+02:00');
      expect((await list(`from=${encodeURIComponent(shifted)}`)).total).toBe(7);
    });

    it('GET /api/v1/events/aggregate: the counts computed by hand', async () => {
      const all = await rest<Record<string, unknown>>('/api/v1/events/aggregate', known.key);
      expect(all.status).toBe(200);
      expect(Object.keys(all.body).sort()).toEqual([
        'byActorType',
        'byEventType',
        'byResourceType',
        'total',
      ]);
      const graph = await server.graphql(AuditTestAggregate, {}, { key: known.key });
      expect(all.body).toEqual(graph.data!.auditAggregate);
      expect(all.body.total).toBe(14);
      const after = await rest<Record<string, unknown>>(
        `/api/v1/events/aggregate?from=${encodeURIComponent(middle.toISOString())}`,
        known.key,
      );
      expect(after.body).toEqual({
        total: 7,
        byActorType: [
          { key: 'api_key', count: 5 },
          { key: 'user', count: 2 },
        ],
        byEventType: [
          { key: 'app_event.logged', count: 4 },
          { key: 'api_key.created', count: 2 },
          { key: 'api_key.revoked', count: 1 },
        ],
        byResourceType: [
          { key: 'app_event', count: 4 },
          { key: 'api_key', count: 3 },
        ],
      });
      const before = await rest<{ total: number }>(
        `/api/v1/events/aggregate?to=${encodeURIComponent(middle.toISOString())}`,
        known.key,
      );
      expect(before.body.total).toBe(7);
    });

    it('GET /api/v1/events/correlation/{correlation_id}: oldest first, paged', async () => {
      const { status, headers, body } = await rest<RestPage>(
        `/api/v1/events/correlation/${BATCH_CORRELATION}`,
        known.key,
        { 'x-correlation-id': 'rest-reader' },
      );
      expect(status).toBe(200);
      expect(headers.get('x-correlation-id')).toBe('rest-reader');
      expect(Object.keys(body).sort()).toEqual(REST_PAGE_KEYS);
      expect(body).toMatchObject({ limit: 100, offset: 0, total: 3, hasNext: false });
      expect(body.events.map((event) => [event.resourceId, event.correlationId])).toEqual(
        ['fx-1', 'fx-2', 'fx-3'].map((id) => [id, BATCH_CORRELATION]),
      );
      for (const event of body.events) expect(Object.keys(event).sort()).toEqual(REST_EVENT_KEYS);
      const second = await rest<RestPage>(
        `/api/v1/events/correlation/${BATCH_CORRELATION}?limit=2&offset=2`,
        known.key,
      );
      expect(second.body).toMatchObject({ limit: 2, offset: 2, total: 3, hasNext: false });
      expect(second.body.events.map((event) => event.resourceId)).toEqual(['fx-3']);
      const none = await rest<RestPage>('/api/v1/events/correlation/nothing-here', known.key);
      expect(none.body).toEqual({ events: [], hasNext: false, limit: 100, offset: 0, total: 0 });
    });

    it('GET /api/v1/events/resource/{resource_type}/{resource_id}: newest first, paged', async () => {
      const { status, body } = await rest<RestPage>(
        `/api/v1/events/resource/api_key/${temporaryKeyId}`,
        known.key,
      );
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(REST_PAGE_KEYS);
      expect(body).toMatchObject({ limit: 100, offset: 0, total: 2, hasNext: false });
      expect(body.events.map((event) => event.eventType)).toEqual([
        'api_key.revoked',
        'api_key.created',
      ]);
      for (const event of body.events) expect(Object.keys(event).sort()).toEqual(REST_EVENT_KEYS);
      const first = await rest<RestPage>(
        `/api/v1/events/resource/api_key/${temporaryKeyId}?limit=1`,
        known.key,
      );
      expect(first.body).toMatchObject({ limit: 1, total: 2, hasNext: true });
      expect(first.body.events.map((event) => event.eventType)).toEqual(['api_key.revoked']);
      // Application events are named by the client's own id, which need not be a UUID.
      const appEvent = await rest<RestPage>('/api/v1/events/resource/app_event/fx-2', known.key);
      expect(appEvent.body.events.map((event) => [event.eventType, event.resourceId])).toEqual([
        ['app_event.logged', 'fx-2'],
      ]);
      const unknown = await rest<RestPage>(
        `/api/v1/events/resource/project/${MISSING_ID}`,
        known.key,
      );
      expect(unknown).toMatchObject({
        status: 200,
        body: { events: [], total: 0, hasNext: false },
      });
    });

    it('GET /api/v1/events/stats/by-actor: the counts computed by hand', async () => {
      const { status, body } = await rest<{ actors: unknown[] }>(
        '/api/v1/events/stats/by-actor',
        known.key,
      );
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(['actors']);
      expect(body.actors).toEqual([
        { actorId: known.keyId, actorType: 'api_key', successes: 6, failures: 1, total: 7 },
        { actorId: person.id, actorType: 'user', successes: 2, failures: 2, total: 4 },
        { actorId: 'admin', actorType: 'system', successes: 3, failures: 0, total: 3 },
      ]);
      for (const actor of body.actors)
        expect(Object.keys(actor as object).sort()).toEqual([
          'actorId',
          'actorType',
          'failures',
          'successes',
          'total',
        ]);
      const after = await rest<{ actors: unknown[] }>(
        `/api/v1/events/stats/by-actor?from=${encodeURIComponent(middle.toISOString())}`,
        known.key,
      );
      expect(after.body.actors).toEqual([
        { actorId: known.keyId, actorType: 'api_key', successes: 5, failures: 0, total: 5 },
        { actorId: person.id, actorType: 'user', successes: 1, failures: 1, total: 2 },
      ]);
      const empty = await rest<{ actors: unknown[] }>(
        `/api/v1/events/stats/by-actor?from=${encodeURIComponent(end.toISOString())}`,
        known.key,
      );
      expect(empty.body).toEqual({ actors: [] });
    });

    it('GET /api/v1/events/{event_id}: the event; 404 for a missing id', async () => {
      for (const { node } of listed.edges.slice(0, 4)) {
        const { status, body } = await rest<RestEvent>(`/api/v1/events/${node.id}`, known.key);
        expect(status).toBe(200);
        expect(Object.keys(body).sort()).toEqual(REST_EVENT_KEYS);
        expect(body).toEqual(restShape(node));
      }
      const missing = await rest(`/api/v1/events/${MISSING_ID}`, known.key);
      expect(missing).toMatchObject({ status: 404, body: { detail: 'Audit event not found' } });
      expect(Object.keys(missing.body as object)).toEqual(['detail']);
    });

    it('answers every bad parameter with 422 {"detail": [{loc, msg, type}]}', async () => {
      const cases: [string, string[]][] = [
        ['/api/v1/events?limit=0', ['query', 'limit']],
        ['/api/v1/events?limit=101', ['query', 'limit']],
        ['/api/v1/events?limit=abc', ['query', 'limit']],
        ['/api/v1/events?limit=2.5', ['query', 'limit']],
        ['/api/v1/events?offset=-1', ['query', 'offset']],
        ['/api/v1/events?offset=abc', ['query', 'offset']],
        ['/api/v1/events?from=yesterday', ['query', 'from']],
        ['/api/v1/events?to=2024-13-01T00:00:00Z', ['query', 'to']],
        ['/api/v1/events?resource_type=widget', ['query', 'resource_type']],
        ['/api/v1/events/aggregate?from=not-a-date', ['query', 'from']],
        ['/api/v1/events/aggregate?to=2024-01-01T25:00:00Z', ['query', 'to']],
        ['/api/v1/events/stats/by-actor?from=not-a-date', ['query', 'from']],
        [`/api/v1/events/correlation/${BATCH_CORRELATION}?limit=0`, ['query', 'limit']],
        [`/api/v1/events/correlation/${BATCH_CORRELATION}?limit=101`, ['query', 'limit']],
        [`/api/v1/events/correlation/${BATCH_CORRELATION}?offset=-1`, ['query', 'offset']],
        [`/api/v1/events/resource/widget/${MISSING_ID}`, ['path', 'resource_type']],
        [`/api/v1/events/resource/api_key/${MISSING_ID}?limit=0`, ['query', 'limit']],
        [`/api/v1/events/resource/api_key/${MISSING_ID}?offset=-1`, ['query', 'offset']],
        ['/api/v1/events/not-a-uuid', ['path', 'event_id']],
        ['/api/v1/events/00000000-0000-4000-8000-00000000000', ['path', 'event_id']],
      ];
      for (const [path, loc] of cases) {
        const { status, headers, body } = await rest<{
          detail: { loc: string[]; msg: string; type: string }[];
        }>(path, known.key);
        expect(status, path).toBe(422);
        expect(headers.get('content-type'), path).toContain('application/json');
        expect(Object.keys(body), path).toEqual(['detail']);
        expect(body.detail, path).toHaveLength(1);
        expect(body.detail[0], path).toEqual({
          loc,
          msg: expect.any(String),
          type: expect.any(String),
        });
        expect(body.detail[0].msg.length, path).toBeGreaterThan(0);
      }
    });

    it('reads parameters as FastAPI does: a time without an offset is UTC, a date alone is midnight, a repeated parameter takes its last value', async () => {
      const total = async (query: string) => {
        const { status, body } = await rest<RestPage>(`/api/v1/events?${query}`, known.key);
        expect(status, query).toBe(200);
        return body.total;
      };
      const naive = middle.toISOString().slice(0, -1);
      expect(await total(`from=${naive}`)).toBe(7);
      expect(await total(`to=${naive}`)).toBe(7);
      expect(await total(`from=${naive.replace('T', '%20')}`)).toBe(7);
      expect(await total(`from=${naive.replace('T', '_')}`)).toBe(7);
      // Without an offset the time is UTC, not the server's zone: two hours on is after everything.
      expect(
        await total(`from=${new Date(middle.getTime() + 2 * 3600_000).toISOString().slice(0, -1)}`),
      ).toBe(0);
      expect(await total('from=2000-01-01')).toBe(14);
      expect(await total('to=2000-01-01')).toBe(0);
      expect(await total(`to=${end.toISOString().slice(0, 10)}`)).toBe(0);

      const page = async (query: string) =>
        (await rest<RestPage>(`/api/v1/events?${query}`, known.key)).body;
      expect(await page('limit=1&limit=5')).toMatchObject({ limit: 5, total: 14 });
      expect(await page('limit=abc&limit=3&offset=9&offset=1')).toMatchObject({
        limit: 3,
        offset: 1,
      });
      expect((await page('resource_type=widget&resource_type=app_event')).total).toBe(4);
      const stats = await rest<{ actors: unknown[] }>(
        `/api/v1/events/stats/by-actor?from=2000-01-01&from=${encodeURIComponent(end.toISOString())}`,
        known.key,
      );
      expect(stats.body).toEqual({ actors: [] });

      // An event id as pydantic reads a UUID: upper case, without hyphens, as a URN.
      const id = listed.edges[0].node.id;
      for (const form of [id.toUpperCase(), id.replaceAll('-', ''), `urn:uuid:${id}`]) {
        const { status, body } = await rest<RestEvent>(`/api/v1/events/${form}`, known.key);
        expect({ status, id: body.id }, form).toEqual({ status: 200, id });
      }
    });

    it('names each bad parameter as FastAPI does: loc, msg and the pydantic v2 type', async () => {
      const cases: [string, string[], string, unknown][] = [
        [
          '/api/v1/events?limit=0',
          ['query', 'limit'],
          'greater_than_equal',
          'Input should be greater than or equal to 1',
        ],
        [
          '/api/v1/events?limit=101',
          ['query', 'limit'],
          'less_than_equal',
          'Input should be less than or equal to 100',
        ],
        [
          '/api/v1/events?offset=-1',
          ['query', 'offset'],
          'greater_than_equal',
          'Input should be greater than or equal to 0',
        ],
        [
          '/api/v1/events?limit=abc',
          ['query', 'limit'],
          'int_parsing',
          'Input should be a valid integer, unable to parse string as an integer',
        ],
        [
          '/api/v1/events?limit=2.5',
          ['query', 'limit'],
          'int_parsing',
          'Input should be a valid integer, unable to parse string as an integer',
        ],
        [
          '/api/v1/events?resource_type=widget',
          ['query', 'resource_type'],
          'enum',
          expect.stringMatching(
            /^Input should be 'tenant', 'project', 'api_key', ('\w+', )+'\w+' or '\w+'$/,
          ),
        ],
        [
          '/api/v1/events?from=not-a-date',
          ['query', 'from'],
          'datetime_from_date_parsing',
          'Input should be a valid datetime or date, invalid character in year',
        ],
        [
          '/api/v1/events?from=yesterday',
          ['query', 'from'],
          'datetime_from_date_parsing',
          'Input should be a valid datetime or date, input is too short',
        ],
        [
          '/api/v1/events?to=2024-02-30',
          ['query', 'to'],
          'datetime_from_date_parsing',
          'Input should be a valid datetime or date, invalid datetime',
        ],
        [
          '/api/v1/events?to=2024-01-01T25:00:00Z',
          ['query', 'to'],
          'datetime_from_date_parsing',
          'Input should be a valid datetime or date, invalid datetime',
        ],
        [
          '/api/v1/events/not-a-uuid',
          ['path', 'event_id'],
          'uuid_parsing',
          'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1',
        ],
        [
          '/api/v1/events/00000000-0000-4000-8000-00000000000',
          ['path', 'event_id'],
          'uuid_parsing',
          'Input should be a valid UUID, invalid length: expected length 32 for simple format, found 31',
        ],
      ];
      for (const [path, loc, type, msg] of cases) {
        const { status, body } = await rest<{ detail: unknown[] }>(path, known.key);
        expect({ status, body }, path).toEqual({
          status: 422,
          body: { detail: [{ loc, msg, type }] },
        });
      }
    });

    it('answers 401 {"detail"} on every route without a key or with a bad one, 403 to the admin key', async () => {
      const routes = [
        '/api/v1/events',
        '/api/v1/events/aggregate',
        `/api/v1/events/correlation/${BATCH_CORRELATION}`,
        `/api/v1/events/resource/api_key/${temporaryKeyId}`,
        '/api/v1/events/stats/by-actor',
        `/api/v1/events/${listed.edges[0].node.id}`,
      ];
      for (const path of routes) {
        const anonymous = await rest(path, null);
        expect(anonymous, path).toMatchObject({
          status: 401,
          body: { detail: expect.any(String) },
        });
        expect(Object.keys(anonymous.body as object)).toEqual(['detail']);
        const bad = await rest(
          path,
          'sb_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        );
        expect(bad, path).toMatchObject({ status: 401, body: { detail: expect.any(String) } });
        const admin = await rest(path, ADMIN_KEY);
        expect(admin, path).toMatchObject({ status: 403, body: { detail: expect.any(String) } });
      }
      // The key is checked before the parameters.
      expect(await rest('/api/v1/events?limit=0', null)).toMatchObject({ status: 401 });
    });
  });

  describe('tenant isolation', () => {
    const tenantBActors = () => [other.keyId, 'admin'].sort();

    it("shows tenant B none of the known tenant's events in any GraphQL query", async () => {
      const all = await listAll(other.key);
      expect(all.totalCount).toBe(5);
      expect(all.edges.every(({ node }) => node.tenantId === other.tenantId)).toBe(true);
      const knownIds = new Set(listed.edges.map(({ node }) => node.id));
      expect(all.edges.some(({ node }) => knownIds.has(node.id))).toBe(false);
      for (const filter of [
        { actorId: known.keyId },
        { actorId: person.id },
        { resourceId: temporaryKeyId },
        { resourceId: known.tenantId },
      ]) {
        const result = await server.graphql(AuditEvents, { filter }, { key: other.key });
        expect(result.data!.auditEvents.totalCount, JSON.stringify(filter)).toBe(0);
      }
      // B's own event of the same client id is all B sees.
      const sameId = await server.graphql(
        AuditEvents,
        { filter: { resourceId: 'fx-1' } },
        { key: other.key },
      );
      expect(sameId.data!.auditEvents.edges.map(({ node }) => node.tenantId)).toEqual([
        other.tenantId,
      ]);
      for (const { node } of listed.edges) {
        expect(
          (await server.graphql(AuditTestById, { id: node.id }, { key: other.key })).data!
            .auditEvent,
        ).toBeNull();
      }
      const correlation = await server.graphql(
        AuditTestByCorrelation,
        { correlationId: BATCH_CORRELATION },
        { key: other.key },
      );
      expect(
        correlation.data!.auditEventsByCorrelation.edges.map(({ node }) => [
          node.tenantId,
          node.resourceId,
        ]),
      ).toEqual([[other.tenantId, 'fx-1']]);
      expect(
        (
          await server.graphql(
            AuditTestByCorrelation,
            { correlationId: alphaCorrelation },
            { key: other.key },
          )
        ).data!.auditEventsByCorrelation.totalCount,
      ).toBe(0);
      const resource = await server.graphql(
        AuditTestByResource,
        { resourceType: 'API_KEY', resourceId: temporaryKeyId },
        { key: other.key },
      );
      expect(resource.data!.auditEventsByResource.totalCount).toBe(0);
      const aggregate = await server.graphql(AuditTestAggregate, {}, { key: other.key });
      expect(aggregate.data!.auditAggregate).toEqual({
        total: 5,
        byActorType: [
          { key: 'api_key', count: 3 },
          { key: 'system', count: 2 },
        ],
        byEventType: [
          { key: 'project.created', count: 2 },
          { key: 'api_key.created', count: 1 },
          { key: 'app_event.logged', count: 1 },
          { key: 'tenant.created', count: 1 },
        ],
        byResourceType: [
          { key: 'project', count: 2 },
          { key: 'api_key', count: 1 },
          { key: 'app_event', count: 1 },
          { key: 'tenant', count: 1 },
        ],
      });
      const stats = await server.graphql(AuditTestStats, {}, { key: other.key });
      expect(stats.data!.auditStatsByActor).toEqual([
        { actorId: other.keyId, actorType: 'API_KEY', successes: 3, failures: 0, total: 3 },
        { actorId: 'admin', actorType: 'SYSTEM', successes: 2, failures: 0, total: 2 },
      ]);
    });

    it("shows tenant B none of the known tenant's events on any REST route; a foreign id answers like a missing one", async () => {
      const list = await rest<RestPage>('/api/v1/events', other.key);
      expect(list.body.total).toBe(5);
      expect(list.body.events.every((event) => event.tenantId === other.tenantId)).toBe(true);
      expect(
        (await rest<RestPage>(`/api/v1/events?resource_id=${temporaryKeyId}`, other.key)).body
          .total,
      ).toBe(0);
      expect(
        (await rest<{ total: number }>('/api/v1/events/aggregate', other.key)).body.total,
      ).toBe(5);
      const correlation = await rest<RestPage>(
        `/api/v1/events/correlation/${BATCH_CORRELATION}`,
        other.key,
      );
      expect(correlation.body.events.map((event) => [event.tenantId, event.resourceId])).toEqual([
        [other.tenantId, 'fx-1'],
      ]);
      expect(
        (await rest<RestPage>(`/api/v1/events/resource/api_key/${temporaryKeyId}`, other.key)).body
          .total,
      ).toBe(0);
      expect(
        (await rest<RestPage>(`/api/v1/events/resource/project/${alphaId}`, other.key)).body.total,
      ).toBe(0);
      const stats = await rest<{ actors: { actorId: string }[] }>(
        '/api/v1/events/stats/by-actor',
        other.key,
      );
      expect(stats.body.actors.map((actor) => actor.actorId).sort()).toEqual(tenantBActors());
      const missing = await rest(`/api/v1/events/${MISSING_ID}`, other.key);
      for (const { node } of listed.edges) {
        const foreign = await rest(`/api/v1/events/${node.id}`, other.key);
        expect(foreign.status).toBe(404);
        expect(foreign.body).toEqual(missing.body);
      }
      expect(missing).toMatchObject({ status: 404, body: { detail: 'Audit event not found' } });
    });
  });
});

describe('auditEventRecorded subscription', () => {
  it('delivers each filter exactly what it selects, as stored', async () => {
    const live = await server.newTenant('audit-live');
    const client = server.wsClient(live.key);
    const projects = subscribe(client, AuditTestRecorded, {
      filter: { eventType: 'project.created' },
    });
    const oneEvent = subscribe(server.wsClient(live.key), AuditTestRecorded, {
      filter: { resourceType: 'APP_EVENT', resourceId: 'live-2' },
    });
    const byActor = subscribe(server.wsClient(live.key), AuditTestRecorded, {
      filter: { actorId: live.keyId, resourceType: 'APP_EVENT' },
    });
    const future = subscribe(server.wsClient(live.key), AuditTestRecorded, {
      filter: { from: new Date(Date.now() + 3600_000).toISOString() },
    });
    const everything = subscribe(server.wsClient(live.key), AuditTestRecorded, {});
    const subscribers = [projects, oneEvent, byActor, future, everything];
    await Promise.all(subscribers.map((subscriber) => subscriber.started));
    await pause(300);

    await server.graphql(LogEvent, { input: { id: 'live-1', type: 'live' } }, { key: live.key });
    await server.graphql(CreateProject, { name: 'live' }, { key: live.key });
    expect(
      (await server.graphql(CreateProject, { name: 'live' }, { key: live.key })).errors?.[0]
        .extensions?.code,
    ).toBe('CONFLICT');
    await server.graphql(
      LogEvent,
      { input: { id: 'live-2', type: 'live' } },
      { key: live.key, headers: { 'x-correlation-id': 'live-correlation' } },
    );

    await eventually(
      () =>
        everything.received.length >= 4 &&
        projects.received.length >= 2 &&
        oneEvent.received.length >= 1 &&
        byActor.received.length >= 2,
      'the live audit events',
    );
    await pause(200);
    expect(subscribers.map((subscriber) => subscriber.received.length)).toEqual([2, 1, 2, 0, 4]);
    for (const subscriber of subscribers) {
      expect(subscriber.received.every((message) => !message.errors)).toBe(true);
      expect(subscriber.failure).toBeUndefined();
    }
    const events = (subscriber: (typeof subscribers)[number]) =>
      subscriber.received.map((message) => message.data!.auditEventRecorded);
    expect(
      events(everything).map((event) => [
        event.eventType,
        event.resourceId === 'live-1' || event.resourceId === 'live-2'
          ? event.resourceId
          : 'project',
        event.outcome,
      ]),
    ).toEqual([
      ['app_event.logged', 'live-1', 'SUCCESS'],
      ['project.created', 'project', 'SUCCESS'],
      ['project.created', 'project', 'FAILURE'],
      ['app_event.logged', 'live-2', 'SUCCESS'],
    ]);
    expect(events(projects).map((event) => event.outcome)).toEqual(['SUCCESS', 'FAILURE']);
    expect(events(oneEvent)).toEqual([
      expect.objectContaining({
        resourceId: 'live-2',
        correlationId: 'live-correlation',
        actorId: live.keyId,
        actorType: 'API_KEY',
        tenantId: live.tenantId,
      }),
    ]);
    expect(events(byActor).map((event) => event.resourceId)).toEqual(['live-1', 'live-2']);
    // What is delivered is what is stored.
    for (const delivered of events(everything)) {
      const stored = await server.graphql(AuditTestById, { id: delivered.id }, { key: live.key });
      expect(stored.data!.auditEvent).toEqual(delivered);
    }
  });

  it("delivers none of another tenant's events, whatever the filter", async () => {
    const a = await server.newTenant('audit-sub-a');
    const b = await server.newTenant('audit-sub-b');
    const control = subscribe(server.wsClient(a.key), AuditTestRecorded, {});
    const bAll = subscribe(server.wsClient(b.key), AuditTestRecorded, {});
    const bByActor = subscribe(server.wsClient(b.key), AuditTestRecorded, {
      filter: { actorId: a.keyId },
    });
    const bByResource = subscribe(server.wsClient(b.key), AuditTestRecorded, {
      filter: { resourceType: 'APP_EVENT', resourceId: 'shared' },
    });
    await Promise.all(
      [control, bAll, bByActor, bByResource].map((subscriber) => subscriber.started),
    );
    await pause(300);
    await server.graphql(LogEvent, { input: { id: 'shared', type: 'secret' } }, { key: a.key });
    await server.graphql(CreateProject, { name: 'secret' }, { key: a.key });
    await server.graphql(CreateProject, { name: 'secret' }, { key: a.key });
    await eventually(
      () => control.received.length >= 3,
      "tenant A's own subscriber to receive its events",
    );
    await pause(200);
    expect(control.received.map((message) => message.data!.auditEventRecorded.tenantId)).toEqual([
      a.tenantId,
      a.tenantId,
      a.tenantId,
    ]);
    expect(bAll.received).toEqual([]);
    expect(bByActor.received).toEqual([]);
    expect(bByResource.received).toEqual([]);
  });
});
