import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../support/databases.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

// A webhook is answered once its invocation commits; its execution starts from that row, on any
// instance, even one started after the process that accepted it stopped. What each webhook needs
// of its trigger is cached, and a change of the trigger reaches the next webhook on every instance.

const StartsAgent = graphql(`
  mutation StartsAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const StartsChain = graphql(`
  query StartsChain($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId) {
      edges {
        node {
          id
          eventType
          causationId
          actorType
        }
      }
    }
  }
`);

const StartsInvocation = graphql(`
  query StartsInvocation($agentId: ID!, $id: String!) {
    trigger(agentId: $agentId, id: $id) {
      invocations(first: 1) {
        edges {
          node {
            id
            status
            execution {
              id
              status
            }
          }
        }
      }
    }
  }
`);

const servers: TestServer[] = [];
const databases: TestDatabase[] = [];
const redisPrefix = testRedisPrefix();
afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
  for (const database of databases) await database.drop();
  if (testRedisUrl()) await cleanRedisPrefix(redisPrefix);
});

async function start(database: TestDatabase, env: Record<string, string> = {}) {
  const server = await startServer({
    database,
    redisPrefix,
    env: { EXECUTION_POLL_MS: '50', ...env },
  });
  servers.push(server);
  return server;
}

async function sharedDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

/** A tenant with an agent and a trigger that requires header `X-Token: token-1`. */
async function setUp(server: TestServer, triggerId: string) {
  const { key, tenantId } = await server.newTenant(triggerId);
  const agentId = (await server.graphql(StartsAgent, { name: `${triggerId}-bot` }, { key })).data!
    .createAgent.id;
  const base = `/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers`;
  const manage = async (at: TestServer, method: string, path: string, body: unknown) =>
    (
      await fetch(`${at.url}${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json();
  const trigger = (
    await manage(server, 'POST', '', {
      id: triggerId,
      name: triggerId,
      authentication: { type: 'header', header: 'X-Token', value: 'token-1' },
    })
  ).data;
  const path = new URL(trigger.webhookUrl).pathname;
  const deliver = async (at: TestServer, token: string, payload: unknown = { hello: 'world' }) => {
    const response = await fetch(`${at.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token': token },
      body: JSON.stringify(payload),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  return { key, agentId, manage, deliver };
}

describe('a webhook’s execution', () => {
  it('starts after the 202, from the committed invocation, on a server started later', async () => {
    const database = await sharedDatabase();
    // This instance runs no executions: it accepts webhooks, and starts nothing.
    const accepting = await start(database, { EXECUTION_CONCURRENCY: '0' });
    const { key, agentId, deliver } = await setUp(accepting, 'later');
    const accepted = await deliver(accepting, 'token-1');
    expect(accepted.status).toBe(202);
    const { executionId, invocationId } = accepted.body;
    expect(executionId).toEqual(expect.any(String));
    const waiting = await accepting.graphql(StartsInvocation, { agentId, id: 'later' }, { key });
    expect(waiting.data!.trigger!.invocations.edges[0].node).toEqual({
      id: invocationId,
      status: 'PENDING',
      execution: null,
    });
    await accepting.stop();
    servers.splice(servers.indexOf(accepting), 1);

    // A fresh instance on the same database finds the invocation and runs the promised execution.
    const running = await start(database);
    const done = await eventually(async () => {
      const node = (await running.graphql(StartsInvocation, { agentId, id: 'later' }, { key }))
        .data!.trigger!.invocations.edges[0].node;
      return node.status === 'SUCCESS' && node;
    }, 'the invocation to succeed');
    expect(done.execution).toEqual({ id: executionId, status: 'COMPLETED' });
    const chain = (
      await running.graphql(
        StartsChain,
        { correlationId: accepted.headers.get('x-correlation-id')! },
        { key },
      )
    ).data!.auditEventsByCorrelation.edges.map(({ node }) => node);
    const invoked = chain.find((event) => event.eventType === 'trigger.invoked')!;
    const created = chain.find((event) => event.eventType === 'execution.created')!;
    expect(created).toMatchObject({ causationId: invoked.id, actorType: 'WEBHOOK' });
    expect(chain.filter((event) => event.eventType === 'execution.created')).toHaveLength(1);
  });

  it('fails its invocation, with why, when the execution cannot be created', async () => {
    // Messages may be longer than an execution's (1 MiB): the run refuses it once it starts.
    const server = await start(await sharedDatabase(), {
      WEBHOOK_MAX_BODY_BYTES: '2000000',
      TRIGGER_MAX_MESSAGE_CHARS: '2000000',
    });
    const { key, agentId, deliver } = await setUp(server, 'too-long');
    const accepted = await deliver(server, 'token-1', 'x'.repeat(1024 * 1024 + 1));
    expect(accepted.status).toBe(202);
    const failed = await eventually(async () => {
      const node = (await server.graphql(StartsInvocation, { agentId, id: 'too-long' }, { key }))
        .data!.trigger!.invocations.edges[0].node;
      return node.status === 'FAILED' && node;
    }, 'the invocation to fail');
    expect(failed).toEqual({ id: accepted.body.invocationId, status: 'FAILED', execution: null });
    const chain = (
      await server.graphql(
        StartsChain,
        { correlationId: accepted.headers.get('x-correlation-id')! },
        { key },
      )
    ).data!.auditEventsByCorrelation.edges.map(({ node }) => node);
    const invoked = chain.find((event) => event.eventType === 'trigger.invoked')!;
    expect(chain.map((event) => event.eventType)).toEqual([
      'trigger.invoked',
      'trigger_invocation.failed',
    ]);
    expect(chain[1].causationId).toBe(invoked.id);
  });
});

describe('concurrent webhooks of one trigger', () => {
  it('commit together, each with its own invocation, correlation, audit chain and execution', async () => {
    const invocationInserts: string[] = [];
    const server = await startServer({
      redisPrefix,
      env: { EXECUTION_POLL_MS: '50' },
      onQuery: (sql) => {
        if (/INSERT INTO ("public"\.)?"TriggerInvocation"/.test(sql)) invocationInserts.push(sql);
      },
    });
    servers.push(server);
    const { key, deliver } = await setUp(server, 'together');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, n) => deliver(server, 'token-1', { n })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(202));
    for (const field of ['invocationId', 'executionId', 'conversationId'])
      expect(new Set(answers.map((answer) => answer.body[field])).size).toBe(12);
    const correlationIds = answers.map((answer) => answer.headers.get('x-correlation-id')!);
    expect(new Set(correlationIds).size).toBe(12);
    // Group commit: on PostgreSQL, where a commit waits for the server, webhooks that came while one
    // committed were inserted together (the embedded database commits without waiting).
    if (testServerUrl()) expect(invocationInserts.length).toBeLessThan(12);
    // Each insert is one statement with the webhooks' trigger.invoked audit rows: no transaction
    // holds the database for the webhooks' answers.
    for (const sql of invocationInserts) expect(sql).toContain('INSERT INTO "AuditEvent"');
    for (const correlationId of correlationIds) {
      const chain = await eventually(async () => {
        const events = (
          await server.graphql(StartsChain, { correlationId }, { key })
        ).data!.auditEventsByCorrelation.edges.map(({ node }) => node);
        return events.some((event) => event.eventType === 'execution.created') && events;
      }, 'the execution to start');
      const invoked = chain.filter((event) => event.eventType === 'trigger.invoked');
      expect(invoked).toEqual([expect.objectContaining({ actorType: 'WEBHOOK' })]);
      expect(chain.find((event) => event.eventType === 'execution.created')).toMatchObject({
        causationId: invoked[0].id,
      });
    }
  });
});

describe('a trigger’s change', () => {
  it('reaches the next webhook on the instance that made it', async () => {
    const server = await start(await sharedDatabase());
    const { deliver, manage } = await setUp(server, 'changing');
    expect((await deliver(server, 'token-1')).status).toBe(202);
    await manage(server, 'PATCH', '/changing', {
      authentication: { type: 'header', header: 'X-Token', value: 'token-2' },
    });
    expect((await deliver(server, 'token-1')).status).toBe(403);
    expect((await deliver(server, 'token-2')).status).toBe(202);
    await manage(server, 'PATCH', '/changing', { enabled: false });
    expect((await deliver(server, 'token-2')).status).toBe(404);
  });

  it.skipIf(!testServerUrl() || !testRedisUrl())(
    'reaches the next webhooks on another instance (PostgreSQL and Redis)',
    async () => {
      const database = await sharedDatabase();
      const [first, second] = [await start(database), await start(database)];
      const { deliver, manage } = await setUp(first, 'shared');
      // Both instances have the trigger cached.
      expect((await deliver(first, 'token-1')).status).toBe(202);
      expect((await deliver(second, 'token-1')).status).toBe(202);
      await manage(first, 'PATCH', '/shared', {
        authentication: { type: 'header', header: 'X-Token', value: 'token-2' },
      });
      // The change reaches the other instance through Redis (well before a cached entry expires).
      await eventually(
        async () => (await deliver(second, 'token-2')).status === 202,
        'the other instance to take the new token',
      );
      expect((await deliver(second, 'token-1')).status).toBe(403);
    },
  );
});
