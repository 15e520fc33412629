import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AppEventLogged, LogEvent } from '../support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const MetricsCreateEndpoint = graphql(`
  mutation MetricsCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const MetricsCreateExecution = graphql(`
  mutation MetricsCreateExecution($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

const MetricsCreateAgent = graphql(`
  mutation MetricsCreateAgent($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const TOKEN = 'metrics-token-0123456789';
let server: TestServer;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  // Answers 200 on /ok and 500 on anything else (a delivery that will be retried).
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(request.url === '/ok' ? 200 : 500).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startServer({
    env: {
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: '0',
      OUTBOUND_ALLOWED_NETWORKS: 'loopback',
      DELIVERY_POLL_MS: '50',
      EXECUTION_POLL_MS: '50',
    },
  });
});
afterAll(async () => {
  await server?.stop();
  receiver?.close();
});

const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
  const response = await fetch(`${server.url}/metrics`, { headers });
  return { status: response.status, text: await response.text() };
};

/** The samples of one family as `name{labels} value` lines. */
const samples = (text: string, family: string) =>
  text.split('\n').filter((line) => line.startsWith(`${family}{`) || line.startsWith(`${family} `));

const value = (text: string, family: string, labels: string) =>
  Number(
    samples(text, family)
      .find(
        (line) =>
          line.startsWith(`${family}{`) && labels.split(',').every((label) => line.includes(label)),
      )
      ?.split(' ')
      .at(-1) ?? NaN,
  );

describe('GET /metrics', () => {
  it('requires the METRICS_TOKEN', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
  });

  it('covers HTTP, GraphQL, WebSockets, executions, deliveries, webhooks, the pool and pub/sub', async () => {
    const { key, tenantId } = await server.newTenant('metrics');
    const endpoint = async (path: string) =>
      (
        await server.graphql(
          MetricsCreateEndpoint,
          { input: { url: `${receiverUrl}${path}`, eventTypes: ['EVENT_CREATED'] } as never },
          { key },
        )
      ).data!.createWebhookEndpoint.endpoint.id;
    const [okEndpoint, failingEndpoint] = [await endpoint('/ok'), await endpoint('/fail')];
    const stream = subscribe(server.wsClient(key), AppEventLogged, {});
    await eventually(
      async () =>
        samples((await scrape()).text, 'switchboard_graphql_subscriptions_active')[0]?.endsWith(
          ' 1',
        ),
      'the subscription to start',
    );
    await server.graphql(LogEvent, { input: { type: 'metrics.test' } }, { key });
    const execution = await server.graphql(
      MetricsCreateExecution,
      { input: { messages: [{ role: 'user', content: 'count me' }] } },
      { key },
    );
    expect(execution.errors).toBeUndefined();
    // A webhook accepted, one refused (its trigger wants a header).
    const agentId = (await server.graphql(MetricsCreateAgent, { name: 'metrics-bot' }, { key }))
      .data!.createAgent.id;
    const trigger = async (body: Record<string, unknown>) => {
      const response = await fetch(
        `${server.url}/manage/tenants/${tenantId}/projects/default/agents/${agentId}/triggers`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
      return (await response.json()) as { data: { webhookUrl: string } };
    };
    for (const [created, expected] of [
      [await trigger({ id: 'metrics.open', name: 'open' }), 202],
      [
        await trigger({
          id: 'metrics.closed',
          name: 'closed',
          authentication: { type: 'header', header: 'X-Token', value: 'token-123' },
        }),
        401,
      ],
    ] as const) {
      const response = await fetch(`${server.url}${new URL(created.data.webhookUrl).pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"hello":"world"}',
      });
      expect(response.status).toBe(expected);
    }

    const text = await eventually(async () => {
      const { text } = await scrape();
      return value(text, 'switchboard_webhook_delivery_attempts_total', `outcome="retrying"`) >=
        1 && value(text, 'switchboard_execution_run_duration_seconds_count', '') >= 1
        ? text
        : undefined;
    }, 'the delivery attempts and runs to be counted');
    expect(
      value(text, 'switchboard_http_requests_total', 'route="/graphql",status="200"'),
    ).toBeGreaterThan(0);
    expect(
      value(text, 'switchboard_http_requests_total', 'route="/webhooks/:webhookKey"'),
    ).toBeGreaterThan(0);
    expect(
      value(
        text,
        'switchboard_graphql_operations_total',
        'operation="MetricsCreateExecution",type="mutation",outcome="success"',
      ),
    ).toBe(1);
    expect(value(text, 'graphql_envelop_request', 'operationName="LogEvent"')).toBe(1);
    expect(value(text, 'graphql_envelop_phase_execute_count', 'operationName="LogEvent"')).toBe(1);
    expect(samples(text, 'switchboard_websocket_connections')).toEqual([
      'switchboard_websocket_connections 1',
    ]);
    expect(samples(text, 'switchboard_graphql_subscriptions_active')).toEqual([
      'switchboard_graphql_subscriptions_active 1',
    ]);
    expect(value(text, 'switchboard_executions', 'status=')).toBeGreaterThan(0);
    expect(
      value(
        text,
        'switchboard_webhook_delivery_attempts_total',
        `endpoint="${okEndpoint}",outcome="succeeded"`,
      ),
    ).toBeGreaterThan(0);
    expect(
      value(text, 'switchboard_webhook_deliveries_pending', `endpoint="${failingEndpoint}"`),
    ).toBeGreaterThan(0);
    expect(
      value(
        text,
        'switchboard_webhook_invocations_total',
        'trigger="metrics.open",outcome="accepted"',
      ),
    ).toBe(1);
    expect(
      value(
        text,
        'switchboard_webhook_invocations_total',
        'trigger="metrics.closed",outcome="refused"',
      ),
    ).toBe(1);
    expect(value(text, 'switchboard_db_pool_connections', 'state="total"')).toBeGreaterThan(0);
    expect(samples(text, 'switchboard_pubsub_publish_failures_total')).toEqual([
      'switchboard_pubsub_publish_failures_total 0',
    ]);
    expect(text).not.toMatch(/webhooks\/[0-9a-f]{8}-/); // a webhook key is a secret
    expect(stream.received.length).toBeGreaterThan(0);
  });

  it('is served without a token on METRICS_PORT', async () => {
    const response = await fetch(server.metricsUrl!);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('switchboard_http_requests_total');
  });
});
