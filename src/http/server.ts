import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Database } from '../db/adapters.ts';
import { createHttpApp } from './app.ts';
import { corsPolicy } from './cors.ts';
import { graphQLPosts } from './graphql-post.ts';
import type { Services } from '../kernel/context.ts';
import { createGraphQLServer, type GraphQLHandler } from './graphql.ts';
import { attachGraphQLWebSockets } from './websocket.ts';
import { createServices, type SwitchboardOptions } from '../app/services.ts';
import { observeOperations } from '../observability/graphql.ts';
import { metricsServer } from '../observability/http.ts';
import { createMetrics } from '../observability/metrics.ts';

export interface Switchboard {
  services: Services;
  database: Database;
  /** Answers an HTTP request without a socket, like `yoga.fetch` (tests of the draining state use it). */
  fetch(request: Request): Promise<Response>;
  /** Listens on PORT (and METRICS_PORT); `metricsUrl` is set when METRICS_PORT is. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string; metricsUrl?: string }>;
  /** SIGTERM: refuse new requests, complete open subscriptions, close connections and the database. */
  shutdown(): Promise<void>;
}

export async function createSwitchboard(options: SwitchboardOptions): Promise<Switchboard> {
  const { config, logger } = options;
  const { services, database, close } = await createServices(options);
  const metrics = createMetrics(services, database);
  // The app's listener is made first, because making it puts @hono/node-server's lightweight Request
  // and Response in place of the global ones: yoga, made next, answers with them, and a JSON answer
  // is written out as it is instead of being read back from a native Response's stream.
  const appListener = getRequestListener((request, env) => app.fetch(request, env));
  // POST /graphql is answered before the app's dispatch when it can be (src/http/graphql-post.ts).
  const server = createServer(
    // Node checks these timeouts every connectionsCheckingInterval (30 s by default): check each second,
    // so a client trickling its headers or body is cut off close to the setting.
    { connectionsCheckingInterval: 1000 },
    (incoming, outgoing) => {
      if (!graphQLPost(incoming, outgoing)) void appListener(incoming, outgoing);
    },
  );
  let handleGraphQL!: GraphQLHandler;
  const yoga = createGraphQLServer({
    maxBatch: config.GRAPHQL_MAX_BATCH,
    limits: {
      maxTokens: config.GRAPHQL_MAX_TOKENS,
      maxFields: config.GRAPHQL_MAX_FIELDS,
      maxDepth: config.MAX_INPUT_DEPTH,
    },
    logger,
    plugins: [
      ...observeOperations(metrics),
      { onYogaInit: ({ yoga }) => (handleGraphQL = yoga.handle as GraphQLHandler) },
    ],
  });
  let draining = false;
  const cors = corsPolicy(config);
  const graphQLPost = graphQLPosts({
    services,
    metrics,
    handleGraphQL,
    waitUntil: yoga.waitUntil,
    cors,
    isDraining: () => draining,
  });
  const app = createHttpApp({
    services,
    database,
    yoga,
    handleGraphQL,
    metrics,
    cors,
    isDraining: () => draining,
  });
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  const webSocketServer = attachGraphQLWebSockets({
    server,
    services,
    yoga,
    metrics,
    isDraining: () => draining,
  });
  // METRICS_PORT: a second listener that serves /metrics only.
  const metricsListener = config.METRICS_PORT === undefined ? null : metricsServer(metrics);

  return {
    services,
    database,
    fetch: async (request) => app.fetch(request),
    listen: async (port = config.PORT, host = config.HOST) => {
      const url = await listenOn(server, port, host);
      logger.info({ url, graphql: `${url}/graphql` }, 'Switchboard is listening');
      if (!metricsListener) return { port: portOf(server), url };
      const metricsUrl = `${await listenOn(metricsListener, config.METRICS_PORT, host)}/metrics`;
      logger.info({ url: metricsUrl }, 'Serving metrics');
      return { port: portOf(server), url, metricsUrl };
    },
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
        metricsListener?.close();
        metrics.close();
      });
    },
  };
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** Listens on `port` (0: any free one) and resolves with the server's base URL. */
function listenOn(server: Server, port: number | undefined, host: string) {
  return new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${portOf(server)}`);
    });
  });
}
