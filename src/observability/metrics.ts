import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/adapters.ts';
import type { Services } from '../kernel/context.ts';
import { observePublished } from './published.ts';

/**
 * One server's Prometheus metrics, in a registry of its own (several servers may share a process,
 * as tests do). Counters are fed by the HTTP layer, the GraphQL plugins and the payloads this
 * process publishes; the gauges over stored rows query the database when scraped.
 */
export function createMetrics(services: Services, database: Database) {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  const { prisma, logger, bus } = services;

  /** A gauge read from the database at scrape time; a failed read leaves it empty, never the scrape. */
  const storedGauge = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    read: () => Promise<[Record<L, string>, number][]>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        this.reset();
        try {
          for (const [labels, value] of await read()) this.set(labels, value);
        } catch (error) {
          logger.warn({ err: error, metric: name }, 'a metric could not be read');
        }
      },
    });

  const metrics = {
    registry,
    httpRequests: new Counter({
      name: 'switchboard_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'Time to answer HTTP requests (until the response starts), by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'switchboard_graphql_operations_total',
      help: 'GraphQL operations executed, by operation name, type and outcome (success or error)',
      labelNames: ['operation', 'type', 'outcome'] as const,
      registers,
    }),
    webSockets: new Gauge({
      name: 'switchboard_websocket_connections',
      help: 'Open GraphQL WebSocket connections',
      registers,
    }),
    subscriptions: new Gauge({
      name: 'switchboard_graphql_subscriptions_active',
      help: 'GraphQL subscriptions streaming now (WebSocket and SSE)',
      registers,
    }),
    runDuration: new Histogram({
      name: 'switchboard_execution_run_duration_seconds',
      help: 'From creation to end of executions that ended in this process, by final status',
      labelNames: ['status'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 7200],
      registers,
    }),
    deliveryAttempts: new Counter({
      name: 'switchboard_webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts made by this process, by endpoint and outcome (succeeded, retrying, failed)',
      labelNames: ['endpoint', 'outcome'] as const,
      registers,
    }),
    webhookInvocations: new Counter({
      name: 'switchboard_webhook_invocations_total',
      help: 'Trigger invocations seen by this process, by trigger and outcome (accepted, refused, run_succeeded, run_failed)',
      labelNames: ['trigger', 'outcome'] as const,
      registers,
    }),
  };
  storedGauge('switchboard_executions', 'Stored executions, by status', ['status'], async () =>
    (await prisma.execution.groupBy({ by: ['status'], _count: { _all: true } })).map((row) => [
      { status: row.status },
      row._count._all,
    ]),
  );
  storedGauge(
    'switchboard_webhook_deliveries_pending',
    'Webhook deliveries waiting for a (next) attempt, by endpoint',
    ['endpoint'],
    async () =>
      (
        await prisma.webhookDelivery.groupBy({
          by: ['endpointId'],
          where: { status: 'pending' },
          _count: { _all: true },
        })
      ).map((row) => [{ endpoint: row.endpointId }, row._count._all]),
  );
  new Gauge({
    name: 'switchboard_db_pool_connections',
    help: 'Database connections, by state (total, idle, waiting: requests queued for one); embedded PGlite is one connection',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const pool = database.poolStats();
      for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
    },
  });
  new Counter({
    name: 'switchboard_pubsub_publish_failures_total',
    help: 'Pub/sub payloads that could not be published (Redis away) since start',
    registers,
    collect() {
      this.reset();
      this.inc(bus.publishFailures);
    },
  });
  const stopObserving = observePublished(services, metrics);
  return { ...metrics, close: stopObserving };
}

export type Metrics = ReturnType<typeof createMetrics>;
