import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/kernel/config.ts';
import { createSwitchboard, type Switchboard } from '../../src/http/server.ts';
import { createLogger } from '../../src/kernel/logger.ts';
import type { ResolveHost } from '../../src/kernel/net/outbound.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { CreateApiKey, CreateTenant } from './operations.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from './redis.ts';

export const ADMIN_KEY = `sb_admin_test_${randomBytes(16).toString('hex')}`;

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; [key: string]: unknown };
    path?: string[];
  }[];
}

export interface TestServer {
  url: string;
  /** Where METRICS_PORT serves /metrics, when the test set it. */
  metricsUrl?: string;
  switchboard: Switchboard;
  database: TestDatabase;
  /** A GraphQL operation over real HTTP. */
  graphql<T, V>(
    document: TypedDocumentNode<T, V>,
    variables?: V,
    options?: { key?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** A real graphql-ws client connected with `key`. */
  wsClient(key?: string): Client;
  /** A fresh tenant with a tenant-wide key. */
  newTenant(name?: string): Promise<{ tenantId: string; key: string; keyId: string }>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Share one database between instances (scale-out tests); otherwise each server gets its own. */
  database?: TestDatabase;
  /** A key prefix shared by instances that must see each other's Redis messages. */
  redisPrefix?: string;
  /** Called with each SQL statement the server's Prisma client sends. */
  onQuery?: (sql: string) => void;
  /** Where the server's log lines go (JSON), at LOG_LEVEL info unless env sets it; by default nowhere. */
  logTo?: { write(line: string): void };
  /** The server's clock, for tests that move time instead of sleeping. */
  now?: () => Date;
  /** How the server's outbound requests resolve host names (e.g. a name that points at loopback). */
  resolveHost?: ResolveHost;
}

/**
 * A Switchboard listening on a free port, on its own database (PGlite in memory, or a fresh
 * PostgreSQL database when DATABASE_URL is set) and, with REDIS_URL, its own Redis key prefix.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const redisUrl = testRedisUrl();
  const redisPrefix = options.redisPrefix ?? testRedisPrefix();
  const config = loadConfig({
    SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? (options.logTo ? 'info' : 'silent'),
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    REDIS_PREFIX: redisPrefix,
    SHUTDOWN_GRACE_MS: '1000',
    ...options.env,
  });
  const switchboard = await createSwitchboard({
    config,
    logger: createLogger(config.LOG_LEVEL, options.logTo),
    database: await database.open({ onQuery: options.onQuery }),
    now: options.now,
    resolveHost: options.resolveHost,
  });
  const { url, metricsUrl } = await switchboard.listen(0, '127.0.0.1');
  const clients: Client[] = [];

  const server: TestServer = {
    url,
    metricsUrl,
    switchboard,
    database,
    async graphql(document, variables, requestOptions = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(requestOptions.key ? { authorization: `Bearer ${requestOptions.key}` } : {}),
          ...requestOptions.headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, 'status' | 'headers'>;
      return {
        status: response.status,
        headers: response.headers,
        ...body,
      } as GraphQLResponse<any>;
    },
    wsClient(key) {
      const client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: key ? { authorization: `Bearer ${key}` } : {},
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => {},
      });
      clients.push(client);
      return client;
    },
    async newTenant(name = 'tenant') {
      const tenant = await server.graphql(CreateTenant, { name }, { key: ADMIN_KEY });
      const tenantId = tenant.data!.createTenant.id;
      const key = await server.graphql(
        CreateApiKey,
        { name: 'service', tenantId },
        { key: ADMIN_KEY },
      );
      return {
        tenantId,
        key: key.data!.createApiKey.secret,
        keyId: key.data!.createApiKey.apiKey.id,
      };
    },
    async stop() {
      await Promise.all(clients.map((client) => client.dispose()));
      await switchboard.shutdown();
      if (ownsDatabase) await database.drop();
      if (redisUrl && !options.redisPrefix) await cleanRedisPrefix(redisPrefix);
    },
  };
  return server;
}

/** Collects what a subscription delivers. */
export function subscribe<T, V>(client: Client, document: TypedDocumentNode<T, V>, variables?: V) {
  const received: {
    data?: T | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }[] = [];
  let completed = false;
  let failure: unknown;
  let resolveStarted: () => void;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));
  const dispose = client.subscribe(
    { query: print(document), variables: variables as Record<string, unknown> },
    {
      next: (value) => received.push(value as never),
      error: (error) => {
        failure = error;
        completed = true;
      },
      complete: () => {
        completed = true;
      },
    },
  );
  client.on('connected', () => resolveStarted());
  return {
    received,
    started,
    get completed() {
      return completed;
    },
    get failure() {
      return failure;
    },
    dispose,
  };
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
