import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AuditEvents } from '../support/operations.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

// What triggers record: every refusal as a `failure` with its error, what a webhook causes, and
// what endpoints are told when a webhook is refused.

const EventsAgent = graphql(`
  mutation EventsAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const EventsEndpoint = graphql(`
  mutation EventsEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const EventsStats = graphql(`
  query EventsStats {
    auditStatsByActor {
      actorId
      successes
      failures
    }
  }
`);

const EventsChain = graphql(`
  query EventsChain($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId) {
      edges {
        node {
          id
          eventType
          causationId
          outcome
        }
      }
    }
  }
`);

let server: TestServer;
let key: string;
let tenantId: string;
let agentId: string;

beforeAll(async () => {
  server = await startServer({ env: { EXECUTION_POLL_MS: '50' } });
  ({ key, tenantId } = await server.newTenant('trigger-events'));
  agentId = (await server.graphql(EventsAgent, { name: 'events-bot' }, { key })).data!.createAgent
    .id;
});
afterAll(async () => {
  await server?.stop();
});

async function manage(method: string, path: string, body?: unknown) {
  const response = await fetch(
    `${server.url}/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers${path}`,
    {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  return { status: response.status, body: (await response.json()) as any };
}

async function deliver(webhookUrl: string, body: string, query = '') {
  const response = await fetch(`${server.url}${new URL(webhookUrl).pathname}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as any,
    headers: response.headers,
  };
}

async function auditOf(filter: Record<string, unknown>) {
  const audit = await server.graphql(AuditEvents, { filter, first: 100 }, { key });
  expect(audit.errors).toBeUndefined();
  return audit.data!.auditEvents.edges.map(({ node }) => node);
}

describe('refused webhooks', () => {
  it('are audited as failed trigger.invoked events with their error, counted by auditStatsByActor, and told to endpoints', async () => {
    const endpoint = await server.graphql(
      EventsEndpoint,
      {
        input: {
          url: 'https://receiver.example/failed',
          eventTypes: ['TRIGGER_INVOCATION_FAILED'],
        } as never,
      },
      { key },
    );
    expect(endpoint.errors).toBeUndefined();
    const trigger = (
      await manage('POST', '', {
        id: 'guarded',
        name: 'Guarded',
        inputSchema: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } },
        outputTransform: 'abs(n)',
        authentication: { type: 'api_key', in: 'query', name: 'key', value: 'k-1' },
      })
    ).body.data;
    const refusals = [
      [await deliver(trigger.webhookUrl, '{"n":1}'), 401, 'UNAUTHENTICATED'],
      [await deliver(trigger.webhookUrl, '{"n":1}', '?key=wrong'), 403, 'FORBIDDEN'],
      [await deliver(trigger.webhookUrl, 'not json', '?key=k-1'), 400, 'BAD_USER_INPUT'],
      [await deliver(trigger.webhookUrl, '{"n":"one"}', '?key=k-1'), 400, 'BAD_USER_INPUT'],
    ] as const;
    for (const [response, status] of refusals) expect(response.status).toBe(status);
    const accepted = await deliver(trigger.webhookUrl, '{"n":-2}', '?key=k-1');
    expect(accepted.status).toBe(202);

    const invoked = await auditOf({ eventType: 'trigger.invoked', resourceId: 'guarded' });
    const failures = invoked.filter((event) => event.outcome === 'FAILURE').reverse();
    expect(failures.map((event) => (event.payload as any).error.code)).toEqual(
      refusals.map(([, , code]) => code),
    );
    for (const [index, failure] of failures.entries()) {
      expect(failure.actorId).toBe('trigger:guarded');
      expect((failure.payload as any).error.message).toBe(refusals[index][0].body.detail);
    }
    const stats = await server.graphql(EventsStats, {}, { key });
    expect(stats.data!.auditStatsByActor).toContainEqual({
      actorId: 'trigger:guarded',
      successes: expect.any(Number),
      failures: 4,
    });

    // Each refusal failed an invocation, which endpoints hear of under the documented name.
    const failed = await auditOf({ eventType: 'trigger_invocation.failed' });
    expect(failed).toHaveLength(4);
    for (const event of failed) {
      expect(event.resourceType).toBe('TRIGGER_INVOCATION');
      expect(failures.map((failure) => failure.id)).toContain(event.causationId);
    }
    const deliveries = await server.switchboard.services.prisma.webhookDelivery.findMany({
      where: { endpointId: endpoint.data!.createWebhookEndpoint.endpoint.id },
      orderBy: { seq: 'asc' },
    });
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual(
      Array(4).fill('trigger.invocation.failed'),
    );
    expect((deliveries[0].payload as any).data).toEqual({
      invocationId: expect.any(String),
      triggerId: 'guarded',
      agentId,
      status: 401,
      errorMessage: 'API key key is required',
    });
  });
});

describe('what a webhook causes', () => {
  it('records trigger.invoked as the cause of the execution it starts', async () => {
    const trigger = (await manage('POST', '', { id: 'causing', name: 'Causing' })).body.data;
    const accepted = await deliver(trigger.webhookUrl, '{"n":1}');
    expect(accepted.status).toBe(202);
    const chain = await eventually(async () => {
      const events = (
        await server.graphql(
          EventsChain,
          { correlationId: accepted.headers.get('x-correlation-id')! },
          { key },
        )
      ).data!.auditEventsByCorrelation.edges.map(({ node }) => node);
      return events.some((event) => event.eventType === 'execution.completed') && events;
    }, 'the execution to complete');
    const invoked = chain.find((event) => event.eventType === 'trigger.invoked')!;
    const created = chain.find((event) => event.eventType === 'execution.created')!;
    expect(invoked.causationId).toBeNull();
    expect(created.causationId).toBe(invoked.id);
  });
});

describe('refused configuration', () => {
  it('records a failed trigger.created or trigger.updated with the error', async () => {
    const refused = await manage('POST', '', {
      id: 'bad-schema',
      name: 'Bad',
      inputSchema: { type: 'nonsense' },
    });
    expect(refused.status).toBe(400);
    expect((await manage('POST', '', { id: 'fine', name: 'Fine' })).status).toBe(201);
    const badRegex = await manage('PATCH', '/fine', {
      inputSchema: { type: 'string', pattern: '(a)\\1' },
    });
    expect(badRegex.status).toBe(400);

    const [created] = await auditOf({ eventType: 'trigger.created', resourceId: 'bad-schema' });
    expect(created).toMatchObject({
      outcome: 'FAILURE',
      payload: { error: { code: 'BAD_USER_INPUT', message: refused.body.detail } },
    });
    const updated = await auditOf({ eventType: 'trigger.updated', resourceId: 'fine' });
    expect(updated).toEqual([
      expect.objectContaining({
        outcome: 'FAILURE',
        payload: { error: { code: 'BAD_USER_INPUT', message: badRegex.body.detail } },
      }),
    ]);
  });
});
