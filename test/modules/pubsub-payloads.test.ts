// Payloads pass through pub/sub exactly as stored, whatever their keys: `constructor`, `prototype`
// and `__proto__` are ordinary keys of a tenant's JSON (superjson refused them over Redis, so the
// request answered 500 after its commit and an execution stayed `running`).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import type { RunConfigInput } from '../gql/graphql.ts';
import { LogEvent } from '../support/operations.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const AppEventLoggedProperties = graphql(`
  subscription AppEventLoggedProperties($filter: AppEventFilter) {
    appEventLogged(filter: $filter) {
      id
      properties
      createdAt
    }
  }
`);

const CreateEchoAgent = graphql(`
  mutation CreateEchoAgent($runConfig: RunConfigInput!) {
    createAgent(name: "echo-keys") {
      id
    }
    createAgentVersion(agentName: "echo-keys", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const RunEcho = graphql(`
  mutation RunEcho($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

const EchoRunState = graphql(`
  query EchoRunState($id: ID!) {
    execution(id: $id) {
      status
      toolCalls {
        result
      }
    }
  }
`);

// JSON.parse makes `__proto__` an own key, as it is in a request body.
const awkward = () =>
  JSON.parse(
    '{"constructor": 1, "prototype": {"constructor": "x"}, "__proto__": {"polluted": true}, "nested": [{"__proto__": null}]}',
  ) as Record<string, unknown>;

const CreatePayloadsAgent = graphql(`
  mutation CreatePayloadsAgent {
    createAgent(name: "webhook-keys") {
      id
    }
  }
`);

let server: TestServer;
let tenant: { tenantId: string; key: string };
const redisPrefix = testRedisPrefix();

beforeAll(async () => {
  server = await startServer({ redisPrefix });
  tenant = await server.newTenant('awkward-keys');
});
afterAll(async () => {
  await server?.stop();
  await cleanRedisPrefix(redisPrefix);
});

describe('payloads with the keys constructor, prototype and __proto__', () => {
  it('are logged (200) and reach appEventLogged subscribers intact', async () => {
    const subscription = subscribe(server.wsClient(tenant.key), AppEventLoggedProperties, {
      filter: { type: 'awkward' },
    });
    await subscription.started;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logged = await server.graphql(
      LogEvent,
      { input: { id: 'awkward-1', type: 'awkward', properties: awkward() } },
      { key: tenant.key },
    );
    expect(logged.status).toBe(200);
    expect(logged.errors).toBeUndefined();
    const stored = logged.data!.logEvent.event.properties as Record<string, unknown>;
    // Stored as sent: every key, `__proto__` included, is the tenant's data.
    expect(JSON.stringify(stored)).toBe(JSON.stringify(awkward()));

    await eventually(() => subscription.received.length > 0, 'the event on the subscription');
    const received = subscription.received[0].data!.appEventLogged;
    expect(received.id).toBe('awkward-1');
    expect(received.properties).toEqual(stored);
    expect(Number.isNaN(Date.parse(received.createdAt))).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are stored as sent over REST', async () => {
    const response = await fetch(`${server.url}/run/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'awkward-rest',
        type: 'awkward',
        properties: awkward(),
        metadata: awkward(),
      }),
    });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as {
      data: { properties: unknown; metadata: unknown };
    };
    expect(JSON.stringify(data.properties)).toBe(JSON.stringify(awkward()));
    expect(JSON.stringify(data.metadata)).toBe(JSON.stringify(awkward()));
  });

  it('finish an execution whose tool call carries them', async () => {
    const runConfig: RunConfigInput = {
      provider: {
        type: 'SCRIPTED',
        turns: [{ toolCalls: [{ name: 'echo', arguments: awkward() }] }, { text: 'Echoed.' }],
      },
      tools: [{ name: 'echo', executor: { type: 'BUILTIN', name: 'ECHO' } }],
    };
    const agent = await server.graphql(CreateEchoAgent, { runConfig }, { key: tenant.key });
    expect(agent.errors).toBeUndefined();
    const created = await server.graphql(
      RunEcho,
      {
        input: {
          agentId: agent.data!.createAgent.id,
          messages: [{ role: 'user', content: 'echo' }],
        },
      },
      { key: tenant.key },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createExecution.id;
    const finished = await eventually(
      async () => {
        const state = await server.graphql(EchoRunState, { id }, { key: tenant.key });
        return state.data?.execution?.status === 'COMPLETED' && state.data.execution;
      },
      'the execution to complete',
      10_000,
    );
    expect(finished.toolCalls[0].result).toMatchObject({
      constructor: 1,
      prototype: { constructor: 'x' },
    });
  });

  it('finish the execution a webhook with them starts', async () => {
    const agent = await server.graphql(CreatePayloadsAgent, {}, { key: tenant.key });
    const triggers = `${server.url}/manage/tenants/${tenant.tenantId}/projects/default/agents/${agent.data!.createAgent.id}/triggers`;
    const created = await fetch(triggers, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'awkward', name: 'Awkward keys' }),
    });
    expect(created.status).toBe(201);
    const webhook = new URL(
      ((await created.json()) as { data: { webhookUrl: string } }).data.webhookUrl,
    );
    const accepted = await fetch(`${server.url}${webhook.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"__proto__": {"admin": true}, "constructor": {"prototype": 1}}',
    });
    expect(accepted.status).toBe(202);
    const { executionId } = (await accepted.json()) as { executionId: string };
    await eventually(
      async () => {
        const execution = await fetch(`${server.url}/run/api/executions/${executionId}`, {
          headers: { authorization: `Bearer ${tenant.key}` },
        });
        return ((await execution.json()) as { status: string }).status === 'completed';
      },
      'the execution to complete',
      10_000,
    );
  });

  it.skipIf(!testRedisUrl())(
    'drops a message on its channel that is not its JSON, and goes on',
    async () => {
      const subscription = subscribe(server.wsClient(tenant.key), AppEventLoggedProperties, {
        filter: { type: 'after-garbage' },
      });
      await subscription.started;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const redis = new Redis(testRedisUrl()!);
      try {
        await redis.publish(`${redisPrefix}app_event.logged:${tenant.tenantId}`, 'not json {');
      } finally {
        redis.disconnect();
      }
      const logged = await server.graphql(
        LogEvent,
        { input: { id: 'after-garbage', type: 'after-garbage' } },
        { key: tenant.key },
      );
      expect(logged.errors).toBeUndefined();
      await eventually(
        () =>
          subscription.received.some((event) => event.data?.appEventLogged.id === 'after-garbage'),
        'the next event',
      );
    },
  );
});
