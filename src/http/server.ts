import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { resolveAdminKeyHash } from '../auth/admin-key.ts';
import { credentialsKey } from '../auth/credentials-key.ts';
import { RateLimiter } from '../auth/rate-limit.ts';
import { Loaders } from '../db/loaders.ts';
import { Authenticator } from '../auth/viewer.ts';
import { databaseLocation, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/adapters.ts';
import { applyMigrations } from '../db/migrate.ts';
import type { Logger } from '../logger.ts';
import { waitUntilAvailable } from '../net/wait.ts';
import { DeliveryWorker } from '../modules/deliveries/worker.ts';
import { ExecutionRunner } from '../modules/executions/runner.ts';
import { PriceTable } from '../modules/telemetry/prices.ts';
import { OutboundClient, type ResolveHost } from '../net/outbound.ts';
import { EventBus } from '../pubsub/index.ts';
import { createHttpApp } from './app.ts';
import type { Services } from './context.ts';
import { createGraphQLServer } from './graphql.ts';
import { attachGraphQLWebSockets } from './websocket.ts';

export interface Switchboard {
  services: Services;
  database: Database;
  /** Answers an HTTP request without a socket, like `yoga.fetch` (tests of the draining state use it). */
  fetch(request: Request): Promise<Response>;
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** SIGTERM: refuse new requests, complete open subscriptions, close connections and the database. */
  shutdown(): Promise<void>;
}

export interface SwitchboardOptions {
  config: Config;
  logger: Logger;
  /** An already-open database (tests); by default one is opened from the configuration. */
  database?: Database;
  /** The time (tests of retry schedules move it); by default the system clock. */
  now?: () => Date;
  /** How outbound requests resolve host names (tests map names to addresses); by default the system's DNS. */
  resolveHost?: ResolveHost;
}

/**
 * The long-lived parts every process shares (database migrated, pub/sub, keys, execution runner):
 * the server's, and `npm run worker`'s, which runs executions only.
 */
export async function createServices({ config, logger, ...options }: SwitchboardOptions) {
  const database =
    options.database ??
    (await openDatabase(databaseLocation(config)));
  if (database.kind === 'postgres') await waitUntilAvailable(`PostgreSQL at ${new URL(config.DATABASE_URL!).host}`, () => database.prisma.$queryRaw`SELECT 1`, logger);
  const applied = await applyMigrations(database.adapterFactory);
  if (applied.length) logger.info({ applied }, 'applied database migrations');

  const bus = config.REDIS_URL
    ? await EventBus.redis(config.REDIS_URL, config.REDIS_PREFIX, logger)
    : EventBus.inProcess(config.REDIS_PREFIX, logger);
  const adminKeyHash = await resolveAdminKeyHash({
    adminKey: config.SWITCHBOARD_ADMIN_KEY,
    dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
    logger,
  });
  // Budgets per window, shared through Redis when configured.
  const limiter = (requests: number, name: string, subject: string) =>
    new RateLimiter({ requests, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS, redis: bus.redis?.publisher, keyPrefix: `${config.REDIS_PREFIX}${name}`, subject });
  const rateLimiter = limiter(config.RATE_LIMIT_REQUESTS, '', 'this key');
  const anonymousLimiter = limiter(config.RATE_LIMIT_ANONYMOUS_REQUESTS, 'anonymous:', 'this address without a valid key');
  const shutdownController = new AbortController();
  // Every open subscription listens for shutdown: thousands are normal, not a leak.
  setMaxListeners(0, shutdownController.signal);
  const services: Services = {
    config,
    prisma: database.prisma,
    bus,
    logger,
    authenticator: new Authenticator(database.prisma, adminKeyHash, rateLimiter, anonymousLimiter),
    webhookLimiter: limiter(config.RATE_LIMIT_WEBHOOK_REQUESTS, 'webhook:', 'this address'),
    prices: new PriceTable(config.LLM_PRICES),
    subscriptionLoaders: new Loaders(),
    credentialsKey: credentialsKey(config.CREDENTIALS_KEY, adminKeyHash),
    outbound: new OutboundClient({ allowedNetworks: config.OUTBOUND_ALLOWED_NETWORKS, resolveHost: options.resolveHost }),
    wakeRunner: () => runner.nudge(),
    now: options.now ?? (() => new Date()),
    wakeDeliveries: () => deliveries.nudge(),
    shutdownSignal: shutdownController.signal,
  };
  const runner = new ExecutionRunner(services, {
    leaseMs: config.EXECUTION_LEASE_MS,
    pollMs: config.EXECUTION_POLL_MS,
    concurrency: config.EXECUTION_CONCURRENCY,
  });
  runner.start();
  const deliveries = new DeliveryWorker(services, {
    pollMs: config.DELIVERY_POLL_MS,
    timeoutMs: config.DELIVERY_TIMEOUT_MS,
    disableAfterMs: config.DELIVERY_DISABLE_AFTER_HOURS * 3600_000,
    concurrency: config.DELIVERY_CONCURRENCY,
    endpointConcurrency: config.DELIVERY_ENDPOINT_CONCURRENCY,
    tenantConcurrency: config.DELIVERY_TENANT_CONCURRENCY,
  });
  deliveries.start();
  return {
    services,
    database,
    /** Completes subscriptions, hands running executions over, closes pub/sub and the database. */
    async close(beforeClosing: () => Promise<void> = async () => {}) {
      shutdownController.abort();
      await beforeClosing();
      await Promise.all([runner.stop(), deliveries.stop()]);
      await services.outbound.close();
      await bus.close();
      await database.close();
    },
  };
}

export async function createSwitchboard(options: SwitchboardOptions): Promise<Switchboard> {
  const { config, logger } = options;
  const { services, database, close } = await createServices(options);
  const yoga = createGraphQLServer({
    maxBatch: config.GRAPHQL_MAX_BATCH,
    limits: { maxTokens: config.GRAPHQL_MAX_TOKENS, maxFields: config.GRAPHQL_MAX_FIELDS, maxDepth: config.MAX_INPUT_DEPTH },
    logger,
  });
  let draining = false;

  const app = createHttpApp({ services, database, yoga, isDraining: () => draining });
  const server = createAdaptorServer({
    fetch: app.fetch,
    // Node checks these timeouts every connectionsCheckingInterval (30 s by default): check each second,
    // so a client trickling its headers or body is cut off close to the setting.
    serverOptions: { connectionsCheckingInterval: 1000 },
  }) as Server;
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  const webSocketServer = attachGraphQLWebSockets({ server, services, yoga, isDraining: () => draining });

  return {
    services,
    database,
    fetch: async (request) => app.fetch(request),
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
          logger.info({ url, graphql: `${url}/graphql` }, 'Switchboard is listening');
          resolve({ port: address.port, url });
        });
      }),
    shutdown: async () => {
      if (draining) return;
      draining = true;
      await close(async () => {
        // Let the subscriptions' "complete" messages reach their clients before the sockets close.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await webSocketServer.dispose();
        const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(grace);
      });
    },
  };
}
