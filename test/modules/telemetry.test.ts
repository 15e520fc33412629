import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import type { LlmEventFilter } from '../gql/graphql.ts';
import { chatCompletion } from '../support/llm.ts';
import { AuditEvents, CreateApiKey, CreateProject } from '../support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const TelemetryWebhookEndpoint = graphql(`
  mutation TelemetryWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const CreateFingerprint = graphql(`
  mutation CreateFingerprint($input: CreateFingerprintInput!) {
    createFingerprint(input: $input) {
      created
      fingerprint {
        id
        language
        allPackages
      }
    }
  }
`);

const CreateLlmEvent = graphql(`
  mutation CreateLlmEvent($input: CreateLlmEventInput!) {
    createLlmEvent(input: $input) {
      ...LlmEventFields
      agent {
        name
        number
      }
      agentVersion {
        name
        number
      }
      person {
        personId
      }
      session {
        sessionId
      }
    }
  }
`);

const PersonWithSessions = graphql(`
  query PersonWithSessions($id: String!) {
    person(id: $id) {
      personId
      properties
      sessions {
        totalCount
        edges {
          node {
            sessionId
          }
        }
      }
    }
  }
`);

const UpdatePerson = graphql(`
  mutation UpdatePerson($personId: String!, $properties: JSONObject!, $mode: PersonUpdateMode) {
    updatePerson(personId: $personId, properties: $properties, mode: $mode) {
      personId
      properties
    }
  }
`);

const SessionEvents = graphql(`
  query SessionEvents($id: String!) {
    session(id: $id) {
      sessionId
      person {
        personId
      }
      events {
        totalCount
        edges {
          node {
            id
            model
          }
        }
      }
    }
  }
`);

const AgentWithVersions = graphql(`
  query AgentWithVersions($name: String!) {
    agent(name: $name) {
      name
      number
      deprecatedAt
      versions {
        name
        number
        deprecatedAt
      }
    }
  }
`);

const UpdateAgentVersion = graphql(`
  mutation UpdateAgentVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {
    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {
      name
      deprecatedAt
    }
  }
`);

const LlmEvents = graphql(`
  query LlmEvents($filter: LlmEventFilter, $first: Int) {
    llmEvents(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          model
        }
      }
    }
  }
`);

const LlmEventRecorded = graphql(`
  subscription LlmEventRecorded($filter: LlmEventFilter) {
    llmEventRecorded(filter: $filter) {
      id
      model
      agent {
        name
      }
    }
  }
`);

let server: TestServer;
let tenant: { tenantId: string; key: string; keyId: string };
let fingerprintId: string;

const fingerprintBody = {
  language: 'python',
  language_version: '3.12.1',
  system: 'Linux-6.8-x86_64',
  openai_sdk_version: '1.54.0',
  all_packages: { openai: '1.54.0', httpx: '0.27.2' },
  git_branch: 'main',
};

async function rest(method: string, path: string, body?: unknown, key = tenant.key) {
  const response = await fetch(`${server.url}/telemetry/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  server = await startServer({
    env: {
      LLM_PRICES: JSON.stringify({ 'test-model-a': { input: 1, output: 2 } }),
      // The webhook receiver listens on loopback.
      OUTBOUND_ALLOWED_NETWORKS: 'loopback',
    },
  });
  tenant = await server.newTenant('telemetry');
  const created = await rest('POST', '/fingerprints', fingerprintBody);
  fingerprintId = created.body.fingerprint_id;
});
afterAll(() => server?.stop());

describe('fingerprints', () => {
  it('returns the same id for the same content, in any key order and over either API', async () => {
    expect(fingerprintId).toMatch(/^[0-9a-f-]{36}$/);
    const reordered = {
      ...Object.fromEntries(Object.entries(fingerprintBody).reverse()),
      all_packages: { httpx: '0.27.2', openai: '1.54.0' },
    };
    expect((await rest('POST', '/fingerprints', reordered)).body).toEqual({
      fingerprint_id: fingerprintId,
    });
    const viaGraphQL = await server.graphql(
      CreateFingerprint,
      {
        input: {
          language: 'python',
          languageVersion: '3.12.1',
          system: 'Linux-6.8-x86_64',
          openaiSdkVersion: '1.54.0',
          allPackages: { httpx: '0.27.2', openai: '1.54.0' },
          gitBranch: 'main',
        },
      },
      { key: tenant.key },
    );
    expect(viaGraphQL.data!.createFingerprint).toMatchObject({
      created: false,
      fingerprint: { id: fingerprintId, language: 'python' },
    });
    const other = await rest('POST', '/fingerprints', { ...fingerprintBody, git_branch: 'dev' });
    expect(other.body.fingerprint_id).not.toBe(fingerprintId);
    const audits = await server.graphql(
      AuditEvents,
      { filter: { resourceType: 'FINGERPRINT' } },
      { key: tenant.key },
    );
    expect(audits.data!.auditEvents.totalCount).toBe(2);
  });

  it('names each missing required field in a 422', async () => {
    const response = await rest('POST', '/fingerprints', { language: 'python' });
    expect(response.status).toBe(422);
    expect(
      response.body.detail.map((issue: { loc: string[] }) => issue.loc.join('.')).sort(),
    ).toEqual(['body.language_version', 'body.system']);
  });
});

describe('persons', () => {
  it('creates, gets, replaces (REST) and merges (GraphQL)', async () => {
    const created = await rest('POST', '/persons', {
      person_id: 'user-1',
      properties: { plan: 'free', name: 'Ada' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      person_id: 'user-1',
      properties: { plan: 'free', name: 'Ada' },
    });
    expect(Date.parse(created.body.created_at)).not.toBeNaN();
    expect((await rest('GET', '/persons/user-1')).body).toEqual(created.body);

    const replaced = await rest('PUT', '/persons/user-1', { properties: { plan: 'pro' } });
    expect(replaced.body.properties).toEqual({ plan: 'pro' });
    const merged = await server.graphql(
      UpdatePerson,
      { personId: 'user-1', properties: { seats: 3 }, mode: 'MERGE' },
      { key: tenant.key },
    );
    expect(merged.data!.updatePerson.properties).toEqual({ plan: 'pro', seats: 3 });
  });

  it('answers a missing person with type person-not-found, and a duplicate with a conflict', async () => {
    expect(await rest('GET', '/persons/nobody')).toEqual({
      status: 404,
      body: { type: 'person-not-found', detail: 'Person "nobody" not found' },
    });
    expect((await rest('PUT', '/persons/nobody', { properties: {} })).body.type).toBe(
      'person-not-found',
    );
    await rest('POST', '/persons', { person_id: 'dup' });
    expect(await rest('POST', '/persons', { person_id: 'dup' })).toMatchObject({
      status: 409,
      body: { type: 'person-already-exists' },
    });
    const graphQL = await server.graphql(
      UpdatePerson,
      { personId: 'nobody', properties: {} },
      { key: tenant.key },
    );
    expect(graphQL.errors![0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      type: 'person-not-found',
    });
  });
});

describe('agents and versions', () => {
  it('numbers agents per tenant space and versions per agent, from 1', async () => {
    const first = await rest('POST', '/agents', {
      agent_name: 'support-bot',
      description: 'Answers tickets',
    });
    expect(first.body).toMatchObject({
      agent_name: 'support-bot',
      description: 'Answers tickets',
      deprecated_at: null,
    });
    const second = await rest('POST', '/agents', { agent_name: 'triage-bot' });
    expect(second.body.agent_number).toBe(first.body.agent_number + 1);
    expect((await rest('GET', '/agents/support-bot')).body).toEqual(first.body);
    expect(await rest('POST', '/agents', { agent_name: 'support-bot' })).toMatchObject({
      status: 409,
      body: { type: 'agent-already-exists' },
    });

    const v1 = await rest('POST', '/agents/support-bot/versions', { agent_version_name: 'v1' });
    const v2 = await rest('POST', '/agents/support-bot/versions', {
      agent_version_name: 'v2',
      description: 'Shorter answers',
    });
    const other = await rest('POST', '/agents/triage-bot/versions', { agent_version_name: 'v1' });
    expect([
      v1.body.agent_version_number,
      v2.body.agent_version_number,
      other.body.agent_version_number,
    ]).toEqual([1, 2, 1]);
    expect((await rest('GET', '/agents/support-bot/versions/v2')).body).toEqual(v2.body);
  });

  it('sets and clears deprecated_at', async () => {
    const deprecatedAt = '2026-11-01T00:00:00.000Z';
    const patched = await rest('PATCH', '/agents/support-bot/versions/v1', {
      deprecated_at: deprecatedAt,
    });
    expect(patched.body).toMatchObject({ agent_version_name: 'v1', deprecated_at: deprecatedAt });
    expect(
      (await rest('PATCH', '/agents/support-bot', { deprecated_at: deprecatedAt })).body
        .deprecated_at,
    ).toBe(deprecatedAt);
    const cleared = await server.graphql(
      UpdateAgentVersion,
      { agentName: 'support-bot', name: 'v1', changes: { deprecatedAt: null } },
      { key: tenant.key },
    );
    expect(cleared.data!.updateAgentVersion.deprecatedAt).toBeNull();
    const agent = await server.graphql(
      AgentWithVersions,
      { name: 'support-bot' },
      { key: tenant.key },
    );
    expect(agent.data!.agent).toMatchObject({
      deprecatedAt,
      versions: [
        { name: 'v1', number: 1, deprecatedAt: null },
        { name: 'v2', number: 2 },
      ],
    });
  });

  it('answers missing agents and versions with the page’s types', async () => {
    expect(await rest('GET', '/agents/ghost')).toMatchObject({
      status: 404,
      body: { type: 'agent-not-found' },
    });
    expect(await rest('GET', '/agents/ghost/versions/v1')).toMatchObject({
      status: 404,
      body: { type: 'agent-not-found' },
    });
    expect(
      await rest('POST', '/agents/ghost/versions', { agent_version_name: 'v1' }),
    ).toMatchObject({ status: 404, body: { type: 'agent-not-found' } });
    expect(await rest('GET', '/agents/support-bot/versions/v9')).toMatchObject({
      status: 404,
      body: { type: 'agent-version-not-found' },
    });
    expect(await rest('PATCH', '/agents/support-bot/versions/v9', {})).toMatchObject({
      status: 404,
      body: { type: 'agent-version-not-found' },
    });
  });

  it('records refused creations as failures in the audit log', async () => {
    expect((await rest('POST', '/agents', { agent_name: 'refused-bot' })).status).toBe(200);
    expect((await rest('POST', '/agents', { agent_name: 'refused-bot' })).status).toBe(409);
    const unknownKey = await rest('POST', '/agents/refused-bot/versions', {
      agent_version_name: 'v1',
      run_config: {
        provider: { type: 'openai-compatible', model: 'm', apiKeyCredentialId: 'no-such-key' },
      },
    });
    expect(unknownKey.status).toBe(422);
    await rest('POST', '/persons', { person_id: 'refused-person' });
    expect((await rest('POST', '/persons', { person_id: 'refused-person' })).status).toBe(409);
    const outcomes = async (eventType: string, resourceId: string) => {
      const { data } = await server.graphql(
        AuditEvents,
        { filter: { eventType, resourceId } },
        { key: tenant.key },
      );
      const error = (payload: unknown) => (payload as { error?: { code: string } }).error?.code;
      return data!.auditEvents.edges.map(({ node }) => [node.outcome, error(node.payload)]);
    };
    expect(await outcomes('agent.created', 'refused-bot')).toEqual([['FAILURE', 'CONFLICT']]);
    expect(await outcomes('agent_version.created', 'refused-bot/v1')).toEqual([
      ['FAILURE', 'BAD_USER_INPUT'],
    ]);
    expect(await outcomes('person.created', 'refused-person')).toEqual([
      ['FAILURE', 'CONFLICT'],
      ['SUCCESS', undefined],
    ]);
  });

  it('keeps a project key’s agents in the project’s own space', async () => {
    const project = await server.graphql(CreateProject, { name: 'mobile' }, { key: tenant.key });
    const projectKey = (
      await server.graphql(
        CreateApiKey,
        { name: 'mobile', projectId: project.data!.createProject.id },
        { key: tenant.key },
      )
    ).data!.createApiKey.secret;
    const own = await rest(
      'POST',
      '/agents',
      { agent_name: 'support-bot', description: 'Mobile support' },
      projectKey,
    );
    expect(own.body).toMatchObject({
      agent_name: 'support-bot',
      agent_number: 1,
      description: 'Mobile support',
    });
    expect((await rest('GET', '/agents/support-bot', undefined, projectKey)).body.description).toBe(
      'Mobile support',
    );
    expect((await rest('GET', '/agents/triage-bot', undefined, projectKey)).status).toBe(404);
    expect((await rest('GET', '/agents/support-bot')).body.description).toBe('Answers tickets');
  });

  it('gives concurrently created agents distinct numbers without gaps', async () => {
    const before = (await rest('POST', '/agents', { agent_name: 'numbering-start' })).body
      .agent_number as number;
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rest('POST', '/agents', { agent_name: `parallel-${i}` }),
      ),
    );
    expect(created.every((response) => response.status === 200)).toBe(true);
    const numbers = created
      .map((response) => response.body.agent_number as number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => before + 1 + i));
  });
});

describe('LLM events', () => {
  it('refuses another event_name with a clear 422, and an unknown fingerprint with fingerprint-not-found', async () => {
    const wrongName = await rest('POST', '/events', {
      event_name: 'chat',
      properties: {},
      fingerprint_id: fingerprintId,
    });
    expect(wrongName.status).toBe(422);
    expect(wrongName.body.detail).toEqual([
      {
        loc: ['body', 'event_name'],
        msg: 'must be "llm": only LLM events are supported',
        type: 'value_error',
      },
    ]);
    const unknown = await rest('POST', '/events', {
      event_name: 'llm',
      properties: {},
      fingerprint_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown).toEqual({
      status: 404,
      body: {
        type: 'fingerprint-not-found',
        detail: 'Fingerprint "00000000-0000-4000-8000-000000000000" not found',
      },
    });
    const graphQL = await server.graphql(
      CreateLlmEvent,
      { input: { fingerprintId: 'nope', properties: {} } },
      { key: tenant.key },
    );
    expect(graphQL.errors![0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      type: 'fingerprint-not-found',
    });
  });

  it('uses the default agent and version when none is named', async () => {
    const response = await rest('POST', '/events', {
      event_name: 'llm',
      properties: chatCompletion('test-model-a', { prompt: 1000, completion: 500 }),
      fingerprint_id: fingerprintId,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      event_name: 'llm',
      provider: 'openai',
      model: 'test-model-a',
      input_tokens: 1000,
      output_tokens: 500,
      cost_usd: 0.002,
    });
    const event = await server.graphql(
      CreateLlmEvent,
      { input: { fingerprintId, properties: {} } },
      { key: tenant.key },
    );
    expect(event.data!.createLlmEvent).toMatchObject({
      agent: { name: 'default' },
      agentVersion: { name: 'default', number: 1 },
      provider: null,
      costUsd: null,
    });
  });

  it('creates the named agent, version, person and session when missing, and audits each', async () => {
    const input = {
      fingerprintId,
      properties: chatCompletion('gpt-4o-mini', { prompt: 10, completion: 5 }),
      agent: 'new-agent',
      agentVersion: 'v7',
      person: 'p-new',
      session: 's-new',
    };
    const result = await server.graphql(
      CreateLlmEvent,
      { input },
      { key: tenant.key, headers: { 'x-correlation-id': 'auto-create' } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.createLlmEvent).toMatchObject({
      agent: { name: 'new-agent' },
      agentVersion: { name: 'v7', number: 1 },
      person: { personId: 'p-new' },
      session: { sessionId: 's-new' },
    });
    const audits = await server.graphql(
      AuditEvents,
      { filter: { eventType: undefined }, first: 100 },
      { key: tenant.key },
    );
    const chain = audits
      .data!.auditEvents.edges.map(({ node }) => node)
      .filter((node) => node.correlationId === 'auto-create');
    expect(chain.map((node) => node.eventType).sort()).toEqual([
      'agent.created',
      'agent_version.created',
      'llm_event.recorded',
      'person.created',
      'session.created',
    ]);
    const again = await server.graphql(
      CreateLlmEvent,
      { input },
      { key: tenant.key, headers: { 'x-correlation-id': 'auto-create-2' } },
    );
    expect(again.data!.createLlmEvent.agentVersion.number).toBe(1);
    const secondChain = await server.graphql(
      AuditEvents,
      { filter: { resourceType: 'PERSON', resourceId: 'p-new' } },
      { key: tenant.key },
    );
    expect(secondChain.data!.auditEvents.totalCount).toBe(1);
  });

  it('creates a new person, session, agent and version once under concurrent events naming them', async () => {
    const body = {
      event_name: 'llm',
      properties: {},
      fingerprint_id: fingerprintId,
      agent: 'race-agent',
      agent_version: 'race-v',
      person: 'race-person',
      session: 'race-session',
    };
    const responses = await Promise.all(
      Array.from({ length: 16 }, () => rest('POST', '/events', body)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(16).fill(200));
    const person = await server.graphql(
      PersonWithSessions,
      { id: 'race-person' },
      { key: tenant.key },
    );
    expect(person.data!.person!.sessions.edges.map(({ node }) => node.sessionId)).toEqual([
      'race-session',
    ]);
    for (const resourceType of ['PERSON', 'SESSION', 'AGENT', 'AGENT_VERSION'] as const) {
      const audits = await server.graphql(
        AuditEvents,
        {
          filter: { resourceType, eventType: `${resourceType.toLowerCase()}.created` },
          first: 100,
        },
        { key: tenant.key },
      );
      const ours = audits.data!.auditEvents.edges.filter(
        ({ node }) =>
          JSON.stringify(node.payload).includes('race') || node.resourceId.startsWith('race'),
      );
      expect(ours, resourceType).toHaveLength(1);
    }
    const session = await server.graphql(
      SessionEvents,
      { id: 'race-session' },
      { key: tenant.key },
    );
    expect(session.data!.session!.events.totalCount).toBe(16);

    // With the agent existing, no lock orders the requests: only the unique index does.
    const secondRound = await Promise.all(
      Array.from({ length: 16 }, () =>
        rest('POST', '/events', { ...body, person: 'race-person-2', session: 'race-session-2' }),
      ),
    );
    expect(secondRound.map((response) => response.status)).toEqual(Array(16).fill(200));
    const persons = await server.graphql(
      AuditEvents,
      { filter: { resourceType: 'PERSON', resourceId: 'race-person-2' } },
      { key: tenant.key },
    );
    expect(persons.data!.auditEvents.totalCount).toBe(1);
    const secondSession = await server.graphql(
      SessionEvents,
      { id: 'race-session-2' },
      { key: tenant.key },
    );
    expect(secondSession.data!.session).toMatchObject({
      person: { personId: 'race-person-2' },
      events: { totalCount: 16 },
    });
  });

  it('lists a session’s events in order and a person’s sessions', async () => {
    const ids: string[] = [];
    for (const model of ['m-1', 'm-2', 'm-3']) {
      const result = await server.graphql(
        CreateLlmEvent,
        {
          input: {
            fingerprintId,
            properties: chatCompletion(model, { prompt: 1, completion: 1 }),
            person: 'ordered-person',
            session: 'ordered-session',
          },
        },
        { key: tenant.key },
      );
      ids.push(result.data!.createLlmEvent.id);
    }
    await server.graphql(
      CreateLlmEvent,
      {
        input: {
          fingerprintId,
          properties: {},
          person: 'ordered-person',
          session: 'second-session',
        },
      },
      { key: tenant.key },
    );
    const session = await server.graphql(
      SessionEvents,
      { id: 'ordered-session' },
      { key: tenant.key },
    );
    expect(session.data!.session).toMatchObject({
      sessionId: 'ordered-session',
      person: { personId: 'ordered-person' },
    });
    expect(session.data!.session!.events.edges.map(({ node }) => node.id)).toEqual(ids);
    const person = await server.graphql(
      PersonWithSessions,
      { id: 'ordered-person' },
      { key: tenant.key },
    );
    expect(person.data!.person!.sessions.edges.map(({ node }) => node.sessionId).sort()).toEqual([
      'ordered-session',
      'second-session',
    ]);
    expect(
      (await server.graphql(SessionEvents, { id: 'no-such-session' }, { key: tenant.key })).data!
        .session,
    ).toBeNull();
  });

  it('filters llmEvents by agent, version, person, session, model, provider, time and error', async () => {
    const events = (filter: LlmEventFilter) =>
      server
        .graphql(LlmEvents, { filter, first: 100 }, { key: tenant.key })
        .then((result) => result.data!.llmEvents.totalCount);
    expect(await events({ session: 'ordered-session' })).toBe(3);
    expect(await events({ session: 'ordered-session', model: 'm-2' })).toBe(1);
    expect(await events({ person: 'ordered-person' })).toBe(4);
    expect(await events({ agent: 'race-agent', version: 'race-v' })).toBe(32);
    expect(await events({ agent: 'race-agent', version: 'v7' })).toBe(0);
    expect(await events({ provider: 'openai', model: 'test-model-a' })).toBe(1);
    expect(await events({ from: new Date(Date.now() + 60_000).toISOString() })).toBe(0);
    expect(
      await events({ to: new Date(Date.now() + 60_000).toISOString(), session: 'ordered-session' }),
    ).toBe(3);
    await server.graphql(
      CreateLlmEvent,
      { input: { fingerprintId, properties: chatCompletion('failing', null), session: 'errors' } },
      { key: tenant.key },
    );
    expect(await events({ hasError: true, session: 'errors' })).toBe(1);
    expect(await events({ hasError: false, session: 'errors' })).toBe(0);
  });

  it('delivers new events to llmEventRecorded subscribers whose filter they match', async () => {
    const client = server.wsClient(tenant.key);
    const forAgent = subscribe(client, LlmEventRecorded, { filter: { agent: 'watched-agent' } });
    const all = subscribe(client, LlmEventRecorded, {});
    await Promise.all([forAgent.started, all.started]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.graphql(
      CreateLlmEvent,
      { input: { fingerprintId, properties: {}, agent: 'other-agent' } },
      { key: tenant.key },
    );
    const watched = await server.graphql(
      CreateLlmEvent,
      {
        input: {
          fingerprintId,
          properties: chatCompletion('gpt-4o', { prompt: 1, completion: 1 }),
          agent: 'watched-agent',
        },
      },
      { key: tenant.key },
    );
    await eventually(
      () => all.received.length === 2 && forAgent.received.length === 1,
      'both events to reach the subscribers',
    );
    expect(forAgent.received[0].data!.llmEventRecorded).toEqual({
      id: watched.data!.createLlmEvent.id,
      model: 'gpt-4o',
      agent: { name: 'watched-agent' },
    });
  });

  it('sends endpoints subscribed to llm_event.created each new event, in that type’s shape', async () => {
    const bodies: { type: string; data: Record<string, unknown> }[] = [];
    const receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        bodies.push(JSON.parse(body));
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const created = await server.graphql(
        TelemetryWebhookEndpoint,
        { input: { url, eventTypes: ['LLM_EVENT_CREATED'] } },
        { key: tenant.key },
      );
      expect(created.errors).toBeUndefined();
      const recorded = await server.graphql(
        CreateLlmEvent,
        {
          input: {
            fingerprintId,
            properties: chatCompletion('test-model-a', { prompt: 10, completion: 5 }),
            agent: 'hooked-agent',
          },
        },
        { key: tenant.key },
      );
      const event = recorded.data!.createLlmEvent;
      await eventually(() => bodies.length > 0, 'the webhook');
      expect(bodies).toEqual([
        {
          type: 'llm_event.created',
          timestamp: expect.any(String),
          data: {
            id: event.id,
            agentId: expect.any(String),
            agentVersionId: expect.any(String),
            provider: 'openai',
            model: 'test-model-a',
            inputTokens: 10,
            outputTokens: 5,
            costUsd: (10 * 1 + 5 * 2) / 1e6,
            error: null,
            createdAt: expect.any(String),
          },
        },
      ]);
    } finally {
      receiver.close();
    }
  });

  it('answers malformed and oversized input with 4xx, never 5xx', async () => {
    const cases: [unknown, number][] = [
      ['{not json', 422],
      ['[]', 422],
      [{ event_name: 'llm', properties: 'text', fingerprint_id: fingerprintId }, 422],
      [{ event_name: 'llm', properties: {}, fingerprint_id: fingerprintId, agent: '' }, 422],
      [
        {
          event_name: 'llm',
          properties: {},
          fingerprint_id: fingerprintId,
          person: 'x'.repeat(256),
        },
        422,
      ],
      [
        {
          event_name: 'llm',
          properties: { blob: 'x'.repeat(1024 * 1024) },
          fingerprint_id: fingerprintId,
        },
        422,
      ],
      [{ event_name: 'llm', properties: {}, fingerprint_id: 42 }, 422],
    ];
    for (const [body, status] of cases) {
      const response = await rest('POST', '/events', body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(status);
    }
    expect((await rest('PUT', '/persons/user-1', { properties: [1] })).status).toBe(422);
    expect(
      (await rest('PATCH', '/agents/support-bot', { deprecated_at: 'yesterday' })).status,
    ).toBe(422);
    const garbage = await server.graphql(
      CreateLlmEvent,
      {
        input: {
          fingerprintId,
          properties: {
            inputs: [null, 1],
            outputs: { choices: 'x', usage: { prompt_tokens: -5 } },
          },
        },
      },
      { key: tenant.key },
    );
    expect(garbage.errors).toBeUndefined();
    expect(garbage.data!.createLlmEvent.inputTokens).toBeNull();
  });
});
