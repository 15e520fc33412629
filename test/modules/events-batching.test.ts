// Group commit: concurrent single-event requests of one scope share a transaction, yet each gets
// its own answer, audit row, refusal and live event.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import {
  AppEventLogged,
  AppEvents,
  AuditEvents,
  CreateApiKey,
  CreateProject,
} from '../support/operations.ts';
import {
  ADMIN_KEY,
  eventually,
  startServer,
  subscribe,
  type TestServer,
} from '../support/switchboard.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';

const LogEventConcurrently = graphql(`
  mutation LogEventConcurrently($input: LogEventInput!) {
    logEvent(input: $input) {
      created
      event {
        id
        type
      }
    }
  }
`);

const CreateBatchEndpoint = graphql(`
  mutation CreateBatchEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const BatchDeliveries = graphql(`
  query BatchDeliveries($filter: WebhookDeliveryFilter) {
    webhookDeliveries(filter: $filter, first: 50) {
      edges {
        node {
          eventType
          payload
        }
      }
    }
  }
`);

let server: TestServer;
let tenant: { tenantId: string; key: string; keyId: string };

beforeAll(async () => {
  // Deliveries go to a closed local port: only the rows queued with each event are looked at.
  server = await startServer({ env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback' } });
  tenant = await server.newTenant('batching');
});
afterAll(() => server?.stop());

const postEvent = (body: unknown, key = tenant.key, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/run/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

async function newKey(name: string, projectId?: string) {
  const created = await server.graphql(
    CreateApiKey,
    { name, tenantId: tenant.tenantId, projectId },
    { key: ADMIN_KEY },
  );
  return created.data!.createApiKey;
}

describe('group commit of single events', () => {
  it('answers 201 once and 200 to every other request that repeats an id at the same time', async () => {
    const rest = range(6).map((n) => postEvent({ id: 'evt-raced', type: `rest-${n}` }));
    const overGraphQL = range(6).map((n) =>
      server.graphql(
        LogEventConcurrently,
        { input: { id: 'evt-raced', type: `graphql-${n}` } },
        { key: tenant.key },
      ),
    );
    const responses = await Promise.all(rest);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    const results = await Promise.all(overGraphQL);
    const created = [
      ...responses.filter((response) => response.status === 201),
      ...results.filter((result) => result.data?.logEvent.created),
    ];
    expect(created).toHaveLength(1);
    expect(responses.every((response) => [200, 201].includes(response.status))).toBe(true);
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    // Every answer names the one stored event.
    const types = new Set([
      ...bodies.map((body) => body.data.type),
      ...results.map((result) => result.data!.logEvent.event.type),
    ]);
    expect(types.size).toBe(1);
    const stored = await server.graphql(
      AppEvents,
      { filter: { type: [...types][0] } },
      { key: tenant.key },
    );
    expect(stored.data!.appEvents.totalCount).toBe(1);
    // Only the event that was stored has an audit row.
    const audit = await server.graphql(
      AuditEvents,
      { filter: { resourceId: 'evt-raced', eventType: 'app_event.logged' } },
      { key: tenant.key },
    );
    expect(audit.data!.auditEvents.edges).toHaveLength(1);
  });

  it('gives each event its own audit row, with its own actor and correlation id', async () => {
    const other = await newKey('second service');
    const keys = [
      { key: tenant.key, keyId: tenant.keyId },
      { key: other.secret, keyId: other.apiKey.id },
    ];
    const sent = range(12).map((n) => ({ id: `evt-audited-${n}`, ...keys[n % 2] }));
    const responses = await Promise.all(
      sent.map(({ id, key }) =>
        postEvent({ id, type: 'audited' }, key, { 'x-correlation-id': `corr-${id}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(sent.map(() => 201));
    for (const { id, keyId } of sent) {
      const audit = await server.graphql(
        AuditEvents,
        { filter: { resourceId: id, eventType: 'app_event.logged' } },
        { key: tenant.key },
      );
      expect(audit.data!.auditEvents.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({
          actorId: keyId,
          correlationId: `corr-${id}`,
          outcome: 'SUCCESS',
        }),
      ]);
    }
  });

  it('refuses alone a request whose id another project holds, next to good ones', async () => {
    const project = await server.graphql(
      CreateProject,
      { name: 'batching project', tenantId: tenant.tenantId },
      { key: ADMIN_KEY },
    );
    const projectKey = await newKey('project service', project.data!.createProject.id);
    expect((await postEvent({ id: 'evt-tenant-wide', type: 'taken' })).status).toBe(201);
    const [taken, invalid, ...good] = await Promise.all([
      postEvent({ id: 'evt-tenant-wide', type: 'project' }, projectKey.secret),
      postEvent({ id: 'evt-invalid', type: '' }, projectKey.secret),
      ...range(5).map((n) =>
        postEvent({ id: `evt-project-${n}`, type: 'project' }, projectKey.secret),
      ),
    ]);
    expect(taken.status).toBe(409);
    expect(invalid.status).toBe(400);
    expect(good.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    const stored = await server.graphql(
      AppEvents,
      { filter: { type: 'project' } },
      { key: projectKey.secret },
    );
    expect(stored.data!.appEvents.totalCount).toBe(5);
    const refusal = await server.graphql(
      AuditEvents,
      { filter: { resourceId: 'evt-tenant-wide', eventType: 'app_event.logged' } },
      { key: tenant.key },
    );
    expect(refusal.data!.auditEvents.edges.map((edge) => edge.node.outcome).sort()).toEqual([
      'FAILURE',
      'SUCCESS',
    ]);
  });

  it('publishes every event of a batch to live subscribers', async () => {
    const subscriber = subscribe(server.wsClient(tenant.key), AppEventLogged, {
      filter: { type: 'live-batch' },
    });
    await subscriber.started;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = range(10).map((n) => `evt-live-${n}`);
    await Promise.all(ids.map((id) => postEvent({ id, type: 'live-batch' })));
    await eventually(() => subscriber.received.length >= ids.length, 'every live event');
    const received = subscriber.received.map((message) => message.data!.appEventLogged.id);
    expect(received.sort()).toEqual([...ids].sort());
  });

  it.skipIf(!testRedisUrl())(
    'publishes a batch of events as one Redis message per topic, each payload intact',
    async () => {
      const prefix = testRedisPrefix();
      const published = await startServer({ redisPrefix: prefix });
      const redis = new Redis(testRedisUrl()!);
      try {
        const { key, tenantId } = await published.newTenant('one message');
        const messages: { channel: string; message: string }[] = [];
        redis.on('pmessage', (_pattern, channel: string, message: string) =>
          messages.push({ channel, message }),
        );
        await redis.psubscribe(`${prefix}*`);
        const ids = range(10).map((n) => `evt-message-${n}`);
        const responses = await Promise.all(
          ids.map((id) =>
            fetch(`${published.url}/run/v1/events`, {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify({ id, type: 'one-message' }),
            }),
          ),
        );
        expect(responses.map((response) => response.status)).toEqual(ids.map(() => 201));
        const payloadsOf = (topic: string) =>
          messages
            .filter(({ channel }) => channel === `${prefix}${topic}:${tenantId}`)
            .map(({ message }) => JSON.parse(message) as unknown)
            .map((decoded) => (Array.isArray(decoded) ? decoded : [decoded]));
        const resourceIds = () =>
          payloadsOf('auditEventRecorded')
            .flat()
            .map((payload) => (payload as { resourceId: string }).resourceId);
        await eventually(() => resourceIds().length >= ids.length, 'every audit event');
        await eventually(
          () => payloadsOf('app_event.logged').flat().length >= ids.length,
          'every live event',
        );
        expect(resourceIds().sort()).toEqual([...ids].sort());
        const logged = payloadsOf('app_event.logged').flat() as { id: string; type: string }[];
        expect(logged.map((event) => event.id).sort()).toEqual([...ids].sort());
        expect(logged.every((event) => event.type === 'one-message')).toBe(true);
        // Group commit made fewer batches than events, and each batch is one message per topic.
        expect(payloadsOf('auditEventRecorded').length).toBeLessThan(ids.length);
        expect(payloadsOf('app_event.logged').length).toBeLessThan(ids.length);
      } finally {
        await redis.quit();
        await published.stop();
        await cleanRedisPrefix(prefix);
      }
    },
  );

  it('queues each event of a batch for exactly the endpoints that want it', async () => {
    const endpoint = async (input: Record<string, unknown>) => {
      const created = await server.graphql(
        CreateBatchEndpoint,
        { input: { url: 'http://127.0.0.1:9/hook', eventTypes: ['EVENT_CREATED'], ...input } },
        { key: tenant.key },
      );
      return created.data!.createWebhookEndpoint.endpoint.id;
    };
    const forAgent = await endpoint({ agentId: 'agent-a' });
    const forType = await endpoint({ appEventTypes: ['wanted'] });
    const sent = [
      { id: 'evt-routed-1', type: 'wanted', agentId: 'agent-a' },
      { id: 'evt-routed-2', type: 'wanted', agentId: 'agent-b' },
      { id: 'evt-routed-3', type: 'unwanted', agentId: 'agent-a' },
      { id: 'evt-routed-4', type: 'unwanted', agentId: 'agent-b' },
    ];
    await Promise.all(sent.map((event) => postEvent(event)));
    const queued = async (endpointId: string) => {
      const list = await server.graphql(
        BatchDeliveries,
        { filter: { endpointId } },
        { key: tenant.key },
      );
      return list.data!.webhookDeliveries.edges.map(({ node }) => {
        expect(node.eventType).toBe('event.created');
        expect(node.payload).toMatchObject({ type: 'event.created' });
        return (node.payload as { data: { id: string } }).data.id;
      });
    };
    expect((await queued(forAgent)).sort()).toEqual(['evt-routed-1', 'evt-routed-3']);
    expect((await queued(forType)).sort()).toEqual(['evt-routed-1', 'evt-routed-2']);
  });

  it('writes the events, their audit rows and their deliveries in one statement, without a transaction', async () => {
    const statements: string[] = [];
    const counted = await startServer({ onQuery: (sql) => statements.push(sql) });
    try {
      const { key } = await counted.newTenant('one statement');
      const post = (id: string) =>
        fetch(`${counted.url}/run/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id, type: 'one-statement' }),
        });
      // The key is read (and cached) by the first request.
      expect((await post('evt-first')).status).toBe(201);
      statements.length = 0;
      const responses = await Promise.all(range(8).map((n) => post(`evt-one-statement-${n}`)));
      expect(responses.map((response) => response.status)).toEqual(range(8).map(() => 201));
      const writes = statements.filter((sql) =>
        /INSERT INTO "(AppEvent|AuditEvent|WebhookDelivery)"/.test(sql),
      );
      expect(writes.length).toBeGreaterThan(0);
      for (const sql of writes) {
        for (const table of ['AppEvent', 'AuditEvent', 'WebhookDelivery'])
          expect(sql).toContain(`INSERT INTO "${table}"`);
      }
      expect(statements.filter((sql) => /^\s*(BEGIN|COMMIT)\b/i.test(sql))).toEqual([]);
    } finally {
      await counted.stop();
    }
  });
});
