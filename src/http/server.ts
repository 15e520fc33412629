import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import { useServer } from 'graphql-ws/use/ws';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';
import { WebSocketServer } from 'ws';
import { resolveAdminKeyHash } from '../auth/admin-key.ts';
import { RateLimiter } from '../auth/rate-limit.ts';
import { Authenticator } from '../auth/viewer.ts';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/adapters.ts';
import { applyMigrations } from '../db/migrate.ts';
import { AppError, asAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { auditErrorFormat, auditRoutes } from '../modules/audit/rest.ts';
import { eventRoutes } from '../modules/events/rest.ts';
import { EventBus } from '../pubsub/index.ts';
import { createRequestContext, type Services } from './context.ts';
import { registerDocs } from './docs.ts';
import type { AppEnv } from './env.ts';
import { createGraphQLServer, toGraphQLError } from './graphql.ts';
import { errorResponse, problemResponse } from './problem.ts';

export interface Switchboard {
  services: Services;
  database: Database;
  /** Answers HTTP requests without a socket (tests use it like `yoga.fetch`). */
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
}

const headersOf = (request: IncomingMessage) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
};

export async function createSwitchboard({ config, logger, ...options }: SwitchboardOptions): Promise<Switchboard> {
  const database =
    options.database ??
    (await openDatabase(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR }));
  const applied = await applyMigrations(database.adapterFactory);
  if (applied.length) logger.info({ applied }, 'applied database migrations');

  const bus = config.REDIS_URL ? await EventBus.redis(config.REDIS_URL, config.REDIS_PREFIX) : EventBus.inProcess(config.REDIS_PREFIX);
  const adminKeyHash = await resolveAdminKeyHash({
    adminKey: config.SWITCHBOARD_ADMIN_KEY,
    dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
    logger,
  });
  const rateLimiter = new RateLimiter({
    requests: config.RATE_LIMIT_REQUESTS,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    redis: bus.redis?.publisher,
    keyPrefix: config.REDIS_PREFIX,
  });
  const shutdownController = new AbortController();
  const services: Services = {
    config,
    prisma: database.prisma,
    bus,
    logger,
    authenticator: new Authenticator(database.prisma, adminKeyHash, rateLimiter),
    shutdownSignal: shutdownController.signal,
  };
  const yoga = createGraphQLServer({ maxBatch: config.GRAPHQL_MAX_BATCH });
  let draining = false;

  const app = new OpenAPIHono<AppEnv>();
  const errorFormats = [auditErrorFormat];
  app.onError((error, c) => {
    if (error instanceof HTTPException && !asAppError(error)) {
      // Hono's own refusals (malformed JSON and the like) are the client's mistakes.
      return errorResponse(c, new AppError('BAD_USER_INPUT', error.message), errorFormats, c.get('requestContext')?.requestId ?? 'none');
    }
    if (!asAppError(error)) logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return errorResponse(c, error, errorFormats, c.get('requestContext')?.requestId ?? 'none');
  });
  app.notFound((c) => problemResponse(c, new AppError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 'none'));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const requestContext = c.get('requestContext');
    const level = c.req.path === '/healthz' || c.req.path === '/readyz' ? 'debug' : 'info';
    logger[level](
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        requestId: requestContext?.requestId,
        correlationId: requestContext?.correlationId,
      },
      'request',
    );
  });
  app.use('*', async (c, next) => {
    if (draining && c.req.path !== '/healthz') {
      c.header('Connection', 'close');
      return problemResponse(c, new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down'), 'none');
    }
    await next();
  });
  app.use('*', cors({ origin: config.CORS_ORIGINS, credentials: !config.CORS_ORIGINS.includes('*'), exposeHeaders: ['X-Correlation-Id', 'Retry-After'] }));
  app.use(
    '*',
    bodyLimit({
      maxSize: config.MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `The request body exceeds ${config.MAX_BODY_BYTES} bytes`);
      },
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      if (draining) throw new Error('draining');
      await Promise.all([database.prisma.$queryRaw`SELECT 1`, bus.ping()]);
      return c.json({ status: 'ready', database: database.kind, pubsub: bus.redis ? 'redis' : 'in-process' });
    } catch (error) {
      return c.json({ status: 'unavailable', reason: (error as Error).message }, 503);
    }
  });

  const clientIp = (c: Parameters<typeof getConnInfo>[0]) => {
    try {
      return getConnInfo(c).remote.address ?? null;
    } catch {
      return null; // no socket: served through fetch()
    }
  };

  // Authenticates the REST routes' caller once; the route family's error format answers a bad key.
  const withRequestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('requestContext', await createRequestContext(services, { headers: c.req.raw.headers, ip: clientIp(c) }));
    c.header('X-Correlation-Id', c.get('requestContext').correlationId);
    await next();
  };
  app.use('/run/*', withRequestContext);
  app.use('/api/*', withRequestContext);
  app.route('/', eventRoutes);
  app.route('/', auditRoutes);

  app.on(['GET', 'POST', 'OPTIONS'], '/graphql', async (c) => {
    let requestContext;
    try {
      requestContext = await createRequestContext(services, { headers: c.req.raw.headers, ip: clientIp(c) });
    } catch (error) {
      const appError = asAppError(error);
      if (!appError) throw error;
      const graphQLError = toGraphQLError(appError);
      const { http, ...extensions } = graphQLError.extensions as { http: { status: number; headers?: Record<string, string> } };
      return c.json({ errors: [{ message: graphQLError.message, extensions }] }, http.status as 401, http.headers);
    }
    c.set('requestContext', requestContext);
    const response = await yoga.fetch(c.req.raw, { requestContext });
    response.headers.set('X-Correlation-Id', requestContext.correlationId);
    return response;
  });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Switchboard REST API', version: '1', description: 'REST routes of Switchboard; the primary API is GraphQL at /graphql.' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  registerDocs(app);
  app.get('/', (c) => c.redirect('/graphql'));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const webSockets = new WebSocketServer({ server, path: '/graphql' });
  const webSocketServer = useServer<Record<string, unknown>, { requestContextBase?: Awaited<ReturnType<typeof createRequestContext>> }>(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      // A bad key refuses the connection; the key comes from connection params or the upgrade request.
      onConnect: async (ctx) => {
        if (draining) return false;
        const headers = headersOf(ctx.extra.request);
        for (const [name, value] of Object.entries(ctx.connectionParams ?? {})) {
          if (typeof value === 'string' && /^(authorization|x-api-key|x-correlation-id)$/i.test(name)) headers.set(name, value);
        }
        try {
          ctx.extra.requestContextBase = await createRequestContext(services, {
            headers,
            ip: ctx.extra.request.socket.remoteAddress ?? null,
          });
          return true;
        } catch (error) {
          if (asAppError(error)) return false;
          throw error;
        }
      },
      onSubscribe: async (ctx, _id, params) => {
        const base = ctx.extra.requestContextBase!;
        // Each operation counts against the key's rate limit and gets its own correlation id.
        if (base.viewer) {
          try {
            await services.authenticator.countRequest(base.viewer);
          } catch (error) {
            const appError = asAppError(error);
            if (appError) return [toGraphQLError(appError)];
            throw error;
          }
        }
        const requestId = randomUUID();
        const requestContext = { ...base, requestId, correlationId: base.correlationId === base.requestId ? requestId : base.correlationId };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          requestContext,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    webSockets,
  );

  const fetch = (request: Request) => Promise.resolve(app.fetch(request));

  return {
    services,
    database,
    fetch,
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
          logger.info({ url, graphql: `${url}/graphql` }, 'Switchboard is listening');
          resolve({ port: address.port, url });
        });
      }),
    shutdown: async () => {
      if (draining) return;
      draining = true;
      shutdownController.abort();
      // Let the subscriptions' "complete" messages reach their clients before the sockets close.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await webSocketServer.dispose();
      const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await bus.close();
      await database.close();
    },
  };
}
