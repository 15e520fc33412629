import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Database } from '../db/adapters.ts';
import { createHttpApp } from './app.ts';
import type { Services } from '../kernel/context.ts';
import { createGraphQLServer } from './graphql.ts';
import { attachGraphQLWebSockets } from './websocket.ts';
import { createServices, type SwitchboardOptions } from '../app/services.ts';

export interface Switchboard {
  services: Services;
  database: Database;
  /** Answers an HTTP request without a socket, like `yoga.fetch` (tests of the draining state use it). */
  fetch(request: Request): Promise<Response>;
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** SIGTERM: refuse new requests, complete open subscriptions, close connections and the database. */
  shutdown(): Promise<void>;
}

export async function createSwitchboard(options: SwitchboardOptions): Promise<Switchboard> {
  const { config, logger } = options;
  const { services, database, close } = await createServices(options);
  const yoga = createGraphQLServer({
    maxBatch: config.GRAPHQL_MAX_BATCH,
    limits: {
      maxTokens: config.GRAPHQL_MAX_TOKENS,
      maxFields: config.GRAPHQL_MAX_FIELDS,
      maxDepth: config.MAX_INPUT_DEPTH,
    },
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
  const webSocketServer = attachGraphQLWebSockets({
    server,
    services,
    yoga,
    isDraining: () => draining,
  });

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
        const closed = new Promise<void>((resolve) =>
          server.listening ? server.close(() => resolve()) : resolve(),
        );
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(grace);
      });
    },
  };
}
