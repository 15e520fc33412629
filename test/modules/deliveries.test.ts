import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { LogEvent } from '../support/operations.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const CreateEndpoint = graphql(`
  mutation CreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
      }
    }
  }
`);

const Deliveries = graphql(`
  query Deliveries($filter: WebhookDeliveryFilter) {
    webhookDeliveries(filter: $filter, first: 50) {
      totalCount
      edges {
        node {
          id
          messageId
          eventType
          status
          attemptCount
          nextAttemptAt
          attempts {
            number
            trigger
            responseStatus
            error
            nextAttemptAt
          }
        }
      }
    }
  }
`);

const Endpoints = graphql(`
  query Endpoints {
    webhookEndpoints {
      id
      enabled
      disabledReason
    }
  }
`);

const Redeliver = graphql(`
  mutation Redeliver($deliveryId: ID!) {
    redeliver(deliveryId: $deliveryId) {
      id
    }
  }
`);

const Recover = graphql(`
  mutation Recover($endpointId: ID!, $since: DateTime!) {
    recoverEndpoint(endpointId: $endpointId, since: $since)
  }
`);

const DeliveryUpdates = graphql(`
  subscription DeliveryUpdates($endpointId: ID!) {
    webhookDeliveryUpdated(endpointId: $endpointId) {
      eventType
      status
      attemptCount
    }
  }
`);

const RotateEndpointSecret = graphql(`
  mutation RotateEndpointSecret($id: ID!) {
    rotateWebhookEndpointSecret(id: $id) {
      secret
    }
  }
`);

/** A receiver that verifies each delivery with the `standardwebhooks` package and answers from a script per path. */
class Receiver {
  readonly received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  readonly answers = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  private readonly server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      this.received.push({ path: request.url!, headers: request.headers, body });
      const answer = this.answers.get(request.url!)?.shift() ?? { status: 200 };
      response.writeHead(answer.status, answer.headers);
      response.end('ok');
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  at(path: string) {
    return this.received.filter((request) => request.path === path);
  }
  verify(secret: string, request: { headers: http.IncomingHttpHeaders; body: string }) {
    return new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
  }
  stop() {
    this.server.close();
  }
}

let clockOffset = 0;
const now = () => new Date(Date.now() + clockOffset);
const advance = (ms: number) => (clockOffset += ms);

let database: TestDatabase;
let server: TestServer;
let key: string;
const receiver = new Receiver();
const env = {
  OUTBOUND_ALLOWED_NETWORKS: 'loopback',
  DELIVERY_POLL_MS: '50',
  DELIVERY_DISABLE_AFTER_HOURS: '1',
};

beforeAll(async () => {
  await receiver.start();
  database = await createTestDatabase();
  server = await startServer({ database, env, now });
  key = (await server.newTenant('deliveries')).key;
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
  receiver.stop();
});

async function endpoint(path: string, input: Record<string, unknown> = {}) {
  const created = await server.graphql(
    CreateEndpoint,
    { input: { url: `${receiver.url}${path}`, eventTypes: ['EVENT_CREATED'], ...input } as never },
    { key },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createWebhookEndpoint;
}
const logEvent = (type: string, id?: string) =>
  server.graphql(LogEvent, { input: { type, id } }, { key });
const deliveriesOf = async (endpointId: string) =>
  (
    await server.graphql(Deliveries, { filter: { endpointId } }, { key })
  ).data!.webhookDeliveries.edges.map(({ node }) => node);

describe('outbound webhook delivery', () => {
  // Tests that verify signatures come first: the others move the server's clock ahead of the
  // receiver's, and Standard Webhooks refuses timestamps from the future.
  it('signs per Standard Webhooks, sends static headers, and filters on the app event type', async () => {
    const { endpoint: created, secret } = await endpoint('/ok', {
      appEventTypes: ['order.placed'],
      headers: { 'X-Tenant': 'acme' },
    });
    await logEvent('other.type');
    await logEvent('order.placed', 'order-1');
    await eventually(() => receiver.at('/ok').length === 1, 'the delivery');
    const [request] = receiver.at('/ok');
    expect(receiver.verify(secret, request)).toMatchObject({
      type: 'event.created',
      data: { id: 'order-1', type: 'order.placed' },
    });
    expect(request.headers['x-tenant']).toBe('acme');
    expect(request.headers['webhook-id']).toMatch(/^msg_/);
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(created.id);
      return list[0]?.status === 'SUCCEEDED' && list;
    }, 'the delivery to be recorded');
    expect(delivery).toMatchObject({
      messageId: request.headers['webhook-id'],
      attemptCount: 1,
      attempts: [{ number: 1, trigger: 'scheduled', responseStatus: 200 }],
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.at('/ok')).toHaveLength(1);

    await server.graphql(Redeliver, { deliveryId: delivery.id }, { key });
    await eventually(() => receiver.at('/ok').length === 2, 'the redelivery');
    expect(receiver.at('/ok')[1].headers['webhook-id']).toBe(request.headers['webhook-id']);
    const again = await eventually(
      async () =>
        (await deliveriesOf(created.id))[0].attempts.length === 2 &&
        (await deliveriesOf(created.id))[0],
      'the manual attempt',
    );
    expect(again.attempts.map((attempt) => attempt.trigger)).toEqual(['scheduled', 'manual']);
  });

  it('signs with both secrets while a rotation’s grace lasts', async () => {
    const { endpoint: created, secret: first } = await endpoint('/rotated');
    const rotated = await server.graphql(RotateEndpointSecret, { id: created.id }, { key });
    const second = rotated.data!.rotateWebhookEndpointSecret.secret;
    await logEvent('rotated.event');
    await eventually(() => receiver.at('/rotated').length === 1, 'the delivery');
    const [request] = receiver.at('/rotated');
    expect(receiver.verify(first, request).type).toBe('event.created');
    expect(receiver.verify(second, request).type).toBe('event.created');
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
  });

  it('disables an endpoint that answers 410, announces it, and recovers it', async () => {
    const watcher = await endpoint('/watch', { eventTypes: ['ENDPOINT_DISABLED'] });
    const { endpoint: gone, secret } = await endpoint('/gone');
    receiver.answers.set('/gone', [{ status: 410 }]);
    const since = now().toISOString();
    await logEvent('gone.event');
    await eventually(() => receiver.at('/watch').length === 1, 'the endpoint.disabled event');
    expect(receiver.verify(watcher.secret, receiver.at('/watch')[0])).toMatchObject({
      type: 'endpoint.disabled',
      data: { endpointId: gone.id },
    });
    const listed = await server.graphql(Endpoints, {}, { key });
    expect(listed.data!.webhookEndpoints.find((entry) => entry.id === gone.id)).toMatchObject({
      enabled: false,
      disabledReason: 'The endpoint answered 410 Gone',
    });
    await logEvent('while.disabled');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.at('/gone')).toHaveLength(1);

    expect(
      (await server.graphql(Recover, { endpointId: gone.id, since }, { key })).data!
        .recoverEndpoint,
    ).toBe(1);
    await eventually(() => receiver.at('/gone').length >= 2, 'the replay');
    expect(receiver.verify(secret, receiver.at('/gone')[1]).type).toBe('event.created');
    // A delivery and its attempts are read by two statements: wait for both to show the replay.
    await eventually(
      async () =>
        (await deliveriesOf(gone.id)).find(
          (delivery) =>
            delivery.status === 'SUCCEEDED' &&
            delivery.attempts.some((attempt) => attempt.trigger === 'replay'),
        ),
      'the replay attempt',
    );
  });

  it('reports each attempt to webhookDeliveryUpdated subscribers, and is managed over REST too', async () => {
    const created = await fetch(`${server.url}/run/v1/webhooks/endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `${receiver.url}/rest`,
        eventTypes: ['event.created'],
        appEventTypes: ['rest.event'],
      }),
    });
    expect(created.status).toBe(201);
    const { data, secret } = (await created.json()) as { data: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const updates = subscribe(server.wsClient(key), DeliveryUpdates, { endpointId: data.id });
    await updates.started;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await logEvent('rest.event');
    await eventually(() => updates.received.length === 1, 'the attempt report');
    expect(updates.received[0].data!.webhookDeliveryUpdated).toEqual({
      eventType: 'event.created',
      status: 'SUCCEEDED',
      attemptCount: 1,
    });
    const list = await fetch(`${server.url}/run/v1/webhooks/deliveries?endpointId=${data.id}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(
      ((await list.json()) as { data: { status: string }[] }).data.map(
        (delivery) => delivery.status,
      ),
    ).toEqual(['succeeded']);
    expect(receiver.verify(secret, receiver.at('/rest')[0]).type).toBe('event.created');
  });

  it('refuses private and link-local destinations (SSRF) without retrying', async () => {
    const { endpoint: created } = await server
      .graphql(
        CreateEndpoint,
        {
          input: { url: 'http://169.254.169.254/latest/meta-data', eventTypes: ['EVENT_CREATED'] },
        },
        { key },
      )
      .then((result) => result.data!.createWebhookEndpoint);
    await logEvent('ssrf.event');
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(created.id);
      return list[0]?.status === 'FAILED' && list;
    }, 'the refused delivery');
    expect(delivery.attemptCount).toBe(1);
    expect(delivery.attempts[0].error).toContain('link-local address: not allowed');
  });

  it('retries on the schedule (5 s, then 5 min), honours Retry-After, and only when the clock says so', async () => {
    const { endpoint: created } = await endpoint('/flaky');
    receiver.answers.set('/flaky', [
      { status: 500 },
      { status: 429, headers: { 'Retry-After': '600' } },
      { status: 200 },
    ]);
    await logEvent('flaky.event');
    await eventually(() => receiver.at('/flaky').length === 1, 'the first attempt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/flaky')).toHaveLength(1);
    advance(5_000);
    await eventually(() => receiver.at('/flaky').length === 2, 'the attempt after 5 s');
    advance(300_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/flaky'), 'Retry-After 600 s outweighs the 5 min step').toHaveLength(2);
    advance(300_000);
    await eventually(() => receiver.at('/flaky').length === 3, 'the attempt after Retry-After');
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(created.id);
      return list[0]?.status === 'SUCCEEDED' && list;
    }, 'success');
    expect(delivery.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 429, 200]);
    const gaps = delivery.attempts.slice(0, 2).map((attempt) => Date.parse(attempt.nextAttemptAt!));
    expect(gaps[1] - gaps[0]).toBeGreaterThanOrEqual(600_000);
  });

  it('disables an endpoint failing for longer than DELIVERY_DISABLE_AFTER_HOURS', async () => {
    const { endpoint: failing } = await endpoint('/down');
    receiver.answers.set(
      '/down',
      Array.from({ length: 10 }, () => ({ status: 503 })),
    );
    await logEvent('down.event');
    await eventually(() => receiver.at('/down').length === 1, 'the first attempt');
    for (const [step, attempts] of [
      [5_000, 2],
      [300_000, 3],
      [1_800_000, 4],
      [7_200_000, 5],
    ] as const) {
      advance(step);
      await eventually(() => receiver.at('/down').length === attempts, `attempt ${attempts}`);
    }
    const listed = await eventually(async () => {
      const list = (await server.graphql(Endpoints, {}, { key })).data!.webhookEndpoints;
      return list.find((entry) => entry.id === failing.id && !entry.enabled);
    }, 'the endpoint to be disabled');
    expect(listed.disabledReason).toBe('The endpoint kept failing');
  });

  it('keeps a conversation’s events in order for an endpoint that asks for it', async () => {
    await endpoint('/ordered', { orderedByResource: true, appEventTypes: ['chat.message'] });
    receiver.answers.set('/ordered', [{ status: 500 }]);
    await server.graphql(
      LogEvent,
      { input: { type: 'chat.message', id: 'first', conversationId: 'conv-1' } },
      { key },
    );
    await server.graphql(
      LogEvent,
      { input: { type: 'chat.message', id: 'second', conversationId: 'conv-1' } },
      { key },
    );
    await eventually(() => receiver.at('/ordered').length === 1, 'the first attempt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/ordered'), 'the second waits for the first').toHaveLength(1);
    advance(5_000);
    await eventually(() => receiver.at('/ordered').length === 3, 'both, in order');
    expect(receiver.at('/ordered').map((request) => JSON.parse(request.body).data.id)).toEqual([
      'first',
      'first',
      'second',
    ]);
  });

  it('resumes a retry schedule after a restart', async () => {
    const { endpoint: created } = await endpoint('/restart');
    receiver.answers.set('/restart', [{ status: 500 }]);
    await logEvent('restart.event');
    await eventually(() => receiver.at('/restart').length === 1, 'the first attempt');
    await server.stop();
    server = await startServer({ database, env, now });
    advance(5_000);
    await eventually(
      () => receiver.at('/restart').length === 2,
      'the retry by the restarted server',
    );
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(created.id);
      return list[0]?.status === 'SUCCEEDED' && list;
    }, 'success after the restart');
    expect(delivery.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 200]);
  });
});
