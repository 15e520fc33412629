import { Kind, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { graphql } from './gql/index.ts';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';
import { eventually, startServer, subscribe, type TestServer } from './support/switchboard.ts';

/**
 * The schema's conventions: Relay object identification, the trigger invocation lookups, one enum
 * per concept, paging arguments refused as user errors, and list queries whose SQL statement
 * count does not grow with the page size.
 */

const ConvCreateProject = graphql(`
  mutation ConvCreateProject {
    createProject(name: "conv-project") {
      id
    }
  }
`);

const ConvLogEvents = graphql(`
  mutation ConvLogEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      created
    }
  }
`);

const ConvCreateFingerprint = graphql(`
  mutation ConvCreateFingerprint {
    createFingerprint(input: { language: "python", languageVersion: "3.12", system: "linux" }) {
      fingerprint {
        id
      }
    }
  }
`);

const ConvCreateLlmEvents = graphql(`
  mutation ConvCreateLlmEvents($inputs: [CreateLlmEventInput!]!) {
    createLlmEvents(inputs: $inputs) {
      id
    }
  }
`);

const ConvCreateAgent = graphql(`
  mutation ConvCreateAgent($runConfig: RunConfigInput) {
    createAgent(name: "conv-bot") {
      id
    }
    createAgentVersion(agentName: "conv-bot", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const ConvCreateCredential = graphql(`
  mutation ConvCreateCredential {
    createCredential(name: "conv-secret") {
      credential {
        id
      }
    }
  }
`);

const ConvCreateTrigger = graphql(`
  mutation ConvCreateTrigger($agentId: ID!) {
    createTrigger(
      agentId: $agentId
      input: {
        id: "conv-trigger"
        name: "Conv"
        inputSchema: { type: "object", required: ["n"] }
        messageTemplate: "n is {{n}}"
      }
    ) {
      webhookUrl
    }
  }
`);

const ConvCreateEndpoint = graphql(`
  mutation ConvCreateEndpoint {
    createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hook", eventTypes: [EVENT_CREATED] }) {
      endpoint {
        id
      }
    }
  }
`);

const ConvNodes = graphql(`
  query ConvNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      globalId
    }
  }
`);

const ConvNode = graphql(`
  query ConvNode($id: ID!) {
    node(id: $id) {
      globalId
      ... on Execution {
        id
        status
      }
    }
  }
`);

const ConvInvocation = graphql(`
  query ConvInvocation($id: ID!) {
    triggerInvocation(id: $id) {
      id
      status
      trigger {
        id
      }
    }
  }
`);

const ConvInvocations = graphql(`
  query ConvInvocations(
    $agentId: ID!
    $status: TriggerInvocationStatus
    $from: DateTime
    $to: DateTime
  ) {
    trigger(agentId: $agentId, id: "conv-trigger") {
      invocations(first: 100, status: $status, from: $from, to: $to) {
        totalCount
        edges {
          node {
            id
            createdAt
          }
        }
      }
    }
  }
`);

const ConvActorTypes = graphql(`
  query ConvActorTypes {
    event: __type(name: "AuditEvent") {
      fields {
        name
        type {
          ofType {
            name
            kind
          }
        }
      }
    }
    stats: __type(name: "AuditActorStats") {
      fields {
        name
        type {
          ofType {
            name
            kind
          }
        }
      }
    }
  }
`);

const ConvBadAppEvents = graphql(`
  query ConvBadAppEvents($first: Int, $last: Int, $after: String) {
    appEvents(first: $first, last: $last, after: $after) {
      totalCount
    }
  }
`);

const ConvBadAuditEvents = graphql(`
  query ConvBadAuditEvents($first: Int, $last: Int) {
    auditEvents(first: $first, last: $last) {
      totalCount
    }
  }
`);

const ConvBadLlmEvents = graphql(`
  query ConvBadLlmEvents($first: Int) {
    llmEvents(first: $first) {
      totalCount
    }
  }
`);

const ConvBadExecutions = graphql(`
  query ConvBadExecutions($first: Int, $after: String) {
    executions(first: $first, after: $after) {
      totalCount
    }
  }
`);

const ConvBadTriggers = graphql(`
  query ConvBadTriggers($agentId: ID!, $first: Int, $invocations: Int) {
    triggers(agentId: $agentId, first: $first) {
      edges {
        node {
          invocations(first: $invocations) {
            totalCount
          }
        }
      }
    }
  }
`);

const ConvBadDeliveries = graphql(`
  query ConvBadDeliveries($first: Int) {
    webhookDeliveries(first: $first) {
      totalCount
    }
  }
`);

const ConvBadApiKeys = graphql(`
  query ConvBadApiKeys($last: Int) {
    apiKeys(last: $last) {
      totalCount
    }
  }
`);

const ConvBadAgentEvents = graphql(`
  query ConvBadAgentEvents($first: Int) {
    agent(name: "conv-bot") {
      llmEvents(first: $first) {
        totalCount
      }
    }
  }
`);

const ConvBadJournal = graphql(`
  subscription ConvBadJournal($executionId: ID!, $after: Int) {
    executionEvents(executionId: $executionId, after: $after) {
      __typename
    }
  }
`);

const ConvAppEventPage = graphql(`
  query ConvAppEventPage($first: Int!) {
    appEvents(first: $first) {
      edges {
        node {
          globalId
          id
        }
      }
    }
  }
`);

const ConvAuditEventPage = graphql(`
  query ConvAuditEventPage($first: Int!) {
    auditEvents(first: $first) {
      edges {
        node {
          globalId
          actorType
          resourceId
        }
      }
    }
  }
`);

const ConvLlmEventPage = graphql(`
  query ConvLlmEventPage($first: Int!) {
    llmEvents(first: $first) {
      edges {
        node {
          id
          agent {
            name
          }
          agentVersion {
            name
          }
          fingerprint {
            id
          }
          person {
            personId
          }
          session {
            sessionId
            person {
              personId
            }
          }
        }
      }
    }
  }
`);

const ConvExecutionPage = graphql(`
  query ConvExecutionPage($first: Int!) {
    executions(first: $first) {
      edges {
        node {
          id
          agent {
            name
          }
          agentVersion {
            name
          }
          conversation {
            conversationId
          }
          toolCalls {
            name
          }
        }
      }
    }
  }
`);

const ConvInvocationPage = graphql(`
  query ConvInvocationPage($agentId: ID!, $first: Int!) {
    triggers(agentId: $agentId) {
      edges {
        node {
          agent {
            name
          }
          invocations(first: $first) {
            edges {
              node {
                id
                trigger {
                  id
                }
                execution {
                  id
                  agent {
                    name
                  }
                }
                conversation {
                  conversationId
                }
              }
            }
          }
        }
      }
    }
  }
`);

const ConvDeliveryPage = graphql(`
  query ConvDeliveryPage($first: Int!) {
    webhookDeliveries(first: $first) {
      edges {
        node {
          id
          endpoint {
            url
          }
          attempts {
            number
          }
        }
      }
    }
  }
`);

const ConvAgentNames = graphql(`
  query ConvAgentNames {
    agents {
      name
    }
  }
`);

const ConvAgentVersions = graphql(`
  query ConvAgentVersions {
    agents {
      name
      version(name: "v1") {
        name
        agent {
          name
        }
      }
    }
  }
`);

const ConvInvocationMessages = graphql(`
  query ConvInvocationMessages($agentId: ID!, $after: String) {
    trigger(agentId: $agentId, id: "conv-trigger") {
      invocations(first: 2, status: SUCCESS) {
        edges {
          node {
            conversation {
              messages(first: 1, after: $after) {
                edges {
                  cursor
                  node {
                    role
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

const PAGE = 50;
const BAD_INVOCATIONS = 3;

let database: TestDatabase;
let server: TestServer;
let a: { tenantId: string; key: string; keyId: string };
let b: { tenantId: string; key: string; keyId: string };
let agentId: string;
let statements = 0;

const toGlobalId = (typename: string, id: string | bigint) =>
  Buffer.from(`${typename}:${id}`).toString('base64');

/** Tenant A's entities, one global id per row, read from the database beside the API under test. */
async function globalIdsOfA() {
  const prisma = server.switchboard.services.prisma;
  const tenantId = a.tenantId;
  const byId = (typename: string, rows: { id: string }[]) =>
    rows.map((row) => toGlobalId(typename, row.id));
  const select = { id: true } as const;
  return {
    Tenant: [toGlobalId('Tenant', tenantId)],
    Project: byId('Project', await prisma.project.findMany({ where: { tenantId }, select })),
    ApiKey: byId('ApiKey', await prisma.apiKey.findMany({ where: { tenantId }, select })),
    AppEvent: (await prisma.appEvent.findMany({ where: { tenantId }, select: { seq: true } })).map(
      (row) => toGlobalId('AppEvent', row.seq),
    ),
    AuditEvent: byId(
      'AuditEvent',
      await prisma.auditEvent.findMany({ where: { tenantId }, select }),
    ),
    Fingerprint: byId(
      'Fingerprint',
      await prisma.fingerprint.findMany({ where: { tenantId }, select }),
    ),
    Agent: byId('Agent', await prisma.agent.findMany({ where: { tenantId }, select })),
    AgentVersion: byId(
      'AgentVersion',
      await prisma.agentVersion.findMany({ where: { tenantId }, select }),
    ),
    Person: byId('Person', await prisma.person.findMany({ where: { tenantId }, select })),
    TelemetrySession: byId(
      'TelemetrySession',
      await prisma.telemetrySession.findMany({ where: { tenantId }, select }),
    ),
    LlmEvent: byId('LlmEvent', await prisma.llmEvent.findMany({ where: { tenantId }, select })),
    Conversation: byId(
      'Conversation',
      await prisma.conversation.findMany({ where: { tenantId }, select }),
    ),
    ConversationMessage: (
      await prisma.conversationMessage.findMany({ where: { tenantId }, select: { seq: true } })
    ).map((row) => toGlobalId('ConversationMessage', row.seq)),
    Execution: byId('Execution', await prisma.execution.findMany({ where: { tenantId }, select })),
    ExecutionToolCall: byId(
      'ExecutionToolCall',
      await prisma.executionToolCall.findMany({ where: { execution: { tenantId } }, select }),
    ),
    Credential: byId(
      'Credential',
      await prisma.credential.findMany({ where: { tenantId }, select }),
    ),
    Trigger: (
      await prisma.trigger.findMany({ where: { tenantId }, select: { agentId: true, id: true } })
    ).map((row) => toGlobalId('Trigger', `${row.agentId}:${row.id}`)),
    TriggerInvocation: byId(
      'TriggerInvocation',
      await prisma.triggerInvocation.findMany({ where: { tenantId }, select }),
    ),
    WebhookEndpoint: byId(
      'WebhookEndpoint',
      await prisma.webhookEndpoint.findMany({ where: { tenantId }, select }),
    ),
    WebhookDelivery: byId(
      'WebhookDelivery',
      await prisma.webhookDelivery.findMany({ where: { tenantId }, select }),
    ),
    WebhookAttempt: byId(
      'WebhookAttempt',
      await prisma.webhookAttempt.findMany({ where: { delivery: { tenantId } }, select }),
    ),
  };
}

async function webhook(url: string, body: unknown) {
  const response = await fetch(`${server.url}${new URL(url).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

async function invocationsOverRest(query: string) {
  const response = await fetch(
    `${server.url}/manage/tenants/${a.tenantId}/projects/default/agents/${agentId}/triggers/conv-trigger/invocations?limit=100&${query}`,
    {
      headers: { authorization: `Bearer ${a.key}` },
    },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { id: string }[] }).data.map(
    (invocation) => invocation.id,
  );
}

/** The operation of `document` under its name and `suffix`: a document text of its own. */
const renamed = <Document extends DocumentNode>(document: Document, suffix: string): Document =>
  suffix
    ? {
        ...document,
        definitions: document.definitions.map((definition) =>
          definition.kind === Kind.OPERATION_DEFINITION && definition.name
            ? { ...definition, name: { ...definition.name, value: definition.name.value + suffix } }
            : definition,
        ),
      }
    : document;

/** The SQL statements one operation sends (the fewest of two runs: a key's last-used minute may be written once). */
async function statementsOf(run: () => Promise<{ errors?: unknown }>) {
  const counts: number[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = statements;
    const result = await run();
    expect(result.errors).toBeUndefined();
    counts.push(statements - before);
  }
  return Math.min(...counts);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The world is built with busy workers; the server under test polls rarely, so its statements are the queries'.
  const env = { OUTBOUND_ALLOWED_NETWORKS: 'loopback', DELIVERY_POLL_MS: '50' };
  const builder = await startServer({ database, env });
  server = builder;
  a = await server.newTenant('a');
  b = await server.newTenant('b');
  const key = { key: a.key };
  expect((await server.graphql(ConvCreateProject, {}, key)).errors).toBeUndefined();
  expect((await server.graphql(ConvCreateEndpoint, {}, key)).errors).toBeUndefined();
  expect((await server.graphql(ConvCreateCredential, {}, key)).errors).toBeUndefined();
  const inputs = Array.from({ length: PAGE }, (_, n) => ({ type: 'conv', properties: { n } }));
  expect((await server.graphql(ConvLogEvents, { inputs }, key)).errors).toBeUndefined();
  const fingerprintId = (await server.graphql(ConvCreateFingerprint, {}, key)).data!
    .createFingerprint.fingerprint.id;
  const llmEvents = Array.from({ length: PAGE }, (_, n) => ({
    fingerprintId,
    properties: {},
    agent: `agent-${n % 10}`,
    agentVersion: `v${n}`,
    person: `person-${n}`,
    session: `session-${n}`,
  }));
  expect(
    (await server.graphql(ConvCreateLlmEvents, { inputs: llmEvents }, key)).errors,
  ).toBeUndefined();
  const runConfig = {
    provider: {
      type: 'SCRIPTED' as const,
      turns: [{ toolCalls: [{ name: 'echo', arguments: { n: 1 } }] }, { text: 'Done.' }],
    },
    tools: [{ name: 'echo', executor: { type: 'BUILTIN' as const, name: 'ECHO' as const } }],
  };
  const agent = await server.graphql(ConvCreateAgent, { runConfig }, key);
  expect(agent.errors).toBeUndefined();
  agentId = agent.data!.createAgent.id;
  const trigger = await server.graphql(ConvCreateTrigger, { agentId }, key);
  expect(trigger.errors).toBeUndefined();
  for (let n = 0; n < PAGE; n++)
    expect(await webhook(trigger.data!.createTrigger.webhookUrl, { n })).toBe(202);
  for (let n = 0; n < BAD_INVOCATIONS; n++)
    expect(await webhook(trigger.data!.createTrigger.webhookUrl, { other: n })).not.toBe(202);
  const prisma = server.switchboard.services.prisma;
  // A webhook's run starts after its 202: an invocation stays pending until its run has ended.
  await eventually(
    async () =>
      (await prisma.triggerInvocation.count({
        where: { tenantId: a.tenantId, status: 'pending' },
      })) === 0 &&
      (await prisma.execution.count({ where: { tenantId: a.tenantId, endedAt: null } })) === 0,
    'every run to end',
    60_000,
  );
  await eventually(
    async () =>
      (await prisma.webhookDelivery.count({
        where: { tenantId: a.tenantId, attempts: { none: {} } },
      })) === 0,
    'every delivery to be tried',
    30_000,
  );
  await builder.stop();
  server = await startServer({
    database,
    env: { DELIVERY_POLL_MS: '600000', EXECUTION_POLL_MS: '600000' },
    onQuery: () => {
      statements++;
    },
  });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('Relay object identification', () => {
  it('resolves every entity type by its global id, and answers null to another tenant', async () => {
    const ids = await globalIdsOfA();
    const nodeTypes = schema
      .getPossibleTypes(schema.getType('Node') as never)
      .map((type) => type.name);
    expect(Object.keys(ids).sort()).toEqual([...nodeTypes].sort());
    for (const [typename, list] of Object.entries(ids)) {
      expect(list.length, typename).toBeGreaterThan(0);
      const sample = list.slice(0, 3);
      const own = await server.graphql(ConvNodes, { ids: sample }, { key: a.key });
      expect(own.errors, typename).toBeUndefined();
      expect(own.data!.nodes, typename).toEqual(
        sample.map((globalId) => ({ __typename: typename, globalId })),
      );
      const foreign = await server.graphql(ConvNodes, { ids: sample }, { key: b.key });
      expect(foreign.errors, typename).toBeUndefined();
      expect(foreign.data!.nodes, typename).toEqual(sample.map(() => null));
    }
  });

  it('refetches one node with its fields, and keeps node lookups to tenant keys', async () => {
    const [execution] = (await globalIdsOfA()).Execution;
    const own = await server.graphql(ConvNode, { id: execution }, { key: a.key });
    expect(own.data!.node).toMatchObject({ globalId: execution, status: 'COMPLETED' });
    expect(toGlobalId('Execution', (own.data!.node as { id: string }).id)).toBe(execution);
    expect(
      (await server.graphql(ConvNode, { id: execution }, { key: b.key })).data!.node,
    ).toBeNull();
    for (const id of [
      'not a global id',
      toGlobalId('AppEvent', 'abc'),
      toGlobalId('ConversationMessage', '1.5'),
    ]) {
      const malformed = await server.graphql(ConvNode, { id }, { key: a.key });
      expect(
        malformed.errors?.map((error) => error.extensions?.code),
        id,
      ).toEqual(['BAD_USER_INPUT']);
    }
    const unknown = await server.graphql(
      ConvNodes,
      { ids: [toGlobalId('Nothing', '1'), execution, toGlobalId('Query', '1')] },
      { key: a.key },
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.nodes).toEqual([
      null,
      { __typename: 'Execution', globalId: execution },
      null,
    ]);
    expect(
      (await server.graphql(ConvNode, { id: toGlobalId('Nothing', '1') }, { key: a.key })).data!
        .node,
    ).toBeNull();
    const anonymous = await server.graphql(ConvNode, { id: execution });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('trigger invocations', () => {
  it('finds one invocation by id, within the tenant only', async () => {
    const [id] = await invocationsOverRest('');
    const own = await server.graphql(ConvInvocation, { id }, { key: a.key });
    expect(own.data!.triggerInvocation).toMatchObject({ id, trigger: { id: 'conv-trigger' } });
    expect(
      (await server.graphql(ConvInvocation, { id }, { key: b.key })).data!.triggerInvocation,
    ).toBeNull();
    expect(
      (await server.graphql(ConvInvocation, { id: 'missing' }, { key: a.key })).data!
        .triggerInvocation,
    ).toBeNull();
  });

  it('loads an invocation’s conversation with a paged selection beneath it', async () => {
    const first = await server.graphql(ConvInvocationMessages, { agentId }, { key: a.key });
    expect(first.errors).toBeUndefined();
    const cursor =
      first.data!.trigger!.invocations.edges[0].node.conversation!.messages.edges[0].cursor;
    const next = await server.graphql(
      ConvInvocationMessages,
      { agentId, after: cursor },
      { key: a.key },
    );
    expect(next.errors).toBeUndefined();
    expect(
      next.data!.trigger!.invocations.edges[0].node.conversation!.messages.edges[0].node.role,
    ).toBe('assistant');
  });

  it('filters Trigger.invocations by status and time as the REST route does', async () => {
    const ids = async (variables: {
      status?: 'PENDING' | 'SUCCESS' | 'FAILED';
      from?: string;
      to?: string;
    }) => {
      const result = await server.graphql(
        ConvInvocations,
        { agentId, ...variables },
        { key: a.key },
      );
      expect(result.errors).toBeUndefined();
      const { totalCount, edges } = result.data!.trigger!.invocations;
      expect(totalCount).toBe(edges.length);
      return edges.map(({ node }) => node.id);
    };
    const all = await ids({});
    expect(all).toHaveLength(PAGE + BAD_INVOCATIONS);
    expect(await ids({ status: 'FAILED' })).toEqual(await invocationsOverRest('status=failed'));
    expect(await ids({ status: 'FAILED' })).toHaveLength(BAD_INVOCATIONS);
    expect(await ids({ status: 'SUCCESS' })).toEqual(await invocationsOverRest('status=success'));
    const times = (
      await server.graphql(ConvInvocations, { agentId }, { key: a.key })
    ).data!.trigger!.invocations.edges.map(({ node }) => node.createdAt as string);
    const middle = times[Math.floor(times.length / 2)];
    const from = await ids({ from: middle });
    expect(from).toEqual(await invocationsOverRest(`from=${encodeURIComponent(middle)}`));
    const to = await ids({ to: middle });
    expect(to).toEqual(await invocationsOverRest(`to=${encodeURIComponent(middle)}`));
    expect([...from, ...to].sort()).toEqual([...all].sort());
    expect(await ids({ status: 'SUCCESS', from: middle })).toEqual(
      await invocationsOverRest(`status=success&from=${encodeURIComponent(middle)}`),
    );
  });
});

describe('one type per concept', () => {
  it('gives AuditEvent.actorType and AuditActorStats.actorType the same enum', async () => {
    const result = await server.graphql(ConvActorTypes, {}, { key: a.key });
    const typeOf = (type: NonNullable<typeof result.data>['event']) =>
      type!.fields!.find((field) => field.name === 'actorType')!.type.ofType;
    expect(typeOf(result.data!.event)).toEqual({ name: 'ActorType', kind: 'ENUM' });
    expect(typeOf(result.data!.stats)).toEqual({ name: 'ActorType', kind: 'ENUM' });
  });
});

describe('paging arguments', () => {
  it('refuses negative and over-large page sizes and malformed cursors as BAD_USER_INPUT on every connection', async () => {
    const key = { key: a.key };
    const refusals = [
      await server.graphql(ConvBadAppEvents, { first: -1 }, key),
      await server.graphql(ConvBadAppEvents, { last: -1 }, key),
      await server.graphql(ConvBadAppEvents, { first: 101 }, key),
      await server.graphql(ConvBadAppEvents, { after: 'not a cursor' }, key),
      await server.graphql(ConvBadAuditEvents, { first: -1 }, key),
      await server.graphql(ConvBadAuditEvents, { last: 1000 }, key),
      await server.graphql(ConvBadLlmEvents, { first: 10_000 }, key),
      await server.graphql(ConvBadExecutions, { first: -5 }, key),
      await server.graphql(ConvBadExecutions, { after: '!!!' }, key),
      await server.graphql(ConvBadTriggers, { agentId, first: -1 }, key),
      await server.graphql(ConvBadTriggers, { agentId, invocations: -1 }, key),
      await server.graphql(ConvBadTriggers, { agentId, invocations: 101 }, key),
      await server.graphql(ConvBadDeliveries, { first: 500 }, key),
      await server.graphql(ConvBadApiKeys, { last: -1 }, key),
      await server.graphql(ConvBadAgentEvents, { first: -1 }, key),
    ];
    for (const refusal of refusals) {
      expect(
        refusal.errors?.map((error) => error.extensions?.code),
        JSON.stringify(refusal.errors),
      ).toEqual(['BAD_USER_INPUT']);
    }
    const page = await server.graphql(ConvBadAppEvents, { first: 100 }, key);
    expect(page.errors).toBeUndefined();
  });

  it('refuses a negative `after` on executionEvents as BAD_USER_INPUT', async () => {
    const [execution] = await server.switchboard.services.prisma.execution.findMany({
      where: { tenantId: a.tenantId },
      take: 1,
    });
    const stream = subscribe(server.wsClient(a.key), ConvBadJournal, {
      executionId: execution.id,
      after: -1,
    });
    await eventually(() => stream.completed, 'the subscription to end');
    expect(
      stream.received
        .flatMap((message) => message.errors ?? [])
        .map((error) => error.extensions?.code),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

describe('SQL statements per list query', () => {
  const key = () => ({ key: a.key });
  const pages = {
    appEvents: (first: number, suffix = '') =>
      server.graphql(renamed(ConvAppEventPage, suffix), { first }, key()),
    auditEvents: (first: number, suffix = '') =>
      server.graphql(renamed(ConvAuditEventPage, suffix), { first }, key()),
    llmEvents: (first: number, suffix = '') =>
      server.graphql(renamed(ConvLlmEventPage, suffix), { first }, key()),
    executions: (first: number, suffix = '') =>
      server.graphql(renamed(ConvExecutionPage, suffix), { first }, key()),
    triggerInvocations: (first: number, suffix = '') =>
      server.graphql(renamed(ConvInvocationPage, suffix), { agentId, first }, key()),
    webhookDeliveries: (first: number, suffix = '') =>
      server.graphql(renamed(ConvDeliveryPage, suffix), { first }, key()),
  };

  it.each(Object.keys(pages) as (keyof typeof pages)[])(
    '%s: a page of 50 with every relation costs the statements of a page of 5',
    async (name) => {
      const full = await pages[name](PAGE);
      const edges = Object.values(full.data!)[0] as { edges?: unknown[] } & {
        edges: { node: { invocations?: { edges: unknown[] } } }[];
      };
      const size = edges.edges[0]?.node.invocations
        ? edges.edges[0].node.invocations.edges.length
        : edges.edges.length;
      expect(size).toBe(PAGE);
      const small = await statementsOf(() => pages[name](5));
      const large = await statementsOf(() => pages[name](PAGE));
      expect(large).toBe(small);
    },
  );

  // Queries run compiled (graphql-jit) once their document has run twice: under a name no run has
  // used yet, a page runs interpreted first, then compiled.
  it.each(Object.keys(pages) as (keyof typeof pages)[])(
    '%s: a compiled page costs the statements of an interpreted one',
    async (name) => {
      const runs: number[] = [];
      for (let run = 0; run < 6; run++) {
        const before = statements;
        expect((await pages[name](PAGE, 'Again')).errors).toBeUndefined();
        runs.push(statements - before);
      }
      expect(Math.min(runs[4], runs[5])).toBe(Math.min(runs[0], runs[1]));
    },
  );

  it('reads Agent.version for a whole list of agents in one batch', async () => {
    const listed = await server.graphql(ConvAgentVersions, {}, { key: a.key });
    expect(listed.data!.agents.length).toBeGreaterThan(10);
    expect(
      listed
        .data!.agents.filter((agent) => agent.version)
        .map((agent) => [agent.name, agent.version!.name, agent.version!.agent.name]),
    ).toEqual([
      ['agent-1', 'v1', 'agent-1'],
      ['conv-bot', 'v1', 'conv-bot'],
    ]);
    const names = await statementsOf(() => server.graphql(ConvAgentNames, {}, { key: a.key }));
    const withVersions = await statementsOf(() =>
      server.graphql(ConvAgentVersions, {}, { key: a.key }),
    );
    // One statement for the versions of every agent, one for their `agent` (a Prisma include level); per agent it would be 2 × 12.
    expect(withVersions - names).toBe(2);
  });
});
