import { lookup } from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import type { RunConfigInput } from '../gql/graphql.ts';
import { LogEvent } from '../support/operations.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const OutboundCreateEndpoint = graphql(`
  mutation OutboundCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const OutboundDeliveries = graphql(`
  query OutboundDeliveries($filter: WebhookDeliveryFilter) {
    webhookDeliveries(filter: $filter, first: 50) {
      edges {
        node {
          status
          attemptCount
          attempts {
            responseStatus
            responseBody
            error
          }
        }
      }
    }
  }
`);

const OutboundLogEvents = graphql(`
  mutation OutboundLogEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      event {
        id
      }
    }
  }
`);

const OutboundCreateAgent = graphql(`
  mutation OutboundCreateAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const OutboundCreateVersion = graphql(`
  mutation OutboundCreateVersion($agentName: String!, $runConfig: RunConfigInput) {
    createAgentVersion(agentName: $agentName, name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const OutboundRun = graphql(`
  mutation OutboundRun($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

const OutboundExecution = graphql(`
  query OutboundExecution($id: ID!) {
    execution(id: $id) {
      status
      error
      toolCalls {
        name
        result
      }
    }
  }
`);

/**
 * A local server every hostile URL would reach (it listens on all local addresses, IPv4 and IPv6),
 * recording what arrives and answering per path.
 */
class Listener {
  readonly received: string[] = [];
  /** For /huge: how many bytes went out before the client hung up. */
  hugeBytesSent = 0;
  private readonly server = http.createServer((request, response) => {
    this.received.push(request.url!);
    request.resume();
    const path = request.url!.replace(/\?.*/, '');
    if (path.includes('/redirect')) {
      response.writeHead(302, { location: '/landing' }).end();
    } else if (path.includes('/huge')) {
      this.streamHuge(response);
    } else if (path.includes('/trickle') || path.endsWith('/hang')) {
      if (path.includes('/trickle')) {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('.'), 100);
        response.on('close', () => clearInterval(timer));
      }
      // /hang never answers at all
    } else if (path.endsWith('/nul')) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\u0000done');
    } else if (path.endsWith('/unstorable-json')) {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"text":"a\\u0000b","lone":"\\ud800","\\u0000key":1}');
    } else {
      response.writeHead(200).end('{"ok":true}');
    }
  });
  port = 0;

  /** 50 MB in 64 KiB chunks, as fast as the client reads. */
  private streamHuge(response: http.ServerResponse) {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    response.writeHead(200, { 'content-type': 'text/plain' });
    const write = () => {
      while (this.hugeBytesSent < 50 * 1024 * 1024 && !response.destroyed) {
        this.hugeBytesSent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', write);
      }
      response.end();
    };
    write();
  }

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '::', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  at(suffix: string) {
    return this.received.filter((url) => url.endsWith(suffix));
  }
  stop() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

const listener = new Listener();
/** Every spelling of "this machine" that a tenant might try, by what the test calls it. */
const hostileUrls = () => ({
  '[::]': `http://[::]:${listener.port}`,
  '[::ffff:127.0.0.1]': `http://[::ffff:127.0.0.1]:${listener.port}`,
  '0.0.0.0': `http://0.0.0.0:${listener.port}`,
  '127.1': `http://127.1:${listener.port}`,
  '2130706433': `http://2130706433:${listener.port}`,
  localhost: `http://localhost:${listener.port}`,
  'a name resolving to loopback': `http://loopback.outbound.test:${listener.port}`,
});
const REFUSED = /an? (unspecified|loopback) address: not allowed \(OUTBOUND_ALLOWED_NETWORKS\)/;

/** One address of each special-purpose kind (the guard refuses them before any connection is made). */
const specialAddresses = {
  private: ['10.0.0.1', 'fd00::1', '::ffff:192.168.0.1'],
  cgnat: ['100.64.0.1'],
  'link-local': ['169.254.169.254', 'fe80::1'],
  benchmarking: ['198.18.0.1'],
  documentation: ['192.0.2.1', '198.51.100.1', '203.0.113.1', '2001:db8::1'],
  multicast: ['224.0.0.1', 'ff02::1'],
  reserved: ['240.0.0.1', '255.255.255.255'],
  loopback: ['64:ff9b::7f00:1'],
};
const specialNames = Object.entries(specialAddresses).flatMap(([kind, addresses]) =>
  addresses.map((address, index) => ({ kind, address, name: `${kind}-${index}.outbound.test` })),
);

/** The injected resolver: made-up names point at loopback and the special ranges, the rest resolve as usual. */
const resolveHost = async (hostname: string) => {
  if (hostname === 'loopback.outbound.test') return [{ address: '127.0.0.1', family: 4 }];
  const special = specialNames.find((entry) => entry.name === hostname);
  if (special) return [{ address: special.address, family: special.address.includes(':') ? 6 : 4 }];
  return lookup(hostname, { all: true });
};

async function deliveriesOf(server: TestServer, key: string, endpointId: string) {
  const listed = await server.graphql(OutboundDeliveries, { filter: { endpointId } }, { key });
  expect(listed.errors).toBeUndefined();
  return listed.data!.webhookDeliveries.edges.map(({ node }) => node);
}

async function createEndpoint(server: TestServer, key: string, url: string, appEventType: string) {
  const created = await server.graphql(
    OutboundCreateEndpoint,
    { input: { url, eventTypes: ['EVENT_CREATED'], appEventTypes: [appEventType] } },
    { key },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createWebhookEndpoint.endpoint.id;
}

async function createAgent(
  server: TestServer,
  key: string,
  name: string,
  runConfig: RunConfigInput,
) {
  const agent = await server.graphql(OutboundCreateAgent, { name }, { key });
  expect(agent.errors).toBeUndefined();
  const version = await server.graphql(
    OutboundCreateVersion,
    { agentName: name, runConfig },
    { key },
  );
  expect(version.errors).toBeUndefined();
  return agent.data!.createAgent.id;
}

async function run(server: TestServer, key: string, agentId: string) {
  const created = await server.graphql(
    OutboundRun,
    { input: { agentId, messages: [{ role: 'user', content: 'go' }] } },
    { key },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createExecution.id;
}

async function finished(server: TestServer, key: string, id: string, timeoutMs = 15_000) {
  return eventually(
    async () => {
      const execution = (await server.graphql(OutboundExecution, { id }, { key })).data!.execution!;
      return ['COMPLETED', 'FAILED'].includes(execution.status) && execution;
    },
    'the execution to end',
    timeoutMs,
  );
}

/** Another tenant's request, sent while the hostile case is under way: it must take under 1 s. */
async function besideIt(server: TestServer, key: string) {
  const started = performance.now();
  const logged = await server.graphql(LogEvent, { input: { type: 'beside.it' } }, { key });
  expect(logged.errors).toBeUndefined();
  expect(performance.now() - started).toBeLessThan(1000);
}

/** A scripted agent that calls one HTTP tool per URL, then says it is done. */
const toolCallingAgent = (urls: string[]): RunConfigInput => ({
  provider: {
    type: 'SCRIPTED',
    turns: [
      {
        text: 'Calling.',
        toolCalls: urls.map((_, index) => ({ name: `tool_${index}`, arguments: {} })),
      },
      { text: 'Done.' },
    ],
  },
  tools: urls.map((url, index) => ({ name: `tool_${index}`, executor: { type: 'HTTP', url } })),
});

beforeAll(() => listener.start());
afterAll(() => listener.stop());

describe('requests to tenant-chosen URLs, default configuration', () => {
  let server: TestServer;
  let hostile: string;
  let other: string;
  beforeAll(async () => {
    server = await startServer({
      env: { DELIVERY_POLL_MS: '50', EXECUTION_POLL_MS: '50' },
      resolveHost,
    });
    hostile = (await server.newTenant('hostile')).key;
    other = (await server.newTenant('other')).key;
  });
  afterAll(() => server?.stop());

  it('refuses every spelling of loopback for webhook deliveries, recording why, without a request', async () => {
    const endpoints = await Promise.all(
      Object.entries(hostileUrls()).map(
        async ([name, url]) =>
          [
            name,
            await createEndpoint(server, hostile, `${url}/delivery`, 'ssrf.delivery'),
          ] as const,
      ),
    );
    await server.graphql(LogEvent, { input: { type: 'ssrf.delivery' } }, { key: hostile });
    await besideIt(server, other);
    for (const [name, endpointId] of endpoints) {
      const [delivery] = await eventually(async () => {
        const list = await deliveriesOf(server, hostile, endpointId);
        return list[0]?.status === 'FAILED' && list;
      }, `the delivery to ${name} to fail`);
      expect(delivery.attempts, name).toHaveLength(1);
      expect(delivery.attempts[0].error, name).toMatch(REFUSED);
    }
    expect(listener.at('/delivery')).toEqual([]);
  });

  it('refuses names that resolve to any special-purpose range, naming the range', async () => {
    const endpoints = await Promise.all(
      specialNames.map(async (entry) => ({
        ...entry,
        endpointId: await createEndpoint(
          server,
          hostile,
          `http://${entry.name}/special`,
          'ssrf.special',
        ),
      })),
    );
    await server.graphql(LogEvent, { input: { type: 'ssrf.special' } }, { key: hostile });
    await besideIt(server, other);
    for (const { name, address, kind, endpointId } of endpoints) {
      const [delivery] = await eventually(async () => {
        const list = await deliveriesOf(server, hostile, endpointId);
        return list[0]?.status === 'FAILED' && list;
      }, `the delivery to ${name} to fail`);
      expect(delivery.attempts[0].error).toBe(
        `${name} resolves to ${address}, a ${kind} address: not allowed (OUTBOUND_ALLOWED_NETWORKS)`,
      );
    }
  });

  it('refuses them for HTTP tools: each tool result is the refusal', async () => {
    const urls = Object.values(hostileUrls()).map((url) => `${url}/tool`);
    const agentId = await createAgent(server, hostile, 'ssrf-tools', toolCallingAgent(urls));
    const id = await run(server, hostile, agentId);
    await besideIt(server, other);
    const execution = await finished(server, hostile, id);
    expect(execution.status).toBe('COMPLETED');
    expect(execution.toolCalls).toHaveLength(urls.length);
    for (const call of execution.toolCalls)
      expect((call.result as { error: string }).error, call.name).toMatch(REFUSED);
    expect(listener.at('/tool')).toEqual([]);
  });

  it('refuses them as model provider base URLs: the execution fails with the refusal', async () => {
    const ids = await Promise.all(
      Object.values(hostileUrls()).map(async (url, index) =>
        run(
          server,
          hostile,
          await createAgent(server, hostile, `ssrf-provider-${index}`, {
            provider: { type: 'OPENAI_COMPATIBLE', model: 'gpt-4o-mini', baseUrl: `${url}/v1` },
          }),
        ),
      ),
    );
    await besideIt(server, other);
    for (const id of ids) {
      const execution = await finished(server, hostile, id, 30_000);
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toMatch(/^The model provider could not be reached: /);
      expect(execution.error).toMatch(REFUSED);
    }
    expect(listener.at('/chat/completions')).toEqual([]);
  }, 40_000);
});

describe('requests to receivers and tools that misbehave (loopback allowed)', () => {
  let server: TestServer;
  let hostile: string;
  let other: string;
  let local: string;
  beforeAll(async () => {
    server = await startServer({
      env: {
        OUTBOUND_ALLOWED_NETWORKS: 'loopback',
        DELIVERY_POLL_MS: '50',
        EXECUTION_POLL_MS: '50',
        DELIVERY_TIMEOUT_MS: '1500',
        TOOL_TIMEOUT_MS: '1500',
        MODEL_TIMEOUT_MS: '1500',
        MODEL_RESPONSE_MAX_BYTES: String(2 * 1024 * 1024),
      },
    });
    hostile = (await server.newTenant('hostile')).key;
    other = (await server.newTenant('other')).key;
    local = `http://127.0.0.1:${listener.port}`;
  });
  afterAll(() => server?.stop());

  /** One delivery to `path`, once its first attempt is recorded. */
  async function deliverOnce(path: string, origin = local) {
    const type = `misbehaving${path.replace(/\W/g, '.')}`;
    const endpointId = await createEndpoint(server, hostile, `${origin}${path}`, type);
    await server.graphql(LogEvent, { input: { type } }, { key: hostile });
    await besideIt(server, other);
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(server, hostile, endpointId);
      // attemptCount is read with the status, the attempts by a second statement: wait for both.
      return list[0]?.attemptCount > 0 && list[0].attempts.length > 0 && list;
    }, `the attempt to ${path}`);
    return delivery;
  }

  /** One tool call to `path`, once the run has ended. */
  async function callToolOnce(name: string, path: string) {
    const id = await run(
      server,
      hostile,
      await createAgent(server, hostile, name, toolCallingAgent([`${local}${path}`])),
    );
    await besideIt(server, other);
    const execution = await finished(server, hostile, id);
    expect(execution.status).toBe('COMPLETED');
    return execution.toolCalls[0].result as Record<string, unknown>;
  }

  it('still refuses the unspecified address, which reaches loopback too', async () => {
    const delivery = await deliverOnce('/delivery/unspecified', `http://[::]:${listener.port}`);
    expect(delivery.attempts[0].error).toBe(
      '::, an unspecified address: not allowed (OUTBOUND_ALLOWED_NETWORKS)',
    );
    expect(listener.at('/delivery/unspecified')).toEqual([]);
  });

  /** One run of an openai-compatible agent whose base URL is `path`, once it has ended. */
  async function callProviderOnce(name: string, path: string) {
    const id = await run(
      server,
      hostile,
      await createAgent(server, hostile, name, {
        provider: { type: 'OPENAI_COMPATIBLE', model: 'gpt-4o-mini', baseUrl: `${local}${path}` },
      }),
    );
    await besideIt(server, other);
    return finished(server, hostile, id);
  }

  it('does not follow redirects', async () => {
    const delivery = await deliverOnce('/delivery/redirect');
    expect(delivery.attempts[0].responseStatus).toBe(302);
    expect(delivery.status).toBe('PENDING');
    expect(await callToolOnce('redirected-tool', '/tool/redirect')).toMatchObject({ status: 302 });
    expect(await callProviderOnce('redirected-provider', '/provider/redirect')).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('302'),
    });
    expect(listener.at('/landing')).toEqual([]);
  });

  it('keeps 64 KiB of a 50 MB answer and stops reading it past 1 MiB (a model provider’s past MODEL_RESPONSE_MAX_BYTES)', async () => {
    listener.hugeBytesSent = 0;
    const delivery = await deliverOnce('/delivery/huge');
    expect(delivery.status).toBe('SUCCEEDED');
    expect(delivery.attempts[0].responseStatus).toBe(200);
    expect(delivery.attempts[0].responseBody).toHaveLength(64 * 1024);
    expect(listener.hugeBytesSent, 'the connection was dropped long before 50 MB').toBeLessThan(
      10 * 1024 * 1024,
    );

    listener.hugeBytesSent = 0;
    const result = await callToolOnce('huge-tool', '/tool/huge');
    expect(result.error).toBe('The tool answered more than 65536 bytes');
    expect(result.start).toHaveLength(64 * 1024);
    expect(listener.hugeBytesSent).toBeLessThan(10 * 1024 * 1024);

    listener.hugeBytesSent = 0;
    expect(await callProviderOnce('huge-provider', '/provider/huge')).toMatchObject({
      status: 'FAILED',
      error: 'The response exceeded 2097152 bytes: stopped reading',
    });
    expect(listener.hugeBytesSent).toBeLessThan(10 * 1024 * 1024);
  });

  it('cuts an answer that trickles forever at the timeout', async () => {
    const delivery = await deliverOnce('/delivery/trickle');
    expect(delivery.attempts[0]).toMatchObject({
      responseStatus: null,
      error: 'No complete answer within 1500 ms',
    });
    expect(await callToolOnce('trickling-tool', '/tool/trickle')).toEqual({
      error: 'No complete answer within 1500 ms',
    });
    expect(await callProviderOnce('trickling-provider', '/provider/trickle')).toMatchObject({
      status: 'FAILED',
      error: 'The model did not finish answering within 1500 ms',
    });
  });

  it('records an answer PostgreSQL cannot store (NUL, lone surrogates) sanitised', async () => {
    const delivery = await deliverOnce('/delivery/nul');
    expect(delivery).toMatchObject({
      status: 'SUCCEEDED',
      attempts: [{ responseStatus: 200, responseBody: 'ok\ufffddone' }],
    });
    expect(await callToolOnce('unstorable-tool', '/tool/unstorable-json')).toEqual({
      text: 'a\ufffdb',
      lone: '\ufffd',
      '\ufffdkey': 1,
    });
  });
});

describe('a tenant whose endpoints hang', () => {
  /**
   * Queues 300 deliveries of the hanging tenant over `endpoints` endpoints that never answer (within
   * DELIVERY_TIMEOUT_MS, 30 s), waits until they hold `held` sends, then times the other tenant's one
   * event to its receiver.
   */
  async function otherTenantBesideHangingOne(
    label: string,
    env: Record<string, string>,
    endpoints: number,
    held: number,
  ) {
    const server = await startServer({
      env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback', DELIVERY_TIMEOUT_MS: '30000', ...env },
    });
    try {
      const local = `http://127.0.0.1:${listener.port}`;
      const hostile = (await server.newTenant('hanging')).key;
      const other = (await server.newTenant('waiting')).key;
      for (let index = 0; index < endpoints; index++)
        await createEndpoint(
          server,
          hostile,
          `${local}/${label}/${index}/hang`,
          `${label}.backlog`,
        );
      const hanging = () =>
        listener.received.filter((url) => url.startsWith(`/${label}/`) && url.endsWith('/hang'))
          .length;
      const queued = await server.graphql(
        OutboundLogEvents,
        { inputs: Array.from({ length: 300 / endpoints }, () => ({ type: `${label}.backlog` })) },
        { key: hostile },
      );
      expect(queued.errors).toBeUndefined();
      await eventually(() => hanging() >= held, 'the hanging endpoints to hold their sends');
      await besideIt(server, other);

      await createEndpoint(server, other, `${local}/${label}/ok`, `${label}.single`);
      const started = performance.now();
      await server.graphql(LogEvent, { input: { type: `${label}.single` } }, { key: other });
      await eventually(
        () => listener.at(`/${label}/ok`).length === 1,
        'the other tenant’s delivery',
        5000,
      );
      expect(performance.now() - started).toBeLessThan(2000);
      expect(hanging()).toBe(held);
    } finally {
      await server.stop();
    }
  }

  it('one endpoint holds at most DELIVERY_ENDPOINT_CONCURRENCY sends: another tenant’s event is delivered at once', async () => {
    await otherTenantBesideHangingOne(
      'fair-endpoint',
      { DELIVERY_ENDPOINT_CONCURRENCY: '10' },
      1,
      10,
    );
  }, 30_000);

  it('many endpoints of one tenant hold at most DELIVERY_TENANT_CONCURRENCY sends', async () => {
    await otherTenantBesideHangingOne(
      'fair-tenant',
      {
        DELIVERY_CONCURRENCY: '12',
        DELIVERY_ENDPOINT_CONCURRENCY: '5',
        DELIVERY_TENANT_CONCURRENCY: '10',
      },
      3,
      10,
    );
  }, 30_000);
});
