import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { readEvents } from '../support/sse.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

const RestClientsVersion = graphql(`
  query RestClientsVersion($agentName: String!, $versionName: String!) {
    agent(name: $agentName) {
      id
      version(name: $versionName) {
        id
        runConfig {
          provider {
            type
          }
          tools {
            name
            requiresApproval
          }
        }
      }
    }
  }
`);

const RestClientsTriggerByName = graphql(`
  query RestClientsTriggerByName($agent: ID!, $id: String!) {
    trigger(agentId: $agent, id: $id) {
      id
    }
    triggers(agentId: $agent) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

const RestClientsUpdateTriggerByName = graphql(`
  mutation RestClientsUpdateTriggerByName($agent: ID!, $id: String!) {
    updateTrigger(agentId: $agent, id: $id, changes: { description: "via the agent's name" }) {
      description
    }
  }
`);

let server: TestServer;
let tenantId: string;
let key: string;

beforeAll(async () => {
  server = await startServer();
  ({ tenantId, key } = await server.newTenant('rest-only'));
});
afterAll(() => server?.stop());

async function rest(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : null,
  };
}

/** Starts an execution over REST and returns its streamed text and id. */
async function run(input: Record<string, unknown>) {
  const response = await fetch(`${server.url}/run/api/executions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...input, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  const events = await readEvents(response);
  const text = events
    .filter((event) => event.event === 'text_delta')
    .map((event) => JSON.parse(event.data).text)
    .join('');
  return { executionId: response.headers.get('x-execution-id')!, text };
}

const scripted = (text: string) => ({ provider: { type: 'scripted', turns: [{ text }] } });

describe('a REST-only client', () => {
  it('lists agents, reads their ids, configures a version and runs it by agent name', async () => {
    const created = await rest('POST', '/telemetry/v1/agents', { agent_name: 'rest-bot' });
    expect(created.status).toBe(200);
    const agentId: string = created.body.agent_id;
    expect(agentId).toMatch(/^[0-9a-f-]{36}$/);
    await rest('POST', '/telemetry/v1/agents', { agent_name: 'rest-other-bot' });

    const firstPage = await rest('GET', '/telemetry/v1/agents?limit=1');
    expect(firstPage.body).toMatchObject({ total: 2, limit: 1, offset: 0, has_next: true });
    expect(firstPage.body.agents).toEqual([created.body]);
    const secondPage = await rest('GET', '/telemetry/v1/agents?limit=1&offset=1');
    expect(secondPage.body).toMatchObject({
      total: 2,
      has_next: false,
      agents: [{ agent_name: 'rest-other-bot', agent_number: 2 }],
    });
    expect((await rest('GET', '/telemetry/v1/agents/rest-bot')).body.agent_id).toBe(agentId);
    expect((await rest('GET', '/telemetry/v1/agents?limit=0')).status).toBe(422);

    const version = await rest('POST', '/telemetry/v1/agents/rest-bot/versions', {
      agent_version_name: 'v1',
      run_config: scripted('Hello from v1.'),
    });
    expect(version.status).toBe(200);
    expect(version.body.run_config).toMatchObject({
      provider: { type: 'scripted', turns: [{ text: 'Hello from v1.' }] },
      tools: [],
    });
    const versionId: string = version.body.agent_version_id;

    const patched = await rest('PATCH', '/telemetry/v1/agents/rest-bot/versions/v1', {
      run_config: {
        ...scripted('Patched.'),
        tools: [
          { name: 'lookup', requiresApproval: true, executor: { type: 'builtin', name: 'echo' } },
        ],
      },
    });
    expect(patched.status).toBe(200);
    const read = await rest('GET', '/telemetry/v1/agents/rest-bot/versions/v1');
    expect(read.body).toMatchObject({
      agent_version_id: versionId,
      run_config: { tools: [{ name: 'lookup', requiresApproval: true }] },
    });
    // The same configuration GraphQL shows (typed there).
    const overGraphql = await server.graphql(
      RestClientsVersion,
      { agentName: 'rest-bot', versionName: 'v1' },
      { key },
    );
    expect(overGraphql.data!.agent).toEqual({
      id: agentId,
      version: {
        id: versionId,
        runConfig: {
          provider: { type: 'SCRIPTED' },
          tools: [{ name: 'lookup', requiresApproval: true }],
        },
      },
    });

    // Bad configurations: 422 naming the field, nothing stored.
    const badTool = await rest('PATCH', '/telemetry/v1/agents/rest-bot/versions/v1', {
      run_config: { tools: [{ name: 'x', executor: { type: 'ftp' } }] },
    });
    expect(badTool.status).toBe(422);
    expect(badTool.body.detail[0].loc.slice(0, 4)).toEqual(['body', 'run_config', 'tools', '0']);
    const missingKey = await rest('POST', '/telemetry/v1/agents/rest-bot/versions', {
      agent_version_name: 'v2',
      run_config: {
        provider: {
          type: 'openai-compatible',
          model: 'm',
          apiKeyCredentialId: 'no-such-credential',
        },
      },
    });
    expect(missingKey.status).toBe(422);
    expect(missingKey.body.detail[0].loc).toEqual([
      'body',
      'run_config',
      'provider',
      'apiKeyCredentialId',
    ]);
    expect((await rest('GET', '/telemetry/v1/agents/rest-bot/versions/v2')).status).toBe(404);
    expect(
      (await rest('GET', '/telemetry/v1/agents/rest-bot/versions/v1')).body.run_config,
    ).toEqual(read.body.run_config);

    await rest('PATCH', '/telemetry/v1/agents/rest-bot/versions/v1', {
      run_config: scripted('Patched.'),
    });
    const byName = await run({ agentId: 'rest-bot' });
    expect(byName.text).toBe('Patched.');
    const status = await rest('GET', `/run/api/executions/${byName.executionId}`);
    expect(status.body.agentId).toBe(agentId);
    expect((await run({ agentId, agentVersion: versionId })).text).toBe('Patched.');
    const unknown = await rest('POST', '/run/api/executions', {
      agentId: 'no-such-bot',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(unknown.status).toBe(404);

    // The trigger routes take the name too.
    const trigger = await rest(
      'POST',
      `/manage/tenants/${tenantId}/projects/default/agents/rest-bot/triggers`,
      { id: 'by-name', name: 'By name' },
    );
    expect(trigger.status).toBe(201);
    expect(
      (
        await rest(
          'GET',
          `/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers/by-name`,
        )
      ).body.data.id,
    ).toBe('by-name');
    for (const agent of [agentId, 'rest-bot']) {
      const listed = await server.graphql(
        RestClientsTriggerByName,
        { agent, id: 'by-name' },
        { key },
      );
      expect(listed.data).toEqual({
        trigger: { id: 'by-name' },
        triggers: { totalCount: 1, edges: [{ node: { id: 'by-name' } }] },
      });
    }
    const updated = await server.graphql(
      RestClientsUpdateTriggerByName,
      { agent: 'rest-bot', id: 'by-name' },
      { key },
    );
    expect(updated.data!.updateTrigger.description).toBe("via the agent's name");
  });
});

describe('credentials over REST', () => {
  it('creates, lists, uses, rotates and deletes the credentials triggers and run configurations name by id', async () => {
    const credentials = `/manage/tenants/${tenantId}/projects/default/credentials`;
    const signing = await rest('POST', credentials, { name: 'github' });
    expect(signing.status).toBe(201);
    expect(signing.body.data).toMatchObject({
      name: 'github',
      kind: 'WEBHOOK_SIGNING_SECRET',
      rotatedAt: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    const signingId: string = signing.body.data.id;
    const modelKey = await rest('POST', credentials, {
      name: 'model',
      kind: 'MODEL_API_KEY',
      secret: 'sk-test-123456',
    });
    expect(modelKey.status).toBe(201);
    expect(
      (await rest('POST', credentials, { name: 'no-secret', kind: 'MODEL_API_KEY' })).status,
    ).toBe(400);

    const listed = await rest('GET', `${credentials}?limit=1&page=2`);
    const { secret: _secret, ...modelKeyShown } = modelKey.body.data;
    expect(listed.body).toEqual({
      data: [modelKeyShown],
      pagination: { page: 2, limit: 1, total: 2, pages: 2 },
    });
    expect(
      (await rest('GET', `/manage/tenants/${tenantId}/projects/another-project/credentials`))
        .status,
    ).toBe(404);

    await rest('POST', '/telemetry/v1/agents', { agent_name: 'credential-bot' });
    const trigger = await rest(
      'POST',
      `/manage/tenants/${tenantId}/projects/default/agents/credential-bot/triggers`,
      {
        id: 'signed',
        name: 'Signed',
        signingSecretCredentialReferenceId: signingId,
        signatureVerification: {
          algorithm: 'sha256',
          encoding: 'hex',
          signature: { source: 'header', key: 'X-Signature' },
          signedComponents: [{ source: 'body' }],
        },
      },
    );
    expect(trigger.status, JSON.stringify(trigger.body)).toBe(201);
    const version = await rest('POST', '/telemetry/v1/agents/credential-bot/versions', {
      agent_version_name: 'v1',
      run_config: {
        provider: {
          type: 'openai-compatible',
          model: 'm',
          baseUrl: 'http://127.0.0.1:9/v1',
          apiKeyCredentialId: modelKey.body.data.id,
        },
      },
    });
    expect(version.status).toBe(200);
    expect(version.body.run_config.provider.apiKeyCredentialId).toBe(modelKey.body.data.id);

    const rotated = await rest('POST', `${credentials}/${signingId}/rotate`, { graceSeconds: 60 });
    expect(rotated.body.data).toMatchObject({
      id: signingId,
      secret: expect.stringMatching(/^whsec_/),
      rotatedAt: expect.any(String),
      previousValidUntil: expect.any(String),
    });
    expect(rotated.body.data.secret).not.toBe(signing.body.data.secret);
    const inUse = await rest('DELETE', `${credentials}/${signingId}`);
    expect(inUse.status).toBe(409);
    expect(inUse.contentType).toContain('application/problem+json');
    await rest(
      'DELETE',
      `/manage/tenants/${tenantId}/projects/default/agents/credential-bot/triggers/signed`,
    );
    expect((await rest('DELETE', `${credentials}/${signingId}`)).status).toBe(204);
    expect((await rest('GET', credentials)).body.pagination.total).toBe(1);
  });
});

describe('PATCH of a trigger', () => {
  const triggers = (agent: string, path = '') =>
    `/manage/tenants/${tenantId}/projects/default/agents/${agent}/triggers${path}`;
  let before: { id: string; webhookUrl: string; createdAt: string; updatedAt: string };

  beforeAll(async () => {
    await rest('POST', '/telemetry/v1/agents', { agent_name: 'patch-a' });
    await rest('POST', '/telemetry/v1/agents', { agent_name: 'patch-b' });
    before = (await rest('POST', triggers('patch-a'), { id: 't1', name: 'One' })).body.data;
    await rest('POST', triggers('patch-a'), { id: 't2', name: 'Two' });
  });

  const refused = async (body: Record<string, unknown>, field: string) => {
    const response = await rest('PATCH', triggers('patch-a', '/t1'), body);
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.errors[0].path).toEqual([field]);
  };

  it('refuses what the page does not allow, and changes of the tenant, project or timestamps, naming the field', async () => {
    await refused({ id: 'has spaces!' }, 'id');
    await refused({ id: '' }, 'id');
    await refused({ agentId: 'x'.repeat(257) }, 'agentId');
    await refused({ tenantId: 'another-tenant', name: 'Not applied' }, 'tenantId');
    await refused({ projectId: 'another-project' }, 'projectId');
    await refused({ createdAt: '2000-01-01T00:00:00.000Z' }, 'createdAt');
    await refused({ agentId: 'no-such-agent' }, 'agentId');
    const unchanged = await rest('GET', triggers('patch-a', '/t1'));
    expect(unchanged.body.data).toEqual(before);
    // Sent back as they are, they are accepted.
    const roundTrip = await rest('PATCH', triggers('patch-a', '/t1'), {
      ...before,
      tenantId,
      projectId: 'default',
      agentId: 'patch-a',
      description: 'round trip',
    });
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.body.data).toMatchObject({ id: 't1', description: 'round trip' });
  });

  it('renames a trigger by id (a conflict when taken) and moves it to another agent', async () => {
    const taken = await rest('PATCH', triggers('patch-a', '/t1'), { id: 't2' });
    expect(taken.status).toBe(409);

    const renamed = await rest('PATCH', triggers('patch-a', '/t1'), { id: 't1-renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ id: 't1-renamed', webhookUrl: before.webhookUrl });
    expect((await rest('GET', triggers('patch-a', '/t1'))).status).toBe(404);

    const moved = await rest('PATCH', triggers('patch-a', '/t1-renamed'), {
      agentId: 'patch-b',
      id: 't1',
    });
    expect(moved.status).toBe(200);
    expect((await rest('GET', triggers('patch-a', '/t1-renamed'))).status).toBe(404);
    expect((await rest('GET', triggers('patch-b', '/t1'))).body.data).toMatchObject({
      id: 't1',
      webhookUrl: before.webhookUrl,
    });
    expect((await rest('GET', triggers('patch-b'))).body.pagination.total).toBe(1);

    // Its webhook still reaches it, now under the other agent.
    const delivered = await fetch(`${server.url}${new URL(before.webhookUrl).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(delivered.status).toBe(202);
    const invocations = await rest('GET', triggers('patch-b', '/t1/invocations'));
    expect(invocations.body.data).toHaveLength(1);
  });
});
