import { setMaxListeners } from 'node:events';
import { resolveAdminKeyHash } from '../auth/admin-key.ts';
import { credentialsKey } from '../auth/credentials-key.ts';
import { RateLimiter } from '../auth/rate-limit.ts';
import { Authenticator } from '../auth/viewer.ts';
import { Loaders } from '../db/loaders.ts';
import { openDatabase, type Database } from '../db/adapters.ts';
import { applyMigrations } from '../db/migrate.ts';
import { EventBus } from '../kernel/bus/index.ts';
import { databaseLocation, type Config } from '../kernel/config.ts';
import type { Services } from '../kernel/context.ts';
import type { Logger } from '../kernel/logger.ts';
import { OutboundClient, type ResolveHost } from '../kernel/net/outbound.ts';
import { waitUntilAvailable } from '../kernel/net/wait.ts';
import { DeliveryWorker } from '../modules/deliveries/worker.ts';
import { ExecutionRunner } from '../modules/executions/runner.ts';
import { PriceTable } from '../modules/telemetry/prices.ts';
import { publishLiveEvents, reactionsOf } from '../kernel/unit-of-work.ts';
import { recordAuditEvents } from '../modules/audit/recorder.ts';
import { catalogue } from '../modules/catalogue.ts';
import { queueDeliveries } from '../modules/deliveries/outbox.ts';
import { ingestBatching, storeRequests } from '../modules/events/service.ts';
import { KeyedBatcher } from '../kernel/batcher.ts';
import { telemetryReactions } from '../modules/telemetry/reactions.ts';

import { triggersReactions } from '../modules/triggers/invocations.ts';
import { InvocationStarter } from '../modules/triggers/invocation-starter.ts';
import { recordInvocations, webhookBatching } from '../modules/triggers/ingest.ts';
import { TriggerCache, triggerCacheReactions } from '../modules/triggers/trigger-cache.ts';

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
  const database = options.database ?? (await openDatabase(databaseLocation(config)));
  if (database.kind === 'postgres')
    await waitUntilAvailable(
      `PostgreSQL at ${new URL(config.DATABASE_URL!).host}`,
      () => database.prisma.$queryRaw`SELECT 1`,
      logger,
    );
  const applied = await applyMigrations(database.adapterFactory);
  if (applied.length) logger.info({ applied }, 'applied database migrations');
  else logger.info('database schema is up to date');

  const bus = config.REDIS_URL
    ? await EventBus.redis(config.REDIS_URL, config.REDIS_PREFIX, logger)
    : EventBus.inProcess(config.REDIS_PREFIX, logger);
  logger.info(
    {
      database: database.kind === 'postgres' ? 'postgres' : 'embedded',
      pubsub: bus.redis ? 'redis' : 'in-process',
      executionConcurrency: config.EXECUTION_CONCURRENCY,
    },
    'Switchboard services are starting',
  );
  const adminKeyHash = await resolveAdminKeyHash({
    adminKey: config.SWITCHBOARD_ADMIN_KEY,
    dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
    logger,
  });
  // Budgets per window, shared through Redis when configured.
  const limiter = (requests: number, name: string, subject: string) =>
    new RateLimiter({
      requests,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
      redis: bus.redis?.publisher,
      keyPrefix: `${config.REDIS_PREFIX}${name}`,
      subject,
    });
  const rateLimiter = limiter(config.RATE_LIMIT_REQUESTS, '', 'this key');
  const anonymousLimiter = limiter(
    config.RATE_LIMIT_ANONYMOUS_REQUESTS,
    'anonymous:',
    'this address without a valid key',
  );
  const shutdownController = new AbortController();
  // Every open subscription listens for shutdown: thousands are normal, not a leak.
  setMaxListeners(0, shutdownController.signal);
  const sealingKey = credentialsKey(config.CREDENTIALS_KEY, adminKeyHash);
  const services: Services = {
    config,
    prisma: database.prisma,
    query: database.query,
    bus,
    logger,
    authenticator: new Authenticator(database.prisma, adminKeyHash, rateLimiter, anonymousLimiter),
    webhookLimiter: limiter(config.RATE_LIMIT_WEBHOOK_REQUESTS, 'webhook:', 'this address'),
    prices: new PriceTable(config.LLM_PRICES),
    subscriptionLoaders: new Loaders(),
    eventIngest: new KeyedBatcher(storeRequests, ingestBatching),
    webhookIngest: new KeyedBatcher(recordInvocations, webhookBatching),
    credentialsKey: sealingKey,
    outbound: new OutboundClient({
      allowedNetworks: config.OUTBOUND_ALLOWED_NETWORKS,
      resolveHost: options.resolveHost,
    }),
    wakeRunner: () => runner.nudge(),
    wakeInvocations: () => invocations.nudge(),
    triggerCache: new TriggerCache(database.prisma, bus, sealingKey, shutdownController.signal),
    now: options.now ?? (() => new Date()),
    wakeDeliveries: () => deliveries.nudge(),
    shutdownSignal: shutdownController.signal,
    catalogue,
    unitOfWork: {
      commitSteps: [recordAuditEvents, queueDeliveries, publishLiveEvents],
      reactions: reactionsOf([
        ...telemetryReactions,
        ...triggersReactions,
        ...triggerCacheReactions,
      ]),
      strictPayloads: process.env.NODE_ENV !== 'production',
    },
  };
  services.authenticator.followRevocations(bus, shutdownController.signal, logger);
  const runner = new ExecutionRunner(services, {
    leaseMs: config.EXECUTION_LEASE_MS,
    pollMs: config.EXECUTION_POLL_MS,
    concurrency: config.EXECUTION_CONCURRENCY,
  });
  runner.start();
  // Instances that run executions also start those of accepted webhooks.
  const invocations = new InvocationStarter(services, config.EXECUTION_POLL_MS);
  if (config.EXECUTION_CONCURRENCY > 0) invocations.start();
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
      await Promise.all([invocations.stop(), runner.stop(), deliveries.stop()]);
      await services.outbound.close();
      await bus.close();
      await database.close();
    },
  };
}
