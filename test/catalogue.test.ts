import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadJsonSchema } from '../src/kernel/events.ts';
import { catalogue } from '../src/modules/catalogue.ts';
import { graphql } from './gql/index.ts';
import { CreateApiKey, CreateProject, LogEvent } from './support/operations.ts';
import { eventually, startServer, type TestServer } from './support/switchboard.ts';

const CatalogueEventTypes = graphql(`
  query CatalogueEventTypes {
    webhookEventTypes {
      name
      description
      aliases
      resourceType
      schema
      example
    }
  }
`);
const CatalogueAuditTypes = graphql(`
  query CatalogueAuditTypes {
    auditAggregate {
      byEventType {
        key
        count
      }
    }
    auditStatsByActor {
      actorId
      successes
      failures
    }
  }
`);
const CatalogueRevokeKey = graphql(`
  mutation CatalogueRevokeKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
    }
  }
`);
const CatalogueCredential = graphql(`
  mutation CatalogueCredential($name: String!) {
    createCredential(name: $name) {
      credential {
        id
      }
    }
  }
`);
const CatalogueRotateCredential = graphql(`
  mutation CatalogueRotateCredential($id: ID!) {
    rotateCredential(id: $id) {
      secret
    }
  }
`);
const CatalogueDeleteCredential = graphql(`
  mutation CatalogueDeleteCredential($id: ID!) {
    deleteCredential(id: $id) {
      id
    }
  }
`);

const CatalogueChain = graphql(`
  query CatalogueChain($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId, first: 50) {
      edges {
        node {
          id
          eventType
          causationId
          cause {
            id
            eventType
          }
        }
      }
    }
  }
`);

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Every request received, by path. */
class Receiver {
  readonly received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  private readonly server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      this.received.push({ path: request.url!, headers: request.headers, body });
      response.writeHead(200).end();
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop = () => this.server.close();
}

describe('the event catalogue', () => {
  // Formats are annotations here: a date's `date-time` is checked by the event's own schema.
  const ajv = new Ajv2020({ strict: false, validateFormats: false });

  it.each(catalogue.events.map((event) => [event.name, event] as const))(
    '%s: its example matches its schema and its JSON Schema',
    (_name, event) => {
      expect(event.payload.safeParse(event.example).error).toBeUndefined();
      const validate = ajv.compile(payloadJsonSchema(event));
      const delivered = JSON.parse(JSON.stringify(event.example)) as unknown;
      expect(validate(delivered), ajv.errorsText(validate.errors)).toBe(true);
    },
  );
});

describe('the catalogue served, and every audit event in it', () => {
  let server: TestServer;
  let tenant: { tenantId: string; key: string; keyId: string };
  const receiver = new Receiver();
  const rest = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    await receiver.start();
    server = await startServer({
      env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback', DELIVERY_POLL_MS: '50' },
    });
    tenant = await server.newTenant('catalogue');
  });
  afterAll(async () => {
    await server?.stop();
    receiver.stop();
  });

  it('serves every webhook event in REST and GraphQL, with its schema and example', async () => {
    const expected = catalogue.events.filter((event) => event.webhook).map((event) => event.name);
    const listed = await rest('GET', '/run/v1/webhooks/event-types');
    expect(listed.status).toBe(200);
    const { data } = (await listed.json()) as {
      data: { name: string; schemas: Record<string, object>; example: unknown }[];
    };
    expect(data.map((type) => type.name).sort()).toEqual([...expected].sort());
    const types = (await server.graphql(CatalogueEventTypes, {}, { key: tenant.key })).data!
      .webhookEventTypes;
    expect(types.map((type) => type.name).sort()).toEqual([...expected].sort());
    for (const type of types) {
      const served = data.find((entry) => entry.name === type.name)!;
      expect(served.schemas['1']).toEqual(type.schema);
      expect(served.example).toEqual(type.example);
      expect(type.description).not.toBe('');
    }
    expect(types.find((type) => type.name === 'app_event.logged')!.aliases).toEqual([
      'event.created',
    ]);
  });

  it('records only catalogue names, refusals as failures, and delivers by name and by alias', async () => {
    const { key } = tenant;
    let refusals = 0;
    const refused = async (answer: Promise<{ errors?: unknown[] }>) => {
      expect((await answer).errors).toBeDefined();
      refusals++;
    };
    // Tenancy: a project, its duplicate, a key, one for a missing project, a revocation, a missing one.
    await server.graphql(CreateProject, { name: 'shop' }, { key });
    await refused(server.graphql(CreateProject, { name: 'shop' }, { key }));
    const apiKey = await server.graphql(CreateApiKey, { name: 'spare' }, { key });
    await refused(server.graphql(CreateApiKey, { name: 'lost', projectId: MISSING }, { key }));
    await server.graphql(CatalogueRevokeKey, { id: apiKey.data!.createApiKey.apiKey.id }, { key });
    await refused(server.graphql(CatalogueRevokeKey, { id: MISSING }, { key }));
    // Credentials: created, rotated, deleted; a missing one refused.
    const credential = await server.graphql(CatalogueCredential, { name: 'signing' }, { key });
    const credentialId = credential.data!.createCredential.credential.id;
    await server.graphql(CatalogueRotateCredential, { id: credentialId }, { key });
    await server.graphql(CatalogueDeleteCredential, { id: credentialId }, { key });
    await refused(server.graphql(CatalogueDeleteCredential, { id: MISSING }, { key }));
    // Deliveries: an unknown event type is refused clearly; one endpoint per name of one event.
    const unknown = await rest('POST', '/run/v1/webhooks/endpoints', {
      url: `${receiver.url}/x`,
      eventTypes: ['app_event.logged', 'order.shipped'],
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('"order.shipped"') },
    });
    refusals++;
    for (const name of ['app_event.logged', 'event.created']) {
      const created = await rest('POST', '/run/v1/webhooks/endpoints', {
        url: `${receiver.url}/${name}`,
        eventTypes: [name],
      });
      expect(created.status).toBe(201);
    }
    const missing = await rest('PATCH', `/run/v1/webhooks/endpoints/${MISSING}`, {
      enabled: false,
    });
    expect(missing.status).toBe(404);
    refusals++;
    // Events: one logged, delivered under each name subscribed to, with one webhook id.
    const headers = { 'x-correlation-id': 'catalogue-chain' };
    await server.graphql(
      LogEvent,
      { input: { id: 'cat-1', type: 'order.placed' } },
      { key, headers },
    );
    await eventually(() => receiver.received.length === 2, 'both deliveries');
    const byPath = Object.fromEntries(receiver.received.map((request) => [request.path, request]));
    for (const name of ['app_event.logged', 'event.created']) {
      expect(JSON.parse(byPath[`/${name}`].body)).toMatchObject({
        type: name,
        data: { id: 'cat-1' },
      });
    }
    expect(byPath['/event.created'].headers['webhook-id']).toBe(
      byPath['/app_event.logged'].headers['webhook-id'],
    );

    const audit = await eventually(async () => {
      const answer = (await server.graphql(CatalogueAuditTypes, {}, { key })).data!;
      const types = answer.auditAggregate.byEventType.map((count) => count.key);
      return types.includes('webhook_delivery.succeeded') && answer;
    }, 'the delivery outcomes to be audited');
    for (const { key: eventType } of audit.auditAggregate.byEventType) {
      expect(catalogue.find(eventType)?.name, eventType).toBe(eventType);
    }
    const mine = audit.auditStatsByActor.find((stats) => stats.actorId === tenant.keyId)!;
    expect(mine.failures).toBe(refusals);
  });

  it('returns a correlation’s chain cause before effect: the event, then its deliveries', async () => {
    const chain = await eventually(async () => {
      const answer = await server.graphql(
        CatalogueChain,
        { correlationId: 'catalogue-chain' },
        { key: tenant.key },
      );
      const nodes = answer.data!.auditEventsByCorrelation.edges.map(({ node }) => node);
      return nodes.length === 3 && nodes;
    }, 'the event and its two delivery outcomes');
    const [logged, ...outcomes] = chain;
    expect(logged).toMatchObject({ eventType: 'app_event.logged', causationId: null, cause: null });
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        eventType: 'webhook_delivery.succeeded',
        causationId: logged.id,
        cause: { id: logged.id, eventType: 'app_event.logged' },
      });
    }
    const listed = await rest('GET', '/api/v1/events/correlation/catalogue-chain');
    const { events } = (await listed.json()) as { events: { id: string; causationId: string }[] };
    expect(events.map((event) => [event.id, event.causationId])).toEqual(
      chain.map((event) => [event.id, event.causationId]),
    );
  });
});
