import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { graphql } from './gql/index.ts';
import { AppEventLogged, LogEvent } from './support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from './support/switchboard.ts';

/**
 * Tenant isolation, checked for every query, subscription and REST route: a key of tenant B sees
 * nothing of tenant A, and A's ids answer B exactly like ids that do not exist. The coverage lists
 * below are compared with the schema and the OpenAPI document, so a new field or route fails here
 * until it is added.
 */

const EverythingB = graphql(`
  query EverythingVisible(
    $auditId: ID!
    $correlationId: String!
    $resourceId: String!
    $llmEventId: ID!
    $executionId: ID!
    $agentIdOfA: ID!
  ) {
    viewer {
      tenantId
    }
    tenant {
      id
    }
    projects {
      id
    }
    apiKeys {
      totalCount
      edges {
        node {
          id
        }
      }
    }
    appEvents(first: 100) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
    auditEvents(first: 100) {
      totalCount
      edges {
        node {
          tenantId
          resourceId
        }
      }
    }
    auditEvent(id: $auditId) {
      id
    }
    auditEventsByCorrelation(correlationId: $correlationId) {
      totalCount
    }
    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {
      totalCount
    }
    auditAggregate {
      total
      byEventType {
        key
      }
    }
    auditStatsByActor {
      actorId
    }
    llmEvents(first: 100) {
      totalCount
    }
    llmEvent(id: $llmEventId) {
      id
    }
    session(id: "a-session") {
      sessionId
    }
    person(id: "a-person") {
      personId
    }
    agent(name: "a-agent") {
      name
    }
    agents {
      name
    }
    telemetryUsage {
      count
    }
    execution(id: $executionId) {
      id
    }
    executions(first: 10) {
      totalCount
    }
    conversation(id: "a-conversation") {
      conversationId
    }
    triggers(agentId: $agentIdOfA) {
      totalCount
    }
    trigger(agentId: $agentIdOfA, id: "a-trigger") {
      id
    }
    credentials {
      id
    }
    webhookEndpoints {
      id
    }
    webhookDeliveries {
      totalCount
    }
  }
`);

const CreateEndpointOfA = graphql(`
  mutation CreateEndpointOfA {
    createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hook", eventTypes: [EVENT_CREATED] }) {
      endpoint {
        id
      }
    }
  }
`);

const DeliveriesOf = graphql(`
  subscription DeliveriesOf($endpointId: ID!) {
    webhookDeliveryUpdated(endpointId: $endpointId) {
      id
    }
  }
`);

const CreateAgentOfA = graphql(`
  mutation CreateAgentOfA {
    createAgent(name: "a-trigger-agent") {
      id
    }
  }
`);

const TriggerInvocationsOf = graphql(`
  subscription TriggerInvocationsOf($agentId: ID!, $triggerId: String!) {
    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {
      id
    }
  }
`);

const CreateExecutionOfA = graphql(`
  mutation CreateExecutionOfA {
    createExecution(
      input: { conversationId: "a-conversation", messages: [{ role: "user", content: "secret" }] }
    ) {
      id
    }
  }
`);

const ExecutionEventsOf = graphql(`
  subscription ExecutionEventsOf($executionId: ID!) {
    executionEvents(executionId: $executionId) {
      __typename
    }
  }
`);

const ExecutionUpdatedAny = graphql(`
  subscription ExecutionUpdatedAny {
    executionUpdated {
      id
    }
  }
`);

const RecordLlmEventOfA = graphql(`
  mutation RecordLlmEventOfA($fingerprintId: ID!) {
    createLlmEvent(
      input: {
        fingerprintId: $fingerprintId
        properties: {}
        agent: "a-agent"
        agentVersion: "a-v1"
        person: "a-person"
        session: "a-session"
      }
    ) {
      id
    }
  }
`);

const LlmEventRecordedAny = graphql(`
  subscription LlmEventRecordedAny {
    llmEventRecorded {
      id
    }
  }
`);

const AuditEventRecordedAny = graphql(`
  subscription AuditEventRecordedAny {
    auditEventRecorded {
      tenantId
      resourceId
    }
  }
`);

const coveredQueries = [
  'viewer',
  'tenant',
  'projects',
  'apiKeys',
  'appEvents',
  'auditEvents',
  'auditEvent',
  'auditEventsByCorrelation',
  'auditEventsByResource',
  'auditAggregate',
  'auditStatsByActor',
  'llmEvents',
  'llmEvent',
  'session',
  'person',
  'agent',
  'agents',
  'telemetryUsage',
  'execution',
  'executions',
  'conversation',
  'triggers',
  'trigger',
  'credentials',
  'webhookEndpoints',
  'webhookDeliveries',
  // The event catalogue: the same for every tenant, it holds no tenant's data.
  'webhookEventTypes',
  // Covered by test/graphql-conventions.test.ts: another tenant's global ids and invocation ids answer null.
  'node',
  'nodes',
  'triggerInvocation',
];
const coveredSubscriptions = [
  'appEventLogged',
  'auditEventRecorded',
  'llmEventRecorded',
  'executionEvents',
  'executionUpdated',
  'triggerInvocationUpdated',
  'webhookDeliveryUpdated',
];

let server: TestServer;
let a: { tenantId: string; key: string; keyId: string };
let b: { tenantId: string; key: string; keyId: string };
const correlationId = 'isolation-correlation';
let auditIdOfA: string;
let fingerprintOfA: string;
let llmEventOfA: string;
let executionOfA: string;
let agentIdOfA: string;
let endpointOfA: string;
const fingerprintContent = { language: 'python', language_version: '3.12', system: 'linux' };

beforeAll(async () => {
  server = await startServer();
  a = await server.newTenant('a');
  b = await server.newTenant('b');
  await server.graphql(
    LogEvent,
    { input: { id: 'shared-id', type: 'secret', properties: { owner: 'a' } } },
    { key: a.key, headers: { 'x-correlation-id': correlationId } },
  );
  const audit = await server.switchboard.services.prisma.auditEvent.findFirstOrThrow({
    where: { tenantId: a.tenantId, resourceId: 'shared-id' },
  });
  auditIdOfA = audit.id;
  fingerprintOfA = (
    await (await rest('POST', '/telemetry/v1/fingerprints', fingerprintContent, a.key)).json()
  ).fingerprint_id;
  const recorded = await server.graphql(
    RecordLlmEventOfA,
    { fingerprintId: fingerprintOfA },
    { key: a.key },
  );
  llmEventOfA = recorded.data!.createLlmEvent.id;
  executionOfA = (await server.graphql(CreateExecutionOfA, {}, { key: a.key })).data!
    .createExecution.id;
  agentIdOfA = (await server.graphql(CreateAgentOfA, {}, { key: a.key })).data!.createAgent.id;
  endpointOfA = (await server.graphql(CreateEndpointOfA, {}, { key: a.key })).data!
    .createWebhookEndpoint.endpoint.id;
  expect(
    (
      await rest(
        'POST',
        `/manage/tenants/${a.tenantId}/projects/default/credentials`,
        { name: 'a-secret' },
        a.key,
      )
    ).status,
  ).toBe(201);
  const trigger = await rest(
    'POST',
    `/manage/tenants/${a.tenantId}/projects/default/agents/${agentIdOfA}/triggers`,
    { id: 'a-trigger', name: 'A' },
    a.key,
  );
  expect(trigger.status).toBe(201);
});
afterAll(() => server?.stop());

describe('tenant isolation', () => {
  it('covers every query and subscription of the schema', () => {
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(
      [...coveredQueries].sort(),
    );
    expect(Object.keys(schema.getSubscriptionType()!.getFields()).sort()).toEqual(
      [...coveredSubscriptions].sort(),
    );
  });

  it('shows tenant B nothing of tenant A in any query', async () => {
    const result = await server.graphql(
      EverythingB,
      {
        auditId: auditIdOfA,
        correlationId,
        resourceId: 'shared-id',
        llmEventId: llmEventOfA,
        executionId: executionOfA,
        agentIdOfA,
      },
      { key: b.key },
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.viewer!.tenantId).toBe(b.tenantId);
    expect(data.tenant!.id).toBe(b.tenantId);
    expect(data.projects).toEqual([]);
    expect(data.apiKeys.edges.map(({ node }) => node.id)).toEqual([b.keyId]);
    expect(data.appEvents.totalCount).toBe(0);
    expect(data.auditEvents.edges.every(({ node }) => node.tenantId === b.tenantId)).toBe(true);
    expect(data.auditEvents.edges.some(({ node }) => node.resourceId === 'shared-id')).toBe(false);
    expect(data.auditEvent).toBeNull();
    expect(data.auditEventsByCorrelation.totalCount).toBe(0);
    expect(data.auditEventsByResource.totalCount).toBe(0);
    expect(data.auditAggregate.byEventType.map((entry) => entry.key)).not.toContain(
      'app_event.logged',
    );
    expect(data.auditStatsByActor.map((entry) => entry.actorId)).not.toContain(a.keyId);
    expect(data.auditStatsByActor.map((entry) => entry.actorId)).toEqual(['admin']);
    expect(data.llmEvents.totalCount).toBe(0);
    expect([data.llmEvent, data.session, data.person, data.agent]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(data.agents).toEqual([]);
    expect(data.telemetryUsage).toEqual([]);
    expect([data.execution, data.conversation]).toEqual([null, null]);
    expect(data.executions.totalCount).toBe(0);
    expect([data.trigger, data.triggers.totalCount, data.credentials]).toEqual([null, 0, []]);
    expect([data.webhookEndpoints, data.webhookDeliveries.totalCount]).toEqual([[], 0]);
  });

  it('refuses tenant B a subscription to A’s execution as if it did not exist', async () => {
    const foreign = subscribe(server.wsClient(b.key), ExecutionEventsOf, {
      executionId: executionOfA,
    });
    await eventually(() => foreign.completed, 'the subscription to end');
    expect(
      foreign.received[0]?.errors?.[0].extensions?.code ??
        (foreign.failure as { message?: string } | undefined)?.message,
    ).toBeTruthy();
    expect(JSON.stringify(foreign.received)).toContain('NOT_FOUND');
    const invocations = subscribe(server.wsClient(b.key), TriggerInvocationsOf, {
      agentId: agentIdOfA,
      triggerId: 'a-trigger',
    });
    await eventually(() => invocations.completed, 'the trigger subscription to end');
    expect(JSON.stringify(invocations.received)).toContain('NOT_FOUND');
    const deliveries = subscribe(server.wsClient(b.key), DeliveriesOf, { endpointId: endpointOfA });
    await eventually(() => deliveries.completed, 'the delivery subscription to end');
    expect(JSON.stringify(deliveries.received)).toContain('NOT_FOUND');
  });

  it('keeps client ids per tenant: B logging A’s id creates B’s own event', async () => {
    const result = await server.graphql(
      LogEvent,
      { input: { id: 'shared-id', type: 'mine' } },
      { key: b.key },
    );
    expect(result.data!.logEvent).toMatchObject({
      created: true,
      event: { id: 'shared-id', type: 'mine' },
    });
  });

  it('delivers no event of tenant A to subscribers of tenant B', async () => {
    const appEvents = subscribe(server.wsClient(b.key), AppEventLogged, {});
    const audits = subscribe(server.wsClient(b.key), AuditEventRecordedAny, {});
    const llmEvents = subscribe(server.wsClient(b.key), LlmEventRecordedAny, {});
    const executionUpdates = subscribe(server.wsClient(b.key), ExecutionUpdatedAny, {});
    const control = subscribe(server.wsClient(a.key), AppEventLogged, {});
    const llmControl = subscribe(server.wsClient(a.key), LlmEventRecordedAny, {});
    await Promise.all([
      appEvents.started,
      audits.started,
      llmEvents.started,
      executionUpdates.started,
      control.started,
      llmControl.started,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.graphql(
      LogEvent,
      { input: { id: 'while-listening', type: 'secret' } },
      { key: a.key },
    );
    await server.graphql(RecordLlmEventOfA, { fingerprintId: fingerprintOfA }, { key: a.key });
    await server.graphql(CreateExecutionOfA, {}, { key: a.key });
    await eventually(
      () => control.received.length === 1,
      'tenant A’s own subscriber to receive its event',
    );
    await eventually(
      () => llmControl.received.length >= 1,
      'tenant A’s own subscriber to receive its LLM event',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(appEvents.received).toEqual([]);
    expect(audits.received).toEqual([]);
    expect(llmEvents.received).toEqual([]);
    expect(executionUpdates.received).toEqual([]);
  });

  it('covers every REST route and answers A’s ids to B like missing ones', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const checks: Record<string, () => Promise<void>> = {
      'POST /run/v1/events': async () => {
        const response = await rest(
          'POST',
          '/run/v1/events',
          { id: 'rest-shared', type: 'x' },
          a.key,
        );
        expect(response.status).toBe(201);
        expect(
          (await rest('POST', '/run/v1/events', { id: 'rest-shared', type: 'y' }, b.key)).status,
        ).toBe(201);
      },
      'GET /api/v1/events': async () => {
        const body = await (await rest('GET', '/api/v1/events', undefined, b.key)).json();
        expect(
          body.events.every((event: { tenantId: string }) => event.tenantId === b.tenantId),
        ).toBe(true);
      },
      'GET /api/v1/events/aggregate': async () => {
        const body = await (await rest('GET', '/api/v1/events/aggregate', undefined, b.key)).json();
        const own = await server.switchboard.services.prisma.auditEvent.count({
          where: { tenantId: b.tenantId },
        });
        expect(body.total).toBe(own);
      },
      'GET /api/v1/events/correlation/{correlation_id}': async () => {
        const body = await (
          await rest('GET', `/api/v1/events/correlation/${correlationId}`, undefined, b.key)
        ).json();
        expect(body.total).toBe(0);
      },
      'GET /api/v1/events/resource/{resource_type}/{resource_id}': async () => {
        const foreignKeyId = (
          await server.switchboard.services.prisma.apiKey.findFirstOrThrow({
            where: { tenantId: a.tenantId },
          })
        ).id;
        const body = await (
          await rest('GET', `/api/v1/events/resource/api_key/${foreignKeyId}`, undefined, b.key)
        ).json();
        expect(body.total).toBe(0);
      },
      'GET /api/v1/events/stats/by-actor': async () => {
        const body = await (
          await rest('GET', '/api/v1/events/stats/by-actor', undefined, b.key)
        ).json();
        const ownActors = await server.switchboard.services.prisma.auditEvent.findMany({
          where: { tenantId: b.tenantId },
          distinct: ['actorId'],
        });
        expect(body.actors.map((actor: { actorId: string }) => actor.actorId).sort()).toEqual(
          ownActors.map((row) => row.actorId).sort(),
        );
      },
      'GET /api/v1/events/{event_id}': async () => {
        const foreign = await rest('GET', `/api/v1/events/${auditIdOfA}`, undefined, b.key);
        const missing = await rest(
          'GET',
          '/api/v1/events/00000000-0000-4000-8000-000000000000',
          undefined,
          b.key,
        );
        expect(foreign.status).toBe(404);
        expect(await foreign.json()).toEqual(await missing.json());
      },
      ...telemetryChecks(),
      ...triggerChecks(),
      ...deliveryChecks(),
      'POST /run/api/executions': async () => {
        const response = await rest(
          'POST',
          '/run/api/executions',
          { messages: [{ role: 'user', content: 'b' }], conversationId: 'a-conversation' },
          b.key,
        );
        await response.text();
        const executionId = response.headers.get('x-execution-id')!;
        const own = await server.switchboard.services.prisma.execution.findUniqueOrThrow({
          where: { id: executionId },
          include: { conversation: true },
        });
        expect(own.tenantId).toBe(b.tenantId);
        expect(
          await server.switchboard.services.prisma.conversationMessage.count({
            where: { conversationRef: own.conversationRef },
          }),
        ).toBe(2);
        for (const agentId of [agentIdOfA, 'a-trigger-agent']) {
          const foreignAgent = await rest(
            'POST',
            '/run/api/executions',
            { agentId, messages: [{ role: 'user', content: 'b' }] },
            b.key,
          );
          expect(foreignAgent.status).toBe(404);
        }
      },
      'GET /run/api/executions/{executionId}': () =>
        sameAsMissing(
          'GET',
          `/run/api/executions/${executionOfA}`,
          '/run/api/executions/00000000-0000-4000-8000-000000000000',
        ),
      'POST /run/api/executions/{executionId}/approvals/{toolCallId}': async () => {
        const response = await rest(
          'POST',
          `/run/api/executions/${executionOfA}/approvals/call_1_1`,
          { approved: true },
          b.key,
        );
        expect(response.status).toBe(404);
      },
      'GET /run/api/executions/{executionId}/stream': () =>
        sameAsMissing(
          'GET',
          `/run/api/executions/${executionOfA}/stream`,
          '/run/api/executions/00000000-0000-4000-8000-000000000000/stream',
        ),
    };
    expect(routes.sort()).toEqual(Object.keys(checks).sort());
    for (const [route, check] of Object.entries(checks)) {
      await check().catch((error) => {
        throw new Error(`${route}: ${(error as Error).message}`);
      });
    }
  });
});

/** Webhook endpoints and deliveries: B sees none of A's, and A's ids answer B like missing ones. */
function deliveryChecks(): Record<string, () => Promise<void>> {
  const missing = '00000000-0000-4000-8000-000000000000';
  const notFoundLike =
    (method: string, path: (id: string) => string, body?: unknown) => async () => {
      const foreign = await rest(method, path(endpointOfA), body, b.key);
      const absent = await rest(method, path(missing), body, b.key);
      expect(foreign.status).toBe(404);
      expect((await foreign.json()).detail).toBe((await absent.json()).detail);
    };
  return {
    'GET /run/v1/webhooks/endpoints': async () =>
      expect(
        (await (await rest('GET', '/run/v1/webhooks/endpoints', undefined, b.key)).json()).data,
      ).toEqual([]),
    'POST /run/v1/webhooks/endpoints': async () => {
      const created = await rest(
        'POST',
        '/run/v1/webhooks/endpoints',
        { url: 'http://127.0.0.1:9/b', eventTypes: ['event.created'] },
        b.key,
      );
      expect(created.status).toBe(201);
      await rest(
        'DELETE',
        `/run/v1/webhooks/endpoints/${(await created.json()).data.id}`,
        undefined,
        b.key,
      );
    },
    'GET /run/v1/webhooks/endpoints/{id}': notFoundLike(
      'GET',
      (id) => `/run/v1/webhooks/endpoints/${id}`,
    ),
    'PATCH /run/v1/webhooks/endpoints/{id}': notFoundLike(
      'PATCH',
      (id) => `/run/v1/webhooks/endpoints/${id}`,
      { enabled: false },
    ),
    'DELETE /run/v1/webhooks/endpoints/{id}': notFoundLike(
      'DELETE',
      (id) => `/run/v1/webhooks/endpoints/${id}`,
    ),
    'GET /run/v1/webhooks/deliveries': async () =>
      expect(
        (
          await (
            await rest(
              'GET',
              `/run/v1/webhooks/deliveries?endpointId=${endpointOfA}`,
              undefined,
              b.key,
            )
          ).json()
        ).data,
      ).toEqual([]),
    // The catalogue is the same for every tenant: nothing of A's in it.
    'GET /run/v1/webhooks/event-types': async () => {
      const response = await rest('GET', '/run/v1/webhooks/event-types', undefined, b.key);
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).not.toContain(a.tenantId);
    },
    'POST /run/v1/webhooks/deliveries/{id}/redeliver': async () => {
      const ofA = await server.switchboard.services.prisma.webhookDelivery.findFirst({
        where: { endpointId: endpointOfA },
      });
      const response = await rest(
        'POST',
        `/run/v1/webhooks/deliveries/${ofA?.id ?? missing}/redeliver`,
        undefined,
        b.key,
      );
      expect(response.status).toBe(404);
    },
  };
}

/** Reference 002's routes: B naming A's tenant, or its own tenant with A's agent, finds nothing. */
function triggerChecks(): Record<string, () => Promise<void>> {
  const check = (method: string, suffix: string, body?: unknown) => async () => {
    for (const tenantId of [a.tenantId, b.tenantId]) {
      for (const agent of [agentIdOfA, 'a-trigger-agent']) {
        const response = await rest(
          method,
          `/manage/tenants/${tenantId}/projects/default/agents/${agent}/triggers${suffix}`,
          body,
          b.key,
        );
        expect(
          response.status,
          `${method} ${suffix} of ${agent} as ${tenantId === a.tenantId ? 'A' : 'B'}`,
        ).toBe(404);
      }
    }
  };
  const base = '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers';
  return {
    [`GET ${base}`]: check('GET', ''),
    [`POST ${base}`]: check('POST', '', { name: 'intruder' }),
    [`GET ${base}/{id}`]: check('GET', '/a-trigger'),
    [`PATCH ${base}/{id}`]: check('PATCH', '/a-trigger', { enabled: false }),
    [`DELETE ${base}/{id}`]: check('DELETE', '/a-trigger'),
    [`GET ${base}/{id}/invocations`]: check('GET', '/a-trigger/invocations'),
    [`GET ${base}/{id}/invocations/{invocationId}`]: check(
      'GET',
      '/a-trigger/invocations/00000000-0000-4000-8000-000000000000',
    ),
    [`POST ${base}/{id}/rotate-webhook-url`]: check('POST', '/a-trigger/rotate-webhook-url'),
    ...credentialChecks(),
    // Keyless by design: a trigger is reached only by its unguessable webhook key.
    'POST /webhooks/{webhookKey}': async () =>
      expect(
        (await rest('POST', '/webhooks/00000000-0000-4000-8000-000000000000', {}, b.key)).status,
      ).toBe(404),
  };
}

/** Credentials: B lists none of A's, and naming A's tenant, or A's credential in its own, finds nothing. */
function credentialChecks(): Record<string, () => Promise<void>> {
  const base = '/manage/tenants/{tenantId}/projects/{projectId}/credentials';
  const missingLike =
    (method: string, suffix: (id: string) => string, body?: unknown) => async () => {
      const ofA = await server.switchboard.services.prisma.credential.findFirstOrThrow({
        where: { tenantId: a.tenantId },
      });
      for (const path of [
        `/manage/tenants/${a.tenantId}/projects/default/credentials${suffix(ofA.id)}`,
        `/manage/tenants/${b.tenantId}/projects/default/credentials${suffix(ofA.id)}`,
      ]) {
        const response = await rest(method, path, body, b.key);
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    };
  return {
    [`GET ${base}`]: async () => {
      expect(
        (
          await rest(
            'GET',
            `/manage/tenants/${a.tenantId}/projects/default/credentials`,
            undefined,
            b.key,
          )
        ).status,
      ).toBe(404);
      const own = await (
        await rest(
          'GET',
          `/manage/tenants/${b.tenantId}/projects/default/credentials`,
          undefined,
          b.key,
        )
      ).json();
      expect(own.data.map((credential: { name: string }) => credential.name)).not.toContain(
        'a-secret',
      );
    },
    [`POST ${base}`]: async () => {
      expect(
        (
          await rest(
            'POST',
            `/manage/tenants/${a.tenantId}/projects/default/credentials`,
            { name: 'intruder' },
            b.key,
          )
        ).status,
      ).toBe(404);
      expect(
        await server.switchboard.services.prisma.credential.count({ where: { name: 'intruder' } }),
      ).toBe(0);
    },
    [`POST ${base}/{id}/rotate`]: missingLike('POST', (id) => `/${id}/rotate`, {}),
    [`DELETE ${base}/{id}`]: missingLike('DELETE', (id) => `/${id}`),
  };
}

/** Reference 004's routes: B cannot use or see A's fingerprint, person, agent or versions; A's names are free for B. */
function telemetryChecks(): Record<string, () => Promise<void>> {
  const asB = async (method: string, path: string, body?: unknown) => {
    const response = await rest(method, `/telemetry/v1${path}`, body, b.key);
    return { status: response.status, body: await response.json() };
  };
  const missingLike = async (method: string, path: string, body: unknown, type: string) =>
    expect(await asB(method, path, body)).toMatchObject({ status: 404, body: { type } });
  return {
    'POST /telemetry/v1/events': () =>
      missingLike(
        'POST',
        '/events',
        { event_name: 'llm', properties: {}, fingerprint_id: fingerprintOfA },
        'fingerprint-not-found',
      ),
    'POST /telemetry/v1/fingerprints': async () => {
      const own = await asB('POST', '/fingerprints', fingerprintContent);
      expect(own.body.fingerprint_id).not.toBe(fingerprintOfA);
    },
    'POST /telemetry/v1/persons': async () =>
      expect(
        (await asB('POST', '/persons', { person_id: 'a-only-person-free-for-b' })).status,
      ).toBe(200),
    'GET /telemetry/v1/persons/{person_id}': () =>
      missingLike('GET', '/persons/a-person', undefined, 'person-not-found'),
    'PUT /telemetry/v1/persons/{person_id}': () =>
      missingLike('PUT', '/persons/a-person', { properties: {} }, 'person-not-found'),
    'GET /telemetry/v1/agents': async () => {
      const { agents } = (await asB('GET', '/agents')).body;
      expect(agents.map((agent: { agent_id: string }) => agent.agent_id)).not.toContain(agentIdOfA);
      expect(agents.map((agent: { agent_name: string }) => agent.agent_name)).not.toContain(
        'a-trigger-agent',
      );
    },
    'GET /telemetry/v1/agents/{agent_name}': () =>
      missingLike('GET', '/agents/a-agent', undefined, 'agent-not-found'),
    'PATCH /telemetry/v1/agents/{agent_name}': () =>
      missingLike('PATCH', '/agents/a-agent', {}, 'agent-not-found'),
    'POST /telemetry/v1/agents/{agent_name}/versions': () =>
      missingLike(
        'POST',
        '/agents/a-agent/versions',
        { agent_version_name: 'x' },
        'agent-not-found',
      ),
    'GET /telemetry/v1/agents/{agent_name}/versions/{agent_version_name}': () =>
      missingLike('GET', '/agents/a-agent/versions/a-v1', undefined, 'agent-not-found'),
    'PATCH /telemetry/v1/agents/{agent_name}/versions/{agent_version_name}': () =>
      missingLike('PATCH', '/agents/a-agent/versions/a-v1', {}, 'agent-not-found'),
    // Runs last among these: B's own agent of A's name is numbered in B's space, from 1.
    'POST /telemetry/v1/agents': async () =>
      expect((await asB('POST', '/agents', { agent_name: 'a-agent' })).body.agent_number).toBe(1),
  };
}

async function sameAsMissing(method: string, foreignPath: string, missingPath: string) {
  const foreign = await rest(method, foreignPath, undefined, b.key);
  const missing = await rest(method, missingPath, undefined, b.key);
  expect(foreign.status).toBe(404);
  expect(await foreign.json()).toEqual(await missing.json());
}

async function rest(method: string, path: string, body: unknown, key: string) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
