// The delivery pipeline under load: sends that do not wait for each other, kept-alive connections,
// and attempts recorded in batches that still record each attempt and each outcome on its own.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const PipelineEndpoint = graphql(`
  mutation PipelineEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const PipelineEvents = graphql(`
  mutation PipelineEvents($inputs: [LogEventInput!]!) {
    logEvents(inputs: $inputs) {
      created
    }
  }
`);

const PipelineDeliveries = graphql(`
  query PipelineDeliveries($filter: WebhookDeliveryFilter) {
    webhookDeliveries(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          status
          attempts {
            number
            responseStatus
            nextAttemptAt
          }
        }
      }
    }
  }
`);

const PipelineOutcomes = graphql(`
  query PipelineOutcomes($filter: AuditEventFilter) {
    auditEvents(filter: $filter, first: 100) {
      edges {
        node {
          resourceId
          correlationId
          cause {
            eventType
            correlationId
          }
        }
      }
    }
  }
`);

/**
 * Counts the connections it accepts and the most requests of a path it had unanswered at once;
 * answers per path (after `delayMs`), or holds a path's requests until released.
 */
class Receiver {
  readonly received = new Map<string, number>();
  readonly webhookIds = new Map<string, string[]>();
  private readonly open = new Map<string, number>();
  readonly mostAtOnce = new Map<string, number>();
  readonly delayMs = new Map<string, number>();
  /** Paths whose first request of each delivery (webhook-id) answers 500. */
  readonly failFirst = new Set<string>();
  private readonly failed = new Set<string>();
  connections = 0;
  private readonly held: (() => void)[] = [];
  private holding = new Set<string>();
  private readonly server = http.createServer((request, response) => {
    const path = request.url!;
    const open = (this.open.get(path) ?? 0) + 1;
    this.open.set(path, open);
    this.mostAtOnce.set(path, Math.max(open, this.mostAtOnce.get(path) ?? 0));
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['webhook-id']);
      const fail = this.failFirst.has(path) && !this.failed.has(id);
      if (fail) this.failed.add(id);
      const answer = () => {
        this.received.set(path, (this.received.get(path) ?? 0) + 1);
        this.webhookIds.set(path, [...(this.webhookIds.get(path) ?? []), id]);
        this.open.set(path, this.open.get(path)! - 1);
        response.writeHead(fail ? 500 : 204).end();
      };
      if (this.holding.has(path)) this.held.push(answer);
      else setTimeout(answer, this.delayMs.get(path) ?? 0);
    });
  });
  url = '';
  async start() {
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  hold(path: string) {
    this.holding.add(path);
  }
  release() {
    this.holding.clear();
    for (const answer of this.held.splice(0)) answer();
  }
  count(path: string) {
    return this.received.get(path) ?? 0;
  }
  stop() {
    this.release();
    this.server.closeAllConnections();
    this.server.close();
  }
}

let clockOffset = 0;
const now = () => new Date(Date.now() + clockOffset);

let database: TestDatabase;
let server: TestServer;
let key: string;
const receiver = new Receiver();
/** The statements that record outcomes (attempt rows, audit rows, commits), while watched. */
let recording: string[] | null = null;

beforeAll(async () => {
  await receiver.start();
  database = await createTestDatabase();
  server = await startServer({
    database,
    now,
    onQuery: (sql) => {
      // The runner's claim polls whatever the test does.
      if (!recording || sql.includes('WITH claimed AS')) return;
      if (/INSERT INTO "(WebhookAttempt|AuditEvent)"|COMMIT/.test(sql)) recording.push(sql);
    },
    env: {
      OUTBOUND_ALLOWED_NETWORKS: 'loopback',
      DELIVERY_POLL_MS: '50',
      DELIVERY_ENDPOINT_CONCURRENCY: '5',
      DELIVERY_TENANT_CONCURRENCY: '20',
    },
  });
  key = (await server.newTenant('pipeline')).key;
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
  receiver.stop();
});

async function endpoint(path: string, appEventType: string) {
  const created = await server.graphql(
    PipelineEndpoint,
    {
      input: {
        url: `${receiver.url}${path}`,
        eventTypes: ['EVENT_CREATED'],
        appEventTypes: [appEventType],
      } as never,
    },
    { key },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createWebhookEndpoint.endpoint.id;
}
async function logEvents(type: string, count: number) {
  const inputs = Array.from({ length: count }, () => ({ type }));
  const logged = await server.graphql(PipelineEvents, { inputs }, { key });
  expect(logged.errors).toBeUndefined();
}
const deliveriesOf = async (endpointId: string) =>
  (await server.graphql(PipelineDeliveries, { filter: { endpointId } }, { key })).data!
    .webhookDeliveries;

describe('the delivery pipeline', () => {
  it('delivers to a fast endpoint while a slow one still holds its sends', async () => {
    const slow = await endpoint('/slow', 'pipeline.slow');
    await endpoint('/fast', 'pipeline.fast');
    receiver.hold('/slow');
    await logEvents('pipeline.slow', 10);
    await logEvents('pipeline.fast', 30);
    await eventually(
      () => receiver.count('/fast') === 30,
      'the fast endpoint’s deliveries',
      60_000,
    );
    expect(receiver.count('/slow')).toBe(0);
    const pending = await deliveriesOf(slow);
    expect(pending.edges.every(({ node }) => node.status === 'PENDING')).toBe(true);

    receiver.release();
    await eventually(
      async () => {
        const { totalCount, edges } = await deliveriesOf(slow);
        return totalCount === 10 && edges.every(({ node }) => node.status === 'SUCCEEDED');
      },
      'the slow endpoint’s deliveries',
      60_000,
    );
  });

  it('sends 200 deliveries over a few kept-alive connections', async () => {
    await endpoint('/many', 'pipeline.many');
    const before = receiver.connections;
    await logEvents('pipeline.many', 200);
    await eventually(() => receiver.count('/many') === 200, 'the 200 deliveries', 60_000);
    // Five sends at a time to the endpoint: one connection per request would open 200.
    expect(receiver.connections - before).toBeLessThanOrEqual(25);
  });

  it('claims far enough ahead that a few claims feed 200 sends to one endpoint', async () => {
    // A server of its own that seldom polls: its claims are mostly the wake-up's and the answers'.
    let claims = 0;
    const alone = await startServer({
      onQuery: (sql) => void (sql.includes('FOR UPDATE OF d SKIP LOCKED') && claims++),
      env: {
        OUTBOUND_ALLOWED_NETWORKS: 'loopback',
        DELIVERY_POLL_MS: '5000',
        DELIVERY_ENDPOINT_CONCURRENCY: '5',
      },
    });
    try {
      const tenantKey = (await alone.newTenant('ahead')).key;
      const created = await alone.graphql(
        PipelineEndpoint,
        {
          input: {
            url: `${receiver.url}/ahead`,
            eventTypes: ['EVENT_CREATED'],
            appEventTypes: ['pipeline.ahead'],
          } as never,
        },
        { key: tenantKey },
      );
      expect(created.errors).toBeUndefined();
      const inputs = Array.from({ length: 200 }, () => ({ type: 'pipeline.ahead' }));
      expect(
        (await alone.graphql(PipelineEvents, { inputs }, { key: tenantKey })).errors,
      ).toBeUndefined();
      await eventually(() => receiver.count('/ahead') === 200, 'the 200 deliveries', 60_000);
      // Eight deliveries per slot held: a claim refills some 30 of them (with four, some 10: 18 claims
      // and more).
      expect(claims).toBeLessThanOrEqual(15);
    } finally {
      await alone.stop();
    }
  }, 120_000);

  it('starts the next send as an answer comes, never more than DELIVERY_ENDPOINT_CONCURRENCY at once', async () => {
    const steady = await endpoint('/steady', 'pipeline.steady');
    receiver.delayMs.set('/steady', 3);
    await logEvents('pipeline.steady', 150);
    await eventually(() => receiver.count('/steady') === 150, 'the 150 deliveries', 60_000);
    expect(receiver.mostAtOnce.get('/steady')).toBeLessThanOrEqual(5);
    expect(new Set(receiver.webhookIds.get('/steady')).size).toBe(150);
    const recorded = await eventually(
      async () => {
        const { data } = await server.graphql(
          PipelineDeliveries,
          { filter: { endpointId: steady, status: 'SUCCEEDED' as never } },
          { key },
        );
        return data!.webhookDeliveries.totalCount === 150 && data!.webhookDeliveries;
      },
      'every attempt recorded',
      60_000,
    );
    for (const { node } of recorded.edges) expect(node.attempts).toHaveLength(1);
  }, 120_000);

  it('records outcomes answered together in one statement with their audit rows, without a transaction', async () => {
    const together = await endpoint('/together', 'pipeline.together');
    receiver.hold('/together');
    await logEvents('pipeline.together', 5);
    await eventually(() => receiver.mostAtOnce.get('/together') === 5, 'five sends held', 60_000);
    recording = [];
    receiver.release();
    await eventually(
      async () => {
        const { edges } = await deliveriesOf(together);
        return edges.length === 5 && edges.every(({ node }) => node.status === 'SUCCEEDED');
      },
      'the five outcomes',
      60_000,
    );
    const statements = recording;
    recording = null;
    expect(statements.length).toBeGreaterThan(0);
    // Attempt rows, delivery states and audit rows in each statement; no COMMIT of a transaction.
    for (const sql of statements) {
      expect(sql).toContain('INSERT INTO "WebhookAttempt"');
      expect(sql).toContain('INSERT INTO "AuditEvent"');
      expect(sql).not.toMatch(/^\s*(--.*)?COMMIT/);
    }
    const outcomes = (
      await server.graphql(
        PipelineOutcomes,
        { filter: { eventType: 'webhook_delivery.succeeded' } },
        { key },
      )
    ).data!.auditEvents.edges;
    const ids = new Set((await deliveriesOf(together)).edges.map(({ node }) => node.id));
    expect(outcomes.filter(({ node }) => ids.has(node.resourceId))).toHaveLength(5);
  });

  it('records each attempt of a batch, retries the failed ones, and audits each outcome', async () => {
    const retried = await endpoint('/retried', 'pipeline.retried');
    receiver.failFirst.add('/retried');
    // One request per event: each has its own correlation id, which its outcome must keep.
    await Promise.all(Array.from({ length: 20 }, () => logEvents('pipeline.retried', 1)));
    const first = await eventually(
      async () => {
        const list = await deliveriesOf(retried);
        return (
          list.totalCount === 20 && list.edges.every(({ node }) => node.attempts.length) && list
        );
      },
      'the first attempts to be recorded',
      60_000,
    );
    for (const { node } of first.edges) {
      expect(node.attempts[0]).toEqual({
        number: 1,
        responseStatus: 500,
        nextAttemptAt: expect.any(String),
      });
    }

    clockOffset += 5_000;
    await eventually(
      async () => {
        const { edges } = await deliveriesOf(retried);
        return edges.every(({ node }) => node.status === 'SUCCEEDED');
      },
      'the retries',
      60_000,
    );
    const done = await deliveriesOf(retried);
    for (const { node } of done.edges) {
      expect(node.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 204]);
      expect(node.attempts[1].nextAttemptAt).toBeNull();
    }

    const outcomes = (
      await server.graphql(
        PipelineOutcomes,
        { filter: { eventType: 'webhook_delivery.succeeded' } },
        { key },
      )
    ).data!.auditEvents.edges.map(({ node }) => node);
    const ids = done.edges.map(({ node }) => node.id);
    const mine = outcomes.filter((outcome) => ids.includes(outcome.resourceId));
    expect(mine.map((outcome) => outcome.resourceId).sort()).toEqual([...ids].sort());
    expect(new Set(mine.map((outcome) => outcome.correlationId)).size).toBe(20);
    for (const outcome of mine) {
      // Each outcome joins the chain of the event it delivered, not its batch's.
      expect(outcome.cause?.eventType).toBe('app_event.logged');
      expect(outcome.correlationId).toBe(outcome.cause?.correlationId);
    }
  });
});
