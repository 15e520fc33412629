import { createHmac } from 'node:crypto';
import { sign as signGitHub } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AuditEvents } from '../support/operations.ts';
import { cleanUpProcesses, logLines, startProcess, tempDir } from '../support/processes.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const CreateTriggerAgent = graphql(`
  mutation CreateTriggerAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const CreateSigningCredential = graphql(`
  mutation CreateSigningCredential($name: String!, $secret: String) {
    createCredential(name: $name, secret: $secret) {
      secret
      credential {
        id
      }
    }
  }
`);

const RotateSigningCredential = graphql(`
  mutation RotateSigningCredential($id: ID!, $secret: String) {
    rotateCredential(id: $id, secret: $secret) {
      secret
    }
  }
`);

const ListCredentials = graphql(`
  query ListCredentials {
    credentials {
      id
      name
      rotatedAt
    }
  }
`);

const RerunInvocation = graphql(`
  mutation RerunInvocation($invocationId: ID!) {
    rerunInvocation(invocationId: $invocationId) {
      id
      status
      message
      execution {
        id
      }
    }
  }
`);

const TriggerWithInvocations = graphql(`
  query TriggerWithInvocations($agentId: ID!, $id: String!) {
    trigger(agentId: $agentId, id: $id) {
      webhookUrl
      invocations(first: 5) {
        totalCount
        edges {
          node {
            status
            execution {
              status
            }
            conversation {
              conversationId
              messages {
                totalCount
              }
            }
          }
        }
      }
    }
  }
`);

const InvocationUpdates = graphql(`
  subscription InvocationUpdates($agentId: ID!, $triggerId: String!) {
    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {
      id
      status
    }
  }
`);

const DeleteCredential = graphql(`
  mutation DeleteCredential($id: ID!) {
    deleteCredential(id: $id) {
      id
    }
  }
`);

const AuditChain = graphql(`
  query AuditChain($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId) {
      edges {
        node {
          eventType
          actorType
        }
      }
    }
  }
`);

const RotateWebhookUrl = graphql(`
  mutation RotateWebhookUrl($agentId: ID!, $id: String!) {
    rotateTriggerWebhookUrl(agentId: $agentId, id: $id) {
      id
      webhookUrl
      invocations(first: 10) {
        totalCount
      }
    }
  }
`);

const AgentExecutions = graphql(`
  query AgentExecutions($agentId: ID!) {
    executions(filter: { agentId: $agentId }, first: 50) {
      totalCount
    }
  }
`);

const TypedTriggerFields = graphql(`
  fragment TypedTriggerFields on Trigger {
    id
    webhookUrl
    outputTransform {
      expression
      fields {
        name
        expression
      }
    }
    authentication {
      type
      header
      in
      name
      username
    }
    signatureVerification {
      algorithm
      encoding
      signature {
        source
        key
        prefix
      }
      signedComponents {
        source
        key
        required
      }
      componentJoin {
        strategy
        separator
      }
      validation {
        allowEmptyBody
      }
      secretEncoding
      timestamp {
        source
        key
        toleranceSeconds
      }
      deliveryId {
        source
      }
    }
  }
`);

const TypedCreateTrigger = graphql(`
  mutation TypedCreateTrigger($agentId: ID!, $input: CreateTriggerInput!) {
    createTrigger(agentId: $agentId, input: $input) {
      ...TypedTriggerFields
    }
  }
`);

const TypedUpdateTrigger = graphql(`
  mutation TypedUpdateTrigger($agentId: ID!, $id: String!, $changes: UpdateTriggerInput!) {
    updateTrigger(agentId: $agentId, id: $id, changes: $changes) {
      ...TypedTriggerFields
    }
  }
`);

let server: TestServer;
let key: string;
let tenantId: string;
let agentId: string;

beforeAll(async () => {
  server = await startServer({ env: { EXECUTION_POLL_MS: '50' } });
  ({ key, tenantId } = await server.newTenant('triggers'));
  agentId = (await server.graphql(CreateTriggerAgent, { name: 'webhook-bot' }, { key })).data!
    .createAgent.id;
});
afterAll(async () => {
  cleanUpProcesses();
  await server?.stop();
});

const managePath = (path = '') =>
  `/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers${path}`;
async function manage(method: string, path: string, body?: unknown, apiKey = key) {
  const response = await fetch(`${server.url}${managePath(path)}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: response.status === 204 ? null : ((await response.json()) as any),
  };
}
async function credential(name: string, secret?: string) {
  const created = await server.graphql(CreateSigningCredential, { name, secret }, { key });
  expect(created.errors).toBeUndefined();
  return created.data!.createCredential;
}
/** POSTs to a trigger's webhookUrl as a sender would. */
async function deliver(
  webhookUrl: string,
  body: string,
  headers: Record<string, string> = {},
  query = '',
) {
  const url = new URL(webhookUrl);
  const response = await fetch(`${server.url}${url.pathname}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as any,
    headers: response.headers,
  };
}
async function invocations(triggerId: string, query = '') {
  return (await manage('GET', `/${triggerId}/invocations${query}`)).body;
}

describe('trigger management (reference 002)', () => {
  it('creates with every field, lists with pagination, gets, patches and deletes', async () => {
    const { credential: signing } = await credential('crud-secret');
    const full = {
      id: 'crud.trigger-1',
      name: 'CRUD',
      description: 'All the fields',
      enabled: true,
      inputSchema: {
        type: 'object',
        required: ['action'],
        properties: { action: { type: 'string' } },
      },
      messageTemplate: 'Action: {{action}}',
      outputTransform: { action: 'action' },
      authentication: { type: 'header', header: 'X-Token', value: 'token-123' },
      signatureVerification: {
        algorithm: 'sha256',
        encoding: 'hex',
        signature: { source: 'header', key: 'X-Signature' },
        signedComponents: [{ source: 'body' }],
      },
      signingSecretCredentialReferenceId: signing.id,
    };
    const created = await manage('POST', '', full);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      ...full,
      authentication: { type: 'header', header: 'X-Token' },
    });
    expect(JSON.stringify(created.body)).not.toContain('token-123');
    expect(created.body.data.webhookUrl).toMatch(
      /^http:\/\/localhost:\d+\/webhooks\/[0-9a-f-]{36}$/,
    );
    for (let i = 2; i <= 3; i++)
      expect(
        (await manage('POST', '', { id: `crud.trigger-${i}`, name: `CRUD ${i}` })).status,
      ).toBe(201);
    const page = await manage('GET', '?page=2&limit=2');
    expect(page.body.pagination).toEqual({ page: 2, limit: 2, total: 3, pages: 2 });
    expect(page.body.data.map((trigger: { id: string }) => trigger.id)).toEqual(['crud.trigger-3']);
    expect((await manage('GET', '/crud.trigger-1')).body).toEqual(created.body);
    const patched = await manage('PATCH', '/crud.trigger-1', { enabled: false, description: null });
    expect(patched.body.data).toMatchObject({
      enabled: false,
      description: null,
      name: 'CRUD',
      messageTemplate: 'Action: {{action}}',
    });
    expect((await manage('DELETE', '/crud.trigger-3')).status).toBe(204);
    expect((await manage('GET', '/crud.trigger-3')).status).toBe(404);
    expect((await manage('POST', '', { id: 'crud.trigger-1', name: 'again' })).status).toBe(409);
  });

  it('rejects invalid regexes, transforms, schemas, ids and unknown credentials when saved', async () => {
    const cases: [unknown, string][] = [
      [
        {
          name: 'x',
          signatureVerification: {
            signature: { source: 'header', key: 'X-Sig', regex: '([unclosed' },
          },
        },
        'signatureVerification.signature.regex',
      ],
      [{ name: 'x', outputTransform: 'foo[' }, 'outputTransform'],
      [{ name: 'x', inputSchema: { type: 'no-such-type' } }, 'inputSchema'],
      [{ name: 'x', id: 'has space' }, 'id'],
      [{ name: '' }, 'name'],
      [
        { name: 'x', signingSecretCredentialReferenceId: 'missing' },
        'signingSecretCredentialReferenceId',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await manage('POST', '', body);
      expect(response.status, field).toBe(400);
      expect(response.body).toMatchObject({ code: 'bad_request', status: 400 });
      expect(JSON.stringify(response.body.errors ?? response.body.detail), field).toContain(
        field.split('.')[0],
      );
    }
  });

  it('refuses, when saved, a regular expression RE2 cannot run, or more than 32 in one schema, naming the field', async () => {
    const cases: [unknown, string][] = [
      [
        {
          name: 'x',
          signatureVerification: {
            signature: { source: 'header', key: 'X-Sig', regex: '(?=v1)v1=(\\w+)' },
          },
        },
        'signatureVerification.signature.regex',
      ],
      [
        {
          name: 'x',
          signatureVerification: {
            signature: { source: 'header', key: 'X-Sig' },
            signedComponents: [{ source: 'header', key: 'X-A', regex: '(a)\\1' }],
          },
        },
        'signatureVerification.signedComponents.0.regex',
      ],
      [
        {
          name: 'x',
          signatureVerification: {
            signature: { source: 'header', key: 'X-Sig' },
            deliveryId: { source: 'header', key: 'X-Id', regex: '(?<!x)id' },
          },
        },
        'signatureVerification.deliveryId.regex',
      ],
      [
        {
          name: 'x',
          inputSchema: {
            type: 'object',
            properties: { name: { type: 'string', pattern: '^(?!admin).*$' } },
          },
        },
        'inputSchema',
      ],
      [
        {
          name: 'x',
          inputSchema: { type: 'object', patternProperties: { '(a)\\1': { type: 'string' } } },
        },
        'inputSchema',
      ],
      [
        {
          name: 'x',
          inputSchema: {
            type: 'object',
            properties: Object.fromEntries(
              Array.from({ length: 33 }, (_, index) => [
                `p${index}`,
                { type: 'string', pattern: `^${index}$` },
              ]),
            ),
          },
        },
        'inputSchema',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await manage('POST', '', body);
      expect(response.status, field).toBe(400);
      expect(response.body.errors[0].path.join('.'), field).toBe(field);
      expect(response.body.detail, field).toContain(field.split('.')[0]);
    }
  });

  it('answers a tenant id in the path other than the caller’s as missing', async () => {
    const other = await server.newTenant('path-owner');
    for (const pathTenant of ['not-a-tenant', other.tenantId]) {
      const path = `/manage/tenants/${pathTenant}/projects/default/agents/${agentId}/triggers`;
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const created = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'foreign path' }),
      });
      expect(created.status, pathTenant).toBe(404);
      expect((await fetch(`${server.url}${path}`, { headers })).status, pathTenant).toBe(404);
    }
    expect(
      (await manage('GET', '')).body.data.some(
        (trigger: { name: string }) => trigger.name === 'foreign path',
      ),
    ).toBe(false);
  });

  it('answers another tenant, project or agent in the path as missing', async () => {
    const other = await server.newTenant('other');
    expect((await manage('GET', '', undefined, other.key)).status).toBe(404);
    const wrongProject = await fetch(
      `${server.url}/manage/tenants/${tenantId}/projects/some-project/agents/${agentId}/triggers`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(wrongProject.status).toBe(404);
    expect((await wrongProject.json()).code).toBe('not_found');
  });

  it('never shows a credential’s secret again', async () => {
    const { credential: created, secret } = await credential('shown-once');
    expect(secret).toMatch(/^whsec_/);
    const list = await server.graphql(ListCredentials, {}, { key });
    expect(JSON.stringify(list.data)).not.toContain(secret);
    expect(list.data!.credentials.some((entry) => entry.id === created.id)).toBe(true);
  });
});

describe('typed trigger configuration over GraphQL', () => {
  it('takes and shows authentication, signatureVerification and outputTransform as typed fields, secrets never shown', async () => {
    const { credential: signing, secret } = await credential(
      'typed-secret',
      'typed-signing-secret',
    );
    const created = await server.graphql(
      TypedCreateTrigger,
      {
        agentId,
        input: {
          id: 'typed',
          name: 'Typed',
          messageTemplate: 'Order {{id}}: {{count}} items',
          outputTransform: {
            fields: [
              { name: 'id', expression: 'order.id' },
              { name: 'count', expression: 'length(order.items)' },
            ],
          },
          authentication: { type: 'HEADER', header: 'X-Token', value: 'typed-token' },
          signatureVerification: {
            signature: { source: 'HEADER', key: 'X-Signature', prefix: 'sha256=' },
          },
          signingSecretCredentialIds: [signing.id],
        },
      },
      { key },
    );
    expect(created.errors).toBeUndefined();
    const trigger = created.data!.createTrigger as any;
    expect(trigger).toMatchObject({
      outputTransform: {
        expression: null,
        fields: [
          { name: 'id', expression: 'order.id' },
          { name: 'count', expression: 'length(order.items)' },
        ],
      },
      authentication: { type: 'HEADER', header: 'X-Token', in: null, name: null, username: null },
      signatureVerification: {
        algorithm: 'SHA256',
        encoding: 'HEX',
        signature: { source: 'HEADER', key: 'X-Signature', prefix: 'sha256=' },
        signedComponents: [{ source: 'BODY', key: null, required: true }],
        componentJoin: { strategy: 'CONCATENATE', separator: '' },
        validation: { allowEmptyBody: false },
        secretEncoding: 'UTF8',
        timestamp: null,
        deliveryId: null,
      },
    });
    expect(JSON.stringify(created)).not.toContain('typed-token');
    // REST keeps its JSON shapes for the same trigger.
    expect((await manage('GET', '/typed')).body.data).toMatchObject({
      outputTransform: { id: 'order.id', count: 'length(order.items)' },
      authentication: { type: 'header', header: 'X-Token' },
      signatureVerification: {
        algorithm: 'sha256',
        signature: { source: 'header', key: 'X-Signature', prefix: 'sha256=' },
      },
    });

    const body = JSON.stringify({ order: { id: 'T-1', items: [1, 2] } });
    const signature = `sha256=${createHmac('sha256', secret!).update(body).digest('hex')}`;
    expect((await deliver(trigger.webhookUrl, body, { 'x-signature': signature })).status).toBe(
      401,
    );
    const accepted = await deliver(trigger.webhookUrl, body, {
      'x-token': 'typed-token',
      'x-signature': signature,
    });
    expect(accepted.status).toBe(202);
    expect(
      (await manage('GET', `/typed/invocations/${accepted.body.invocationId}`)).body.data,
    ).toMatchObject({ transformedPayload: { id: 'T-1', count: 2 } });

    const changes = {
      outputTransform: { expression: 'order' },
      authentication: {
        type: 'API_KEY' as const,
        in: 'QUERY' as const,
        name: 'k',
        value: 'typed-key',
      },
      signatureVerification: {
        algorithm: 'SHA512' as const,
        signature: { source: 'HEADER' as const, key: 'X-Sig' },
        timestamp: { source: 'HEADER' as const, key: 'X-Time', toleranceSeconds: 60 },
      },
    };
    const updated = await server.graphql(
      TypedUpdateTrigger,
      { agentId, id: 'typed', changes },
      { key },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateTrigger).toMatchObject({
      outputTransform: { expression: 'order', fields: null },
      authentication: { type: 'API_KEY', in: 'QUERY', name: 'k', header: null },
      signatureVerification: {
        algorithm: 'SHA512',
        timestamp: { source: 'HEADER', key: 'X-Time', toleranceSeconds: 60 },
      },
    });
    const cleared = await server.graphql(
      TypedUpdateTrigger,
      { agentId, id: 'typed', changes: { outputTransform: null, signatureVerification: null } },
      { key },
    );
    expect(cleared.data!.updateTrigger).toMatchObject({
      outputTransform: null,
      signatureVerification: null,
      authentication: { type: 'API_KEY' },
    });
  });

  it('refuses a typed configuration the service’s rules refuse, naming the field', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ outputTransform: { expression: 'foo[' } }, 'outputTransform'],
      [
        {
          outputTransform: {
            fields: [
              { name: 'a', expression: 'x' },
              { name: 'a', expression: 'y' },
            ],
          },
        },
        'outputTransform.fields',
      ],
      [{ authentication: { type: 'BASIC', username: 'u' } }, 'authentication.password'],
      [
        {
          signatureVerification: {
            signature: { source: 'HEADER', key: 'X-Sig', regex: '(?=v1)v1' },
          },
        },
        'signatureVerification.signature.regex',
      ],
    ];
    for (const [input, field] of refusals) {
      const refused = await server.graphql(
        TypedCreateTrigger,
        { agentId, input: { name: 'refused', ...input } },
        { key },
      );
      expect(refused.errors?.[0].extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].message).toContain(field);
    }
    // One of expression or fields, never both: GraphQL itself refuses it (@oneOf).
    const both = await server.graphql(
      TypedCreateTrigger,
      {
        agentId,
        input: { name: 'both', outputTransform: { expression: 'a', fields: [] } as never },
      },
      { key },
    );
    expect(both.errors?.[0].message).toContain('OutputTransformInput');
  });
});

describe('webhook ingestion', () => {
  it('runs every step: authentication, schema, transform, template, invocation and execution', async () => {
    const trigger = (
      await manage('POST', '', {
        id: 'orders',
        name: 'Orders',
        inputSchema: {
          type: 'object',
          required: ['order'],
          properties: {
            order: {
              type: 'object',
              required: ['id', 'total'],
              properties: { id: { type: 'string' }, total: { type: 'number' } },
            },
          },
        },
        outputTransform: { id: 'order.id', total: 'order.total', items: 'length(order.items)' },
        messageTemplate: 'Order {{id}} of {{total}} EUR with {{items}} items',
        authentication: { type: 'api_key', in: 'query', name: 'key', value: 'k-1' },
      })
    ).body.data;
    const payload = JSON.stringify({ order: { id: 'A-17', total: 42.5, items: [1, 2, 3] } });
    expect((await deliver(trigger.webhookUrl, payload)).status).toBe(401);
    expect((await deliver(trigger.webhookUrl, payload, {}, '?key=wrong')).status).toBe(403);
    const invalid = await deliver(
      trigger.webhookUrl,
      JSON.stringify({ order: { id: 17 } }),
      {},
      '?key=k-1',
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.detail).toContain('/order must have required property');
    expect(invalid.body.detail).toContain('/order/id must be string');
    const notJson = await deliver(trigger.webhookUrl, 'not json', {}, '?key=k-1');
    expect(notJson.status).toBe(400);

    const accepted = await deliver(trigger.webhookUrl, payload, {}, '?key=k-1');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      invocationId: expect.any(String),
      executionId: expect.any(String),
      conversationId: expect.any(String),
    });
    const list = await eventually(async () => {
      const body = await invocations('orders');
      return (
        body.data.find(
          (invocation: { id: string; status: string }) =>
            invocation.id === accepted.body.invocationId && invocation.status === 'success',
        ) && body
      );
    }, 'the invocation to succeed');
    expect(list.pagination.total).toBe(5);
    expect((await invocations('orders', '?status=failed')).pagination.total).toBe(4);
    const one = await manage('GET', `/orders/invocations/${accepted.body.invocationId}`);
    expect(one.body.data).toMatchObject({
      status: 'success',
      transformedPayload: { id: 'A-17', total: 42.5, items: 3 },
      triggerId: 'orders',
    });
    const status = await (
      await fetch(`${server.url}/run/api/executions/${accepted.body.executionId}`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).json();
    expect(status.status).toBe('completed');
    const chain = await server.graphql(
      AuditChain,
      { correlationId: accepted.headers.get('x-correlation-id')! },
      { key },
    );
    const types = chain.data!.auditEventsByCorrelation.edges.map(({ node }) => node.eventType);
    const run = types.filter(
      (type) => type.startsWith('trigger.') || type.startsWith('execution.'),
    );
    // The invocation causes the execution, in one unit of work; the run calls its model once.
    expect(run).toEqual([
      'trigger.invoked',
      'execution.created',
      'execution.started',
      'execution.model_called',
      'execution.completed',
    ]);
    expect(chain.data!.auditEventsByCorrelation.edges[0].node.actorType).toBe('WEBHOOK');

    const rerun = await server.graphql(
      RerunInvocation,
      { invocationId: accepted.body.invocationId },
      { key },
    );
    expect(rerun.data!.rerunInvocation).toMatchObject({
      status: 'PENDING',
      message: 'Order A-17 of 42.5 EUR with 3 items',
    });
    expect(rerun.data!.rerunInvocation.execution!.id).not.toBe(accepted.body.executionId);
    await eventually(
      async () => (await invocations('orders', '?status=success')).pagination.total === 2,
      'the rerun to succeed',
    );
  });

  it('stores a payload that no transform changed once, and shows it as both the request and the transformed payload', async () => {
    const trigger = (await manage('POST', '', { id: 'untransformed', name: 'Untransformed' })).body
      .data;
    const accepted = await deliver(trigger.webhookUrl, JSON.stringify({ n: 1 }));
    const shown = (await manage('GET', `/untransformed/invocations/${accepted.body.invocationId}`))
      .body.data;
    expect(shown).toMatchObject({ requestPayload: { n: 1 }, transformedPayload: { n: 1 } });
    const stored = await server.switchboard.services.prisma.triggerInvocation.findUniqueOrThrow({
      where: { id: accepted.body.invocationId },
    });
    expect(stored, 'stored once').toMatchObject({
      requestPayload: { n: 1 },
      transformedPayload: null,
    });
  });

  it('answers an unknown or disabled trigger with 404, and a failing transform with 422', async () => {
    expect(
      (await deliver(`${server.url}/webhooks/00000000-0000-4000-8000-000000000000`, '{}')).status,
    ).toBe(404);
    const disabled = (await manage('POST', '', { id: 'off', name: 'Off', enabled: false })).body
      .data;
    expect((await deliver(disabled.webhookUrl, '{}')).status).toBe(404);
    const failing = (
      await manage('POST', '', { id: 'bad-transform', name: 'Bad', outputTransform: 'abs(name)' })
    ).body.data;
    const response = await deliver(failing.webhookUrl, JSON.stringify({ name: 'text' }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await invocations('bad-transform')).data[0]).toMatchObject({
      status: 'failed',
      errorMessage: expect.stringContaining('The output transform failed'),
    });
  });
});

describe('invocations over GraphQL', () => {
  it('streams an invocation from pending to success and lists it with its execution and conversation', async () => {
    const trigger = (
      await manage('POST', '', { id: 'watched', name: 'Watched', messageTemplate: 'Ping {{n}}' })
    ).body.data;
    const updates = subscribe(server.wsClient(key), InvocationUpdates, {
      agentId,
      triggerId: 'watched',
    });
    await updates.started;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const accepted = await deliver(trigger.webhookUrl, JSON.stringify({ n: 1 }));
    expect(accepted.status).toBe(202);
    await eventually(() => updates.received.length >= 2, 'pending and success');
    expect(updates.received.map((update) => update.data!.triggerInvocationUpdated)).toEqual([
      { id: accepted.body.invocationId, status: 'PENDING' },
      { id: accepted.body.invocationId, status: 'SUCCESS' },
    ]);
    const listed = await server.graphql(
      TriggerWithInvocations,
      { agentId, id: 'watched' },
      { key },
    );
    expect(listed.data!.trigger!.invocations).toMatchObject({
      totalCount: 1,
      edges: [
        {
          node: {
            status: 'SUCCESS',
            execution: { status: 'COMPLETED' },
            conversation: {
              conversationId: accepted.body.conversationId,
              messages: { totalCount: 2 },
            },
          },
        },
      ],
    });
    const from = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect((await invocations('watched', `?from=${from}`)).pagination.total).toBe(0);
  });
});

describe('signatures, with the providers’ own signing code', () => {
  const body = JSON.stringify({ action: 'opened', number: 7, title: 'Café ☕' });

  it('GitHub: X-Hub-Signature-256, sha256=hex of the body', async () => {
    const { credential: secret, secret: plaintext } = await credential(
      'github',
      'gh-webhook-secret',
    );
    const trigger = (
      await manage('POST', '', {
        id: 'github',
        name: 'GitHub',
        signatureVerification: {
          algorithm: 'sha256',
          encoding: 'hex',
          signature: { source: 'header', key: 'X-Hub-Signature-256', prefix: 'sha256=' },
          signedComponents: [{ source: 'body' }],
        },
        signingSecretCredentialReferenceId: secret.id,
      })
    ).body.data;
    const signature = await signGitHub(plaintext, body);
    expect(
      (await deliver(trigger.webhookUrl, body, { 'X-Hub-Signature-256': signature })).status,
    ).toBe(202);
    expect((await deliver(trigger.webhookUrl, body)).status).toBe(401);
    expect(
      (
        await deliver(trigger.webhookUrl, body, {
          'X-Hub-Signature-256': await signGitHub('another-secret', body),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await deliver(trigger.webhookUrl, body.replace('7', '8'), {
          'X-Hub-Signature-256': signature,
        })
      ).status,
    ).toBe(403);
  });

  it('Stripe: Stripe-Signature t=…,v1=… over `t.body`, with a timestamp tolerance', async () => {
    const { credential: secret, secret: plaintext } = await credential(
      'stripe',
      'whsec_stripe_test_secret',
    );
    const trigger = (
      await manage('POST', '', {
        id: 'stripe',
        name: 'Stripe',
        signatureVerification: {
          signature: { source: 'header', key: 'Stripe-Signature', separator: ',', prefix: 'v1=' },
          signedComponents: [
            { source: 'header', key: 'Stripe-Signature', regex: 't=(\\d+)' },
            { source: 'body' },
          ],
          componentJoin: { strategy: 'concatenate', separator: '.' },
          timestamp: {
            source: 'header',
            key: 'Stripe-Signature',
            regex: 't=(\\d+)',
            toleranceSeconds: 300,
          },
        },
        signingSecretCredentialReferenceId: secret.id,
      })
    ).body.data;
    const stripe = new Stripe('sk_test_unused');
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret: plaintext });
    expect((await deliver(trigger.webhookUrl, body, { 'Stripe-Signature': header })).status).toBe(
      202,
    );
    const old = stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: plaintext,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const replay = await deliver(trigger.webhookUrl, body, { 'Stripe-Signature': old });
    expect(replay.status).toBe(401);
    expect(replay.body.detail).toContain('300 s');
  });

  it('Slack: X-Slack-Signature v0=hex over `v0:timestamp:body`', async () => {
    const { credential: secret, secret: plaintext } = await credential(
      'slack',
      'slack-signing-secret',
    );
    const trigger = (
      await manage('POST', '', {
        id: 'slack',
        name: 'Slack',
        signatureVerification: {
          signature: { source: 'header', key: 'X-Slack-Signature', prefix: 'v0=' },
          signedComponents: [
            { source: 'literal', value: 'v0' },
            { source: 'header', key: 'X-Slack-Request-Timestamp' },
            { source: 'body' },
          ],
          componentJoin: { strategy: 'concatenate', separator: ':' },
          timestamp: { source: 'header', key: 'X-Slack-Request-Timestamp' },
        },
        signingSecretCredentialReferenceId: secret.id,
      })
    ).body.data;
    // Slack ships no signing helper outside its frameworks: this is its documented recipe.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', plaintext).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    expect(
      (
        await deliver(trigger.webhookUrl, body, {
          'X-Slack-Signature': signature,
          'X-Slack-Request-Timestamp': timestamp,
        })
      ).status,
    ).toBe(202);
    expect(
      (await deliver(trigger.webhookUrl, body, { 'X-Slack-Signature': signature })).status,
    ).toBe(401);
  });

  it('Standard Webhooks: base64 whsec_ secret, several signatures, rotation and duplicate deliveries', async () => {
    const { credential: secret, secret: first } = await credential('standard');
    const trigger = (
      await manage('POST', '', {
        id: 'standard',
        name: 'Standard Webhooks',
        signatureVerification: {
          encoding: 'base64',
          secretEncoding: 'base64',
          secretPrefix: 'whsec_',
          signature: { source: 'header', key: 'webhook-signature', separator: ' ', prefix: 'v1,' },
          signedComponents: [
            { source: 'header', key: 'webhook-id' },
            { source: 'header', key: 'webhook-timestamp' },
            { source: 'body' },
          ],
          componentJoin: { strategy: 'concatenate', separator: '.' },
          timestamp: { source: 'header', key: 'webhook-timestamp' },
          deliveryId: { source: 'header', key: 'webhook-id' },
        },
        signingSecretCredentialReferenceId: secret.id,
      })
    ).body.data;
    const send = (secretText: string, id: string, extraSignature = '') => {
      const timestamp = new Date();
      const signature = new StandardWebhook(secretText).sign(id, timestamp, body);
      return deliver(trigger.webhookUrl, body, {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': extraSignature ? `${extraSignature} ${signature}` : signature,
      });
    };
    const accepted = await send(first, 'msg_1');
    expect(accepted.status).toBe(202);
    const again = await send(first, 'msg_1');
    expect(again.body).toMatchObject({ invocationId: accepted.body.invocationId, duplicate: true });
    const withStale = await send(first, 'msg_2', 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(withStale.status).toBe(202);

    const rotated = await server.graphql(RotateSigningCredential, { id: secret.id }, { key });
    const second = rotated.data!.rotateCredential.secret;
    expect((await send(second, 'msg_3')).status).toBe(202);
    expect(
      (await send(first, 'msg_4')).status,
      'the previous secret verifies during its grace period',
    ).toBe(202);
    expect(
      (await send(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`, 'msg_5')).status,
    ).toBe(403);
    expect((await invocations('standard')).pagination.total).toBe(5);
  });

  it('accepts either of two signing secrets named by one trigger, and keeps a credential in use from deletion', async () => {
    const first = await credential('pair-1', 'secret-one');
    const second = await credential('pair-2', 'secret-two');
    const trigger = (
      await manage('POST', '', {
        id: 'pair',
        name: 'Two secrets',
        signatureVerification: { signature: { source: 'header', key: 'X-Signature' } },
        signingSecretCredentialIds: [first.credential.id, second.credential.id],
      })
    ).body.data;
    for (const secret of ['secret-one', 'secret-two']) {
      const signature = createHmac('sha256', secret).update(body).digest('hex');
      expect(
        (await deliver(trigger.webhookUrl, body, { 'X-Signature': signature })).status,
        secret,
      ).toBe(202);
    }
    const inUse = await server.graphql(DeleteCredential, { id: first.credential.id }, { key });
    expect(inUse.errors![0].extensions!.code).toBe('CONFLICT');
    await manage('PATCH', '/pair', { signingSecretCredentialIds: [second.credential.id] });
    expect(
      (await server.graphql(DeleteCredential, { id: first.credential.id }, { key })).data!
        .deleteCredential.id,
    ).toBe(first.credential.id);
    const signature = createHmac('sha256', 'secret-one').update(body).digest('hex');
    expect((await deliver(trigger.webhookUrl, body, { 'X-Signature': signature })).status).toBe(
      403,
    );
  });

  it('stops verifying a rotated secret when its grace ends, while the trigger stays in the cache', async () => {
    const { credential: secret } = await credential('short-grace', 'before-rotation');
    const trigger = (
      await manage('POST', '', {
        id: 'short-grace',
        name: 'Short grace',
        signatureVerification: { signature: { source: 'header', key: 'X-Signature' } },
        signingSecretCredentialIds: [secret.id],
      })
    ).body.data;
    const rotated = await fetch(
      `${server.url}/manage/tenants/${tenantId}/projects/default/credentials/${secret.id}/rotate`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ secret: 'after-rotation', graceSeconds: 1 }),
      },
    );
    expect(rotated.status).toBe(200);
    const send = (secretText: string) =>
      deliver(trigger.webhookUrl, body, {
        'X-Signature': createHmac('sha256', secretText).update(body).digest('hex'),
      });
    // Both verify during the grace: the trigger and its secrets are cached by this delivery.
    expect((await send('before-rotation')).status).toBe(202);
    expect((await send('after-rotation')).status).toBe(202);
    await new Promise((wake) => setTimeout(wake, 1100));
    expect((await send('before-rotation')).status, 'the grace has ended').toBe(403);
    expect((await send('after-rotation')).status).toBe(202);
  });
});

describe('webhook URLs are secrets', () => {
  it('rotates a trigger’s webhook URL over GraphQL and REST: the old one answers 404 at once, the invocations and subscriptions stay, the audit log names the trigger’s id', async () => {
    const trigger = (await manage('POST', '', { id: 'rotated', name: 'Rotated' })).body.data;
    const updates = subscribe(server.wsClient(key), InvocationUpdates, {
      agentId,
      triggerId: 'rotated',
    });
    await updates.started;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await deliver(trigger.webhookUrl, '{"n":1}')).status).toBe(202);

    const rotated = await server.graphql(RotateWebhookUrl, { agentId, id: 'rotated' }, { key });
    expect(rotated.errors).toBeUndefined();
    const second = rotated.data!.rotateTriggerWebhookUrl;
    expect(second.webhookUrl).not.toBe(trigger.webhookUrl);
    expect(second.invocations.totalCount).toBe(1);
    expect((await deliver(trigger.webhookUrl, '{"n":2}')).status).toBe(404);
    expect((await deliver(second.webhookUrl, '{"n":3}')).status).toBe(202);

    const viaRest = await manage('POST', '/rotated/rotate-webhook-url');
    expect(viaRest.status).toBe(200);
    expect(viaRest.body.data).toMatchObject({
      id: 'rotated',
      webhookUrl: expect.stringMatching(/\/webhooks\/[0-9a-f-]{36}$/),
    });
    expect(viaRest.body.data.webhookUrl).not.toBe(second.webhookUrl);
    expect((await deliver(second.webhookUrl, '{"n":4}')).status).toBe(404);
    const last = await deliver(viaRest.body.data.webhookUrl, '{"n":5}');
    expect(last.status).toBe(202);
    await eventually(
      () =>
        updates.received.some(
          (update) => update.data!.triggerInvocationUpdated.id === last.body.invocationId,
        ),
      'the subscription to follow the rotated URL',
    );
    expect((await invocations('rotated')).pagination.total).toBe(3);
    expect((await manage('POST', '/no-such-trigger/rotate-webhook-url')).status).toBe(404);

    const audit = await server.graphql(
      AuditEvents,
      { filter: { resourceType: 'TRIGGER', resourceId: 'rotated' }, first: 50 },
      { key },
    );
    const types = audit.data!.auditEvents.edges.map(({ node }) => node.eventType);
    expect(types.filter((type) => type === 'trigger.webhook_url_rotated')).toHaveLength(2);
    expect(types).toContain('trigger.created');
    expect(types.filter((type) => type === 'trigger.invoked')).toHaveLength(3);
    const all = await server.graphql(
      AuditEvents,
      { filter: { resourceType: 'TRIGGER' }, first: 100 },
      { key },
    );
    expect(all.errors).toBeUndefined();
    const everything = JSON.stringify(all.data);
    for (const url of [trigger.webhookUrl, second.webhookUrl, viaRest.body.data.webhookUrl])
      expect(everything).not.toContain(new URL(url).pathname.split('/').pop());
  });

  it('logs a webhook path with its key masked', async () => {
    const running = await startProcess(tempDir());
    const webhookKey = 'f00dfeed-0000-4000-8000-00000000cafe';
    expect(
      (await fetch(`${running.url}/webhooks/${webhookKey}`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    const line = await eventually(
      () =>
        logLines(running.stdout()).find(
          (entry) => entry.msg === 'request' && String(entry.path).startsWith('/webhooks/'),
        ),
      'the request log line',
    );
    expect(line.path).toBe('/webhooks/f00d…');
    expect(running.stdout()).not.toContain(webhookKey);
    running.child.kill('SIGTERM');
    await running.exited;
  });
});

describe('one delivery, one execution', () => {
  it('answers 16 concurrent copies of one delivery with one invocation and one execution', async () => {
    const agent = (await server.graphql(CreateTriggerAgent, { name: 'concurrent-bot' }, { key }))
      .data!.createAgent.id;
    const { credential: signing } = await credential('concurrent', 'concurrent-secret');
    const created = await fetch(
      `${server.url}/manage/tenants/${tenantId}/projects/default/agents/${agent}/triggers`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'concurrent',
          name: 'Concurrent',
          signatureVerification: {
            signature: { source: 'header', key: 'X-Signature' },
            deliveryId: { source: 'header', key: 'X-Delivery' },
          },
          signingSecretCredentialIds: [signing.id],
        }),
      },
    );
    const trigger = ((await created.json()) as any).data;
    const body = JSON.stringify({ n: 1 });
    const headers = {
      'X-Signature': createHmac('sha256', 'concurrent-secret').update(body).digest('hex'),
      'X-Delivery': 'delivery-1',
    };
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => deliver(trigger.webhookUrl, body, headers)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(16).fill(202));
    expect(new Set(answers.map((answer) => answer.body.invocationId)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.executionId)).size).toBe(1);
    expect(answers.filter((answer) => !answer.body.duplicate)).toHaveLength(1);
    const listed = (
      await fetch(
        `${server.url}/manage/tenants/${tenantId}/projects/default/agents/${agent}/triggers/concurrent/invocations`,
        { headers: { authorization: `Bearer ${key}` } },
      )
    ).json();
    expect(((await listed) as any).pagination.total).toBe(1);
    // The 202 promises the execution; the invocation starter creates it after the answer.
    const executions = await eventually(
      async () =>
        (await server.graphql(AgentExecutions, { agentId: agent }, { key })).data!.executions
          .totalCount,
      'the promised execution',
    );
    expect(executions).toBe(1);
  });
});
