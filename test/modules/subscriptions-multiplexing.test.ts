// Subscribers asking the same thing in the same scope share one execution per event: each still gets
// every event of its own scope exactly once and in order, nothing of another tenant or project, and
// the per-event statements do not grow with the number of subscribers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { graphql } from '../gql/index.ts';
import { CreateApiKey, CreateProject, LogEvent } from '../support/operations.ts';
import {
  ADMIN_KEY,
  eventually,
  startServer,
  subscribe,
  type TestServer,
} from '../support/switchboard.ts';

const SharedEventFeed = graphql(`
  subscription SharedEventFeed {
    appEventLogged {
      type
    }
  }
`);
const SharedExecutionUpdates = graphql(`
  subscription SharedExecutionUpdates($filter: ExecutionFilter) {
    executionUpdated(filter: $filter) {
      status
      agent {
        name
        version(name: "v1") {
          name
        }
      }
    }
  }
`);
const SharedRunStart = graphql(`
  mutation SharedRunStart($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

let server: TestServer;
// Statements naming the agent tables: the update's agent is read through the process-wide loaders,
// its version through each operation's own (per subscriber, were the execution not shared). The
// runner's claim names them too, but it polls whether or not anyone follows.
let agentStatements = 0;
beforeAll(async () => {
  server = await startServer({
    onQuery: (sql) => {
      if (sql.includes('WITH claimed AS')) return;
      if (sql.includes('"Agent"') || sql.includes('"AgentVersion"')) agentStatements += 1;
    },
  });
});
afterAll(() => server?.stop());

type Stream = ReturnType<typeof subscribe<{ appEventLogged: { type: string } }, never>>;
const typesOf = (stream: Stream) =>
  stream.received.map((message) => message.data?.appEventLogged.type);

/** `count` subscribers to the event feed on connections of `key`, at most 50 on each. */
function feedSubscribers(key: string, count: number) {
  const clients: Client[] = [];
  return Array.from({ length: count }, (_, index) => {
    if (index % 50 === 0) clients.push(server.wsClient(key));
    return subscribe(clients.at(-1)!, SharedEventFeed);
  });
}

async function log(key: string, type: string) {
  const logged = await server.graphql(LogEvent, { input: { type } }, { key });
  expect(logged.errors).toBeUndefined();
}

describe('subscriptions shared across subscribers', () => {
  it('gives 200 subscribers of two tenants and a project key each their own events, once and in order', async () => {
    const tenant = await server.newTenant('shared-a');
    const other = await server.newTenant('shared-b');
    const project = await server.graphql(CreateProject, { name: 'shared' }, { key: tenant.key });
    const projectKey = await server.graphql(
      CreateApiKey,
      { name: 'project', tenantId: tenant.tenantId, projectId: project.data!.createProject.id },
      { key: ADMIN_KEY },
    );
    const projectSecret = projectKey.data!.createApiKey.secret;
    const tenantWide = feedSubscribers(tenant.key, 150);
    const projectOnly = feedSubscribers(projectSecret, 30);
    const otherTenant = feedSubscribers(other.key, 20);
    const everyone = [...tenantWide, ...projectOnly, ...otherTenant];
    // Until every subscription is live on the server; the probes are left out below.
    await eventually(
      async () => {
        await log(projectSecret, 'ready');
        await log(other.key, 'ready');
        expect(everyone.filter((stream) => stream.completed)).toEqual([]);
        return everyone.every((stream) => stream.received.length > 0);
      },
      'every subscription to be live',
      30_000,
    );
    const after = (stream: Stream) => typesOf(stream).filter((type) => type !== 'ready');

    await log(tenant.key, 'a1');
    await log(projectSecret, 'p1');
    await log(other.key, 'b1');
    await log(tenant.key, 'a2');
    const leaving = [tenantWide[0], projectOnly[0]];
    await eventually(
      () => leaving.every((stream) => after(stream).length > 0),
      'the leaving subscribers to get their events',
    );
    for (const stream of leaving) stream.dispose();
    await log(tenant.key, 'a3');
    await log(projectSecret, 'p2');
    await log(other.key, 'b2');

    const staying = (streams: Stream[]) => streams.filter((stream) => !leaving.includes(stream));
    const expected = new Map<Stream, string[]>([
      ...staying(tenantWide).map(
        (stream) => [stream, ['a1', 'p1', 'a2', 'a3', 'p2']] as [Stream, string[]],
      ),
      ...staying(projectOnly).map((stream) => [stream, ['p1', 'p2']] as [Stream, string[]]),
      ...otherTenant.map((stream) => [stream, ['b1', 'b2']] as [Stream, string[]]),
    ]);
    await eventually(
      () => [...expected].every(([stream, types]) => after(stream).length >= types.length),
      'every subscriber to get its events',
      20_000,
    );
    // Late duplicates would show up by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [stream, types] of expected) {
      expect(after(stream)).toEqual(types);
      expect(stream.completed).toBe(false);
    }
    expect(after(tenantWide[0]).slice(0, 2)).toEqual(['a1', 'p1']);
    expect(after(tenantWide[0])).not.toContain('a3');
    expect(after(projectOnly[0])).toEqual(['p1']);
  }, 90_000);

  /** The agent statements while one run is followed by `count` subscribers. */
  async function agentStatementsPerRun(key: string, conversationId: string, count: number) {
    const client = server.wsClient(key);
    const streams = Array.from({ length: count }, () =>
      subscribe(client, SharedExecutionUpdates, { filter: { conversationId } }),
    );
    await Promise.all(streams.map((stream) => stream.started));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = agentStatements;
    const started = await server.graphql(
      SharedRunStart,
      { input: { conversationId, messages: [{ role: 'user', content: 'hi' }] } },
      { key },
    );
    expect(started.errors).toBeUndefined();
    await eventually(
      () =>
        streams.every((stream) =>
          stream.received.some((update) => update.data?.executionUpdated.status === 'COMPLETED'),
        ),
      'every subscriber to see the run complete',
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const stream of streams) stream.dispose();
    return agentStatements - before;
  }

  it('reads an update’s relations once per event for 100 subscribers, exactly as for one, even through per-operation loaders', async () => {
    const { key } = await server.newTenant('shared-runs');
    // The first run creates the default agent: its statements are not the events'.
    await agentStatementsPerRun(key, 'shared-first', 1);
    const alone = await agentStatementsPerRun(key, 'shared-alone', 1);
    const crowded = await agentStatementsPerRun(key, 'shared-crowded', 100);
    expect(alone).toBeGreaterThan(0);
    expect(crowded).toBe(alone);
  }, 60_000);
});
