import { createHmac } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

// Each tenant- or sender-controlled input of a trigger at its worst, while another tenant's
// GraphQL requests run beside it: none of them may wait a second.

const HostileAgent = graphql(`
  mutation HostileAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const HostileCredential = graphql(`
  mutation HostileCredential($name: String!, $secret: String) {
    createCredential(name: $name, secret: $secret) {
      credential {
        id
      }
    }
  }
`);

const BystanderTriggers = graphql(`
  query BystanderTriggers($agentId: ID!) {
    triggers(agentId: $agentId, first: 5) {
      totalCount
    }
  }
`);

const CATASTROPHIC = '^(a+)+$';
const EVIL_INPUT = `${'a'.repeat(31)}!`;

let server: TestServer;
let attacker: { tenantId: string; key: string; agentId: string };
let bystander: { tenantId: string; key: string; agentId: string };

async function tenantWithAgent(name: string) {
  const tenant = await server.newTenant(name);
  const agent = await server.graphql(HostileAgent, { name: `${name}-agent` }, { key: tenant.key });
  return { ...tenant, agentId: agent.data!.createAgent.id };
}

beforeAll(async () => {
  server = await startServer({ env: { EXECUTION_POLL_MS: '50' } });
  attacker = await tenantWithAgent('attacker');
  bystander = await tenantWithAgent('bystander');
});
afterAll(() => server?.stop());

/**
 * Runs `hostile` while the bystander tenant sends GraphQL requests one after another. Returns its
 * result, the longest wait for a bystander answer (from the previous answer, so a blocked event
 * loop counts even when no request was in flight) and the longest event-loop block seen.
 */
async function beside<T>(label: string, hostile: () => Promise<T>) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let done = false;
  const work = hostile().finally(() => (done = true));
  let longestWaitMs = 0;
  let answers = 0;
  let previous = performance.now();
  while (!done || answers === 0) {
    const response = await server.graphql(
      BystanderTriggers,
      { agentId: bystander.agentId },
      { key: bystander.key },
    );
    expect(response.errors).toBeUndefined();
    const now = performance.now();
    longestWaitMs = Math.max(longestWaitMs, now - previous);
    previous = now;
    answers++;
  }
  histogram.disable();
  const result = await work;
  const eventLoopBlockMs = Math.round(histogram.max / 1e6);
  console.info(
    `[hostile triggers] ${label}: slowest bystander answer ${Math.round(longestWaitMs)} ms, event-loop block ${eventLoopBlockMs} ms`,
  );
  expect(longestWaitMs, `${label}: the bystander waited`).toBeLessThan(1000);
  return result;
}

async function manage(method: string, body?: unknown, tenant = attacker) {
  const response = await fetch(
    `${server.url}/manage/tenants/${tenant.tenantId}/projects/default/agents/${tenant.agentId}/triggers`,
    {
      method,
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  return { status: response.status, body: (await response.json()) as any };
}
async function createTrigger(body: Record<string, unknown>, tenant = attacker) {
  const created = await manage('POST', body, tenant);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data as { id: string; webhookUrl: string };
}
async function deliver(webhookUrl: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${new URL(webhookUrl).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as any,
  };
}

describe('regular expressions a tenant writes run in linear time', () => {
  it('signature.regex', async () => {
    const trigger = await createTrigger({
      name: 'sig-regex',
      signatureVerification: { signature: { source: 'header', key: 'X-Sig', regex: CATASTROPHIC } },
    });
    const response = await beside('signature.regex', () =>
      deliver(trigger.webhookUrl, '{}', { 'X-Sig': EVIL_INPUT }),
    );
    expect(response.status).toBe(403);
  });

  it('signedComponents[].regex', async () => {
    const trigger = await createTrigger({
      name: 'component-regex',
      signatureVerification: {
        signature: { source: 'header', key: 'X-Sig' },
        signedComponents: [
          { source: 'header', key: 'X-Part', regex: CATASTROPHIC },
          { source: 'body' },
        ],
      },
    });
    const response = await beside('signedComponents.regex', () =>
      deliver(trigger.webhookUrl, '{}', { 'X-Sig': 'abc', 'X-Part': EVIL_INPUT }),
    );
    expect(response.status).toBe(401);
  });

  it('timestamp.regex', async () => {
    const trigger = await createTrigger({
      name: 'timestamp-regex',
      signatureVerification: {
        signature: { source: 'header', key: 'X-Sig' },
        timestamp: { source: 'header', key: 'X-Time', regex: CATASTROPHIC },
      },
    });
    const response = await beside('timestamp.regex', () =>
      deliver(trigger.webhookUrl, '{}', { 'X-Sig': 'abc', 'X-Time': EVIL_INPUT }),
    );
    expect(response.status).toBe(401);
  });

  it('deliveryId.regex, for an anonymous sender and for a signed one', async () => {
    const secret = await server.graphql(
      HostileCredential,
      { name: 'delivery-secret', secret: 'delivery-secret-1' },
      { key: attacker.key },
    );
    const trigger = await createTrigger({
      name: 'delivery-regex',
      signatureVerification: {
        signature: { source: 'header', key: 'X-Sig' },
        deliveryId: { source: 'header', key: 'X-Delivery', regex: CATASTROPHIC },
      },
      signingSecretCredentialIds: [secret.data!.createCredential.credential.id],
    });
    const anonymous = await beside('deliveryId.regex (anonymous)', () =>
      deliver(trigger.webhookUrl, '{}', { 'X-Sig': 'abc', 'X-Delivery': EVIL_INPUT }),
    );
    expect(anonymous.status).toBe(403);
    const signature = createHmac('sha256', 'delivery-secret-1').update('{}').digest('hex');
    const signed = await beside('deliveryId.regex (signed)', () =>
      deliver(trigger.webhookUrl, '{}', { 'X-Sig': signature, 'X-Delivery': EVIL_INPUT }),
    );
    expect(signed.status).toBe(202);
  });

  it('JSON Schema pattern and patternProperties', async () => {
    const trigger = await createTrigger({
      name: 'schema-pattern',
      inputSchema: {
        type: 'object',
        properties: { name: { type: 'string', pattern: CATASTROPHIC } },
        patternProperties: { [CATASTROPHIC]: { type: 'number' } },
      },
    });
    const response = await beside('inputSchema pattern', () =>
      deliver(trigger.webhookUrl, JSON.stringify({ name: EVIL_INPUT, [EVIL_INPUT]: 1 })),
    );
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('must match pattern');
  });
});

describe('what a webhook makes tenant regexes search is capped (TRIGGER_REGEX_BUDGET_CHARS)', () => {
  // Linear, but slow per character on multi-byte text: some 150 µs here.
  const SLOW = '(?:[^,]*,){30}x';
  const text = (chars: number) => 'é☕a,'.repeat(chars / 4);

  it('a signed component’s regex over a long body value: 422 past the budget, and in time within it', async () => {
    const trigger = await createTrigger({
      name: 'slow-component',
      signatureVerification: {
        signature: { source: 'header', key: 'X-Sig' },
        signedComponents: [{ source: 'body', key: 'text', regex: SLOW }],
      },
    });
    const over = await beside('slow regex, 12,000 characters', () =>
      deliver(trigger.webhookUrl, JSON.stringify({ text: text(12_000) }), { 'X-Sig': 'abc' }),
    );
    expect(over.status).toBe(422);
    expect(over.body.detail).toContain('more than 4096 characters');
    const within = await beside('slow regex, 4,000 characters', () =>
      deliver(trigger.webhookUrl, JSON.stringify({ text: text(4000) }), { 'X-Sig': 'abc' }),
    );
    expect(within.status).toBe(401);
  });

  it('many JSON Schema patterns over one string: 422 past the budget', async () => {
    const trigger = await createTrigger({
      name: 'many-patterns',
      inputSchema: {
        type: 'object',
        properties: {
          text: {
            allOf: Array.from({ length: 30 }, (_, index) => ({ pattern: `${SLOW}${index}?` })),
          },
        },
      },
    });
    const response = await beside('30 patterns over 2,000 characters', () =>
      deliver(trigger.webhookUrl, JSON.stringify({ text: text(2000) })),
    );
    expect(response.status).toBe(422);
  });
});

describe('JSON Schemas a tenant saves', () => {
  it('refuses a 1.1 MB schema when saved, before compiling it', async () => {
    const properties = Object.fromEntries(
      Array.from({ length: 17_000 }, (_, index) => [
        `p${index}`,
        { type: 'string', pattern: `^v${index}-[a-z]+$`, minLength: 1 },
      ]),
    );
    const schema = { type: 'object', properties };
    expect(JSON.stringify(schema).length).toBeGreaterThan(1_100_000);
    const response = await beside('1.1 MB inputSchema', () =>
      manage('POST', { name: 'huge-schema', inputSchema: schema }),
    );
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('inputSchema');
    expect(response.body.detail).toContain('65536');
  });

  it('keeps a schema’s $id to its own trigger: the same $id in two triggers and two tenants, and no cross-tenant $ref', async () => {
    const schema = {
      $id: 'https://schemas.example/order',
      type: 'object',
      required: ['order'],
      properties: { order: { $ref: '#/$defs/order' } },
      $defs: { order: { type: 'string' } },
    };
    const triggers = await beside('$id reuse', async () => [
      await createTrigger({ name: 'id-1', inputSchema: schema }),
      await createTrigger({ name: 'id-2', inputSchema: { ...schema, required: [] } }),
      await createTrigger({ name: 'id-3', inputSchema: schema }, bystander),
    ]);
    for (const trigger of triggers) {
      expect((await deliver(trigger.webhookUrl, JSON.stringify({ order: 'A-1' }))).status).toBe(
        202,
      );
      expect((await deliver(trigger.webhookUrl, JSON.stringify({ order: 17 }))).status).toBe(400);
    }
    // A second webhook uses the compiled schema again (it used to compile it again, and fail).
    expect((await deliver(triggers[0].webhookUrl, JSON.stringify({}))).status).toBe(400);
    expect((await deliver(triggers[1].webhookUrl, JSON.stringify({}))).status).toBe(202);

    await createTrigger(
      {
        name: 'private',
        inputSchema: { $id: 'https://bystander.example/private', type: 'object' },
      },
      bystander,
    );
    const foreign = await beside('cross-tenant $ref', () =>
      manage('POST', {
        name: 'foreign-ref',
        inputSchema: { $ref: 'https://bystander.example/private' },
      }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.detail).toContain('inputSchema');
  });
});

describe('what a webhook makes the server build', () => {
  it('stops a template that renders past the message cap', async () => {
    const trigger = await createTrigger({
      name: 'template-bomb',
      messageTemplate: '{{x}}'.repeat(20_000),
    });
    const response = await beside('template bomb', () =>
      deliver(trigger.webhookUrl, JSON.stringify({ x: 'a'.repeat(25_000) })),
    );
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('renders more than 1048576 characters');
  });

  it('refuses a webhook body over WEBHOOK_MAX_BODY_BYTES with 413 problem+json', async () => {
    const trigger = await createTrigger({ name: 'big-body' });
    const response = await beside('2 MiB webhook body', () =>
      deliver(trigger.webhookUrl, JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) })),
    );
    expect(response.status).toBe(413);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.code).toBe('payload_too_large');
  });
});
