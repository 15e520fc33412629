import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import type { AgentChangesInput, CredentialKind } from '../gql/graphql.ts';
import { startFakeOpenAI } from '../support/llm.ts';
import { ADMIN_KEY, eventually, startServer, type TestServer } from '../support/switchboard.ts';

// Tenant configuration never names or reaches the server's environment: model API keys are the
// tenant's own encrypted credentials, and the operator's key serves tenants only where lent.

const CreateModelAgent = graphql(`
  mutation CreateModelAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const CreateModelVersion = graphql(`
  mutation CreateModelVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {
    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {
      id
    }
  }
`);

const UpdateModelVersion = graphql(`
  mutation UpdateModelVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {
    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {
      id
    }
  }
`);

const CreateKindedCredential = graphql(`
  mutation CreateKindedCredential($name: String!, $secret: String, $kind: CredentialKind) {
    createCredential(name: $name, secret: $secret, kind: $kind) {
      secret
      credential {
        id
        kind
      }
    }
  }
`);

const DeleteKindedCredential = graphql(`
  mutation DeleteKindedCredential($id: ID!) {
    deleteCredential(id: $id) {
      id
    }
  }
`);

const RotateKindedCredential = graphql(`
  mutation RotateKindedCredential($id: ID!, $secret: String) {
    rotateCredential(id: $id, secret: $secret) {
      secret
    }
  }
`);

const CredentialKinds = graphql(`
  query CredentialKinds {
    credentials {
      id
      kind
    }
  }
`);

const CreateSignedTrigger = graphql(`
  mutation CreateSignedTrigger($agentId: ID!, $input: CreateTriggerInput!) {
    createTrigger(agentId: $agentId, input: $input) {
      id
    }
  }
`);

const RunModelAgent = graphql(`
  mutation RunModelAgent($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

const ModelRunState = graphql(`
  query ModelRunState($id: ID!) {
    execution(id: $id) {
      status
      error
    }
  }
`);

const OPERATOR_KEY = `sk-operator-${randomBytes(12).toString('hex')}`;
// The OpenAI client reads this variable itself: the operator's headers must not follow a tenant's URL.
const OPERATOR_HEADER = `operator-header-${randomBytes(12).toString('hex')}`;
const OPERATOR_HEADERS = `X-Operator-Secret: ${OPERATOR_HEADER}`;
process.env.OPENAI_CUSTOM_HEADERS = OPERATOR_HEADERS;
const forbidden = [ADMIN_KEY, OPERATOR_KEY, OPERATOR_HEADER];

let operatorLlm: Awaited<ReturnType<typeof startFakeOpenAI>>;
let tenantLlm: Awaited<ReturnType<typeof startFakeOpenAI>>;
let server: TestServer;
let lending: TestServer;
let tenantA: { key: string };
let tenantB: { key: string };

beforeAll(async () => {
  [operatorLlm, tenantLlm] = await Promise.all([
    startFakeOpenAI('operator model'),
    startFakeOpenAI('tenant model'),
  ]);
  const env = {
    OUTBOUND_ALLOWED_NETWORKS: 'loopback',
    OPENAI_BASE_URL: operatorLlm.url,
    OPENAI_API_KEY: OPERATOR_KEY,
    OPENAI_CUSTOM_HEADERS: OPERATOR_HEADERS,
  };
  [server, lending] = await Promise.all([
    startServer({ env }),
    startServer({ env: { ...env, OPENAI_API_KEY_FOR_TENANTS: 'true' } }),
  ]);
  [tenantA, tenantB] = await Promise.all([
    server.newTenant('credentials-a'),
    server.newTenant('credentials-b'),
  ]);
  // Warm: the timed requests measure contention, not the first request's start-up.
  for (const tenant of [tenantA, tenantB])
    await server.graphql(CredentialKinds, {}, { key: tenant.key });
  await agentVersion(server, tenantB.key, { apiKeyEnv: 'WARM_UP' });
});
afterAll(async () => {
  await Promise.all([server?.stop(), lending?.stop()]);
  await Promise.all([operatorLlm?.close(), tenantLlm?.close()]);
});

/** Runs a tenant's hostile request while another tenant's ordinary one runs beside it; that one must finish in under a second. */
async function besideAnotherTenant<T>(
  on: TestServer,
  hostile: () => Promise<T>,
  other: { key: string },
): Promise<T> {
  const timed = async () => {
    const started = performance.now();
    const answer = await on.graphql(CredentialKinds, {}, { key: other.key });
    expect(answer.errors).toBeUndefined();
    return performance.now() - started;
  };
  const [result, elapsed] = await Promise.all([hostile(), timed()]);
  expect(elapsed).toBeLessThan(1000);
  return result;
}

async function modelKey(on: TestServer, key: string, secret: string) {
  const created = await on.graphql(
    CreateKindedCredential,
    { name: 'model key', secret, kind: 'MODEL_API_KEY' as CredentialKind },
    { key },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createCredential.credential.id;
}

let agents = 0;
async function agentVersion(on: TestServer, key: string, provider: Record<string, unknown>) {
  const name = `model-agent-${++agents}`;
  const agent = await on.graphql(CreateModelAgent, { name }, { key });
  expect(agent.errors).toBeUndefined();
  const version = await on.graphql(
    CreateModelVersion,
    {
      agentName: name,
      name: 'v1',
      runConfig: { provider: { type: 'OPENAI_COMPATIBLE', model: 'fake-model', ...provider } },
    },
    { key },
  );
  return { name, agentId: agent.data?.createAgent.id as string, version };
}

/** Runs the agent to its end and returns the Authorization headers each fake provider received meanwhile. */
async function run(on: TestServer, key: string, agentId: string) {
  const before = {
    operator: operatorLlm.authorizations.length,
    tenant: tenantLlm.authorizations.length,
  };
  const created = await on.graphql(
    RunModelAgent,
    { input: { agentId, messages: [{ role: 'user', content: 'hello' }] } },
    { key },
  );
  expect(created.errors).toBeUndefined();
  const state = await eventually(async () => {
    const answer = await on.graphql(
      ModelRunState,
      { id: created.data!.createExecution.id },
      { key },
    );
    const execution = answer.data?.execution;
    return execution && ['COMPLETED', 'FAILED'].includes(execution.status) ? execution : undefined;
  }, 'the execution to end');
  // Whatever a tenant's own URL receives, no header carries the admin key or the operator's key.
  for (const header of tenantLlm.headers.slice(before.tenant))
    for (const secret of forbidden) expect(header).not.toContain(secret);
  return {
    state,
    operator: operatorLlm.authorizations.slice(before.operator),
    tenant: tenantLlm.authorizations.slice(before.tenant),
  };
}

describe('model API keys are tenant credentials, never environment variables', () => {
  it('refuses a run configuration naming an environment variable (apiKeyEnv): the typed input has no such field', async () => {
    const created = await besideAnotherTenant(
      server,
      () =>
        agentVersion(server, tenantA.key, {
          baseUrl: tenantLlm.url,
          apiKeyEnv: 'SWITCHBOARD_ADMIN_KEY',
        }),
      tenantB,
    );
    expect(created.version.errors?.[0].message).toContain(
      'Field "apiKeyEnv" is not defined by type "ModelProviderInput"',
    );
    expect(created.version.data).toBeUndefined();

    const { name } = await agentVersion(server, tenantA.key, { baseUrl: tenantLlm.url });
    const changes = {
      runConfig: {
        provider: {
          type: 'OPENAI_COMPATIBLE',
          model: 'fake-model',
          baseUrl: tenantLlm.url,
          apiKeyEnv: 'DATABASE_URL',
        },
      },
    } as AgentChangesInput;
    const updated = await server.graphql(
      UpdateModelVersion,
      { agentName: name, name: 'v1', changes },
      { key: tenantA.key },
    );
    expect(updated.errors?.[0].message).toContain(
      'Field "apiKeyEnv" is not defined by type "ModelProviderInput"',
    );
  });

  it('sends exactly the tenant’s MODEL_API_KEY credential to the version’s own baseUrl, never the admin or operator key', async () => {
    const secret = `sk-tenant-a-${randomBytes(12).toString('hex')}`;
    const credentialId = await modelKey(server, tenantA.key, secret);
    const { agentId, version } = await agentVersion(server, tenantA.key, {
      baseUrl: tenantLlm.url,
      apiKeyCredentialId: credentialId,
    });
    expect(version.errors).toBeUndefined();
    const calls = await besideAnotherTenant(
      server,
      () => run(server, tenantA.key, agentId),
      tenantB,
    );
    expect(calls.state.status).toBe('COMPLETED');
    expect(calls.tenant).toEqual([`Bearer ${secret}`]);
    expect(calls.operator).toEqual([]);
  });

  it('never sends the operator’s OPENAI_API_KEY to a tenant without OPENAI_API_KEY_FOR_TENANTS', async () => {
    const towardsOperator = await agentVersion(server, tenantA.key, {});
    const ownUrl = await agentVersion(server, tenantA.key, { baseUrl: tenantLlm.url });
    const first = await besideAnotherTenant(
      server,
      () => run(server, tenantA.key, towardsOperator.agentId),
      tenantB,
    );
    const second = await run(server, tenantA.key, ownUrl.agentId);
    expect(first.operator).toHaveLength(1);
    expect(second.tenant).toHaveLength(1);
    for (const header of [...first.operator, ...second.tenant])
      for (const secret of forbidden) expect(header).not.toContain(secret);
  });

  it('with OPENAI_API_KEY_FOR_TENANTS, sends the operator’s key only to OPENAI_BASE_URL', async () => {
    const tenant = await lending.newTenant('lent');
    const other = await lending.newTenant('beside');
    const towardsOperator = await agentVersion(lending, tenant.key, {});
    const ownUrl = await agentVersion(lending, tenant.key, { baseUrl: tenantLlm.url });
    const lent = await besideAnotherTenant(
      lending,
      () => run(lending, tenant.key, towardsOperator.agentId),
      other,
    );
    expect(lent.operator).toEqual([`Bearer ${OPERATOR_KEY}`]);
    expect(operatorLlm.headers.at(-1)).toContain(OPERATOR_HEADER);
    const elsewhere = await run(lending, tenant.key, ownUrl.agentId);
    expect(elsewhere.tenant).toHaveLength(1);
    for (const secret of forbidden) expect(elsewhere.tenant[0]).not.toContain(secret);
  });

  it('reads another tenant’s credential id as not found, in a run configuration and for deletion', async () => {
    const credentialId = await modelKey(
      server,
      tenantA.key,
      `sk-tenant-a-${randomBytes(12).toString('hex')}`,
    );
    const foreign = await besideAnotherTenant(
      server,
      () =>
        agentVersion(server, tenantB.key, {
          baseUrl: tenantLlm.url,
          apiKeyCredentialId: credentialId,
        }),
      tenantA,
    );
    const missing = await agentVersion(server, tenantB.key, {
      baseUrl: tenantLlm.url,
      apiKeyCredentialId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign.version.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.version.errors?.[0].message.replace(credentialId, 'ID')).toBe(
      missing.version.errors?.[0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    const deleted = await server.graphql(
      DeleteKindedCredential,
      { id: credentialId },
      { key: tenantB.key },
    );
    expect(deleted.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps each kind to its use: a model key signs no webhook, a signing secret is no model key, a model key needs its secret', async () => {
    const modelCredential = await modelKey(
      server,
      tenantA.key,
      `sk-tenant-a-${randomBytes(12).toString('hex')}`,
    );
    const signing = await server.graphql(
      CreateKindedCredential,
      { name: 'signing' },
      { key: tenantA.key },
    );
    expect(signing.data!.createCredential.credential.kind).toBe('WEBHOOK_SIGNING_SECRET');
    expect(signing.data!.createCredential.secret).toMatch(/^whsec_/);

    const { agentId } = await agentVersion(server, tenantA.key, {});
    const trigger = await server.graphql(
      CreateSignedTrigger,
      { agentId, input: { name: 'signed', signingSecretCredentialIds: [modelCredential] } },
      { key: tenantA.key },
    );
    expect(trigger.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const version = await agentVersion(server, tenantA.key, {
      apiKeyCredentialId: signing.data!.createCredential.credential.id,
    });
    expect(version.version.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(version.version.errors?.[0].message).toContain('MODEL_API_KEY');

    const rotated = await server.graphql(
      RotateKindedCredential,
      { id: modelCredential },
      { key: tenantA.key },
    );
    expect(rotated.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const secretless = await besideAnotherTenant(
      server,
      () =>
        server.graphql(
          CreateKindedCredential,
          { name: 'no secret', kind: 'MODEL_API_KEY' as CredentialKind },
          { key: tenantA.key },
        ),
      tenantB,
    );
    expect(secretless.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(secretless.errors?.[0].message).toContain('secret');
  });

  it('refuses (CONFLICT) to delete a credential a version uses, and deletes it once the version names another', async () => {
    const credentialId = await modelKey(
      server,
      tenantA.key,
      `sk-tenant-a-${randomBytes(12).toString('hex')}`,
    );
    const { name, version } = await agentVersion(server, tenantA.key, {
      baseUrl: tenantLlm.url,
      apiKeyCredentialId: credentialId,
    });
    expect(version.errors).toBeUndefined();
    const refused = await besideAnotherTenant(
      server,
      () => server.graphql(DeleteKindedCredential, { id: credentialId }, { key: tenantA.key }),
      tenantB,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');

    const changes: AgentChangesInput = {
      runConfig: {
        provider: { type: 'OPENAI_COMPATIBLE', model: 'fake-model', baseUrl: tenantLlm.url },
      },
    };
    expect(
      (
        await server.graphql(
          UpdateModelVersion,
          { agentName: name, name: 'v1', changes },
          { key: tenantA.key },
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (await server.graphql(DeleteKindedCredential, { id: credentialId }, { key: tenantA.key }))
        .data?.deleteCredential.id,
    ).toBe(credentialId);
  });
});
