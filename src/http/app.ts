import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { TrieRouter } from 'hono/router/trie-router';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../db/adapters.ts';
import { requireScope } from '../auth/require.ts';
import { keyCookiesFor } from '../auth/viewer.ts';
import { AppError, asAppError, badInput, connectionFailure } from '../kernel/errors.ts';
import { auditErrorFormat, auditRoutes } from '../modules/audit/rest.ts';
import { credentialRoutes } from '../modules/credentials/rest.ts';
import { deliveryRoutes } from '../modules/deliveries/rest.ts';
import { eventRoutes } from '../modules/events/rest.ts';
import { executionRoutes, executionsErrorFormat } from '../modules/executions/rest.ts';
import { telemetryRoutes } from '../modules/telemetry/rest.ts';
import { telemetryErrorFormat } from '../modules/telemetry/rest-page.ts';
import { agentRoutes } from '../modules/agents/rest.ts';
import { triggerRoutes } from '../modules/triggers/rest.ts';
import { webhookRoutes } from '../modules/triggers/webhook-rest.ts';
import { createRequestContext, type RequestContext, type Services } from '../kernel/context.ts';
import { registerConsole } from './console.ts';
import { registerDocs } from './docs.ts';
import { declaredBodyLength, requestText, socketText } from '../rest/request-body.ts';
import type { AppEnv } from '../rest/kit.ts';
import type { GraphQLHandler, GraphQLServerContext } from './graphql.ts';
import { clientIp } from '../rest/client-ip.ts';
import { checkJsonInput } from '../kernel/json-input.ts';
import { errorResponse } from '../rest/problem.ts';
import { loggedPath, logRequest, metricsRoute, observeRequests } from '../observability/http.ts';
import type { CorsPolicy } from './cors.ts';
import { answerGraphQL } from './graphql-post.ts';
import type { Metrics } from '../observability/metrics.ts';

/**
 * Each REST family's error body, chosen by path prefix (an unknown path under it too): 001 under
 * `/run/api/`, 003 under `/api/v1/`, 004 under `/telemetry/`; problem+json (000, 002) for the others.
 */
const errorFormats = [
  auditErrorFormat,
  { ...telemetryErrorFormat, pathPrefix: '/telemetry/' },
  executionsErrorFormat,
];

/** Every HTTP route: health, GraphQL over HTTP, the modules' REST routes, OpenAPI and its page. */
export function createHttpApp(options: {
  services: Services;
  database: Database;
  yoga: YogaServerInstance<GraphQLServerContext, RequestContext>;
  handleGraphQL: GraphQLHandler;
  metrics: Metrics;
  cors: CorsPolicy;
  isDraining: () => boolean;
}) {
  const { services, database, yoga, handleGraphQL, metrics, cors, isDraining } = options;
  const { config, logger, bus } = services;
  const app = new OpenAPIHono<AppEnv>();

  /** An error in the body of the request's family, with its request id. */
  const failure = (c: Context<AppEnv>, error: unknown) => {
    const response = errorResponse(c, error, errorFormats, c.get('requestId'));
    // Headers set with c.header() are not carried onto a response built here.
    const requestContext = c.get('requestContext');
    if (requestContext) response.headers.set('X-Correlation-Id', requestContext.correlationId);
    return response;
  };
  const answerError = (error: Error, c: Context<AppEnv>) => {
    // Hono's own refusals (malformed JSON and the like) are the client's mistakes.
    const known =
      asAppError(error) ??
      (error instanceof HTTPException ? new AppError('BAD_USER_INPUT', error.message) : null);
    if (!known) logger.error({ err: error, path: loggedPath(c.req.path) }, 'unhandled error');
    return failure(c, known ?? error);
  };
  app.onError(answerError);
  // A path that exists with other methods answers 405 and names them; any other path (or a route
  // that finds nothing, like an unknown docs asset) 404.
  let routeMethods: TrieRouter<string> | null = null;
  const allowedMethods = (path: string) => {
    if (!routeMethods) {
      routeMethods = new TrieRouter<string>();
      // Middleware is registered for every method ('ALL'); routes name theirs.
      for (const route of app.routes)
        if (route.method !== 'ALL') routeMethods.add('ANY', route.path, route.method);
    }
    const methods = new Set(routeMethods.match('ANY', path)[0].map(([method]) => method));
    // Hono answers HEAD with the GET route.
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  };
  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    const error =
      allow.length && !allow.includes(c.req.method)
        ? new AppError(
            'METHOD_NOT_ALLOWED',
            `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow.join(', ')}`,
            { allow },
          )
        : new AppError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`);
    return failure(c, error);
  });

  const tooLarge = () => {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The request body exceeds ${config.MAX_BODY_BYTES} bytes`,
    );
  };
  const limitStreamedBody = bodyLimit({ maxSize: config.MAX_BODY_BYTES, onError: tooLarge });
  /** An Error thrown by a step around the route is answered as Hono answers a middleware's. */
  const answerThrown = (c: Context<AppEnv>, error: unknown) => {
    if (!(error instanceof Error)) throw error;
    c.error = error;
    c.res = answerError(error, c);
  };
  // A declared length is checked as it is: hono/body-limit asks for the body stream first, which
  // makes @hono/node-server build a fetch Request around the socket for every request.
  const limitBody = async (c: Context<AppEnv>, next: Next) => {
    try {
      const length = declaredBodyLength(c);
      if (length === null) await limitStreamedBody(c, next);
      else if (length > config.MAX_BODY_BYTES) tooLarge();
      else await next();
    } catch (error) {
      answerThrown(c, error);
    }
  };
  // hono/cors answers preflights; other requests get its headers on their final response, since
  // hono/cors would set them on a placeholder response that Hono then merges into the route's,
  // making @hono/node-server copy that into a native Response and write it out as a stream.
  const withCors = async (c: Context<AppEnv>, next: Next) => {
    if (c.req.method !== 'OPTIONS') {
      await limitBody(c, next);
      cors.apply(c.res.headers, c.req.header('origin'));
      return;
    }
    try {
      const response = await cors.preflight(c, () => limitBody(c, next));
      if (response && !c.finalized) c.res = response;
    } catch (error) {
      answerThrown(c, error);
    }
  };
  const observe = observeRequests(metrics);
  // What every request gets, in one middleware rather than a chain of one per concern (each link
  // one more step of Hono's dispatch for every request): its id first (every response, error bodies
  // included, carries it), its log fields, span and metrics, its log line, the draining refusal.
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('trustProxy', config.TRUST_PROXY ?? null);
    await observe(c, async () => {
      const started = performance.now();
      if (isDraining() && c.req.path !== '/healthz') {
        const response = failure(
          c,
          new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down'),
        );
        response.headers.set('Connection', 'close');
        c.res = response;
      } else await withCors(c, next);
      logRequest(logger, {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        requestId,
        correlationId: c.get('requestContext')?.correlationId,
      });
    });
    c.res.headers.set('X-Request-Id', requestId);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', metricsRoute(metrics, config.METRICS_TOKEN));
  app.get('/readyz', async (c) => {
    const checks = await Promise.allSettled([database.prisma.$queryRaw`SELECT 1`, bus.ping()]);
    const body = {
      database: database.kind,
      pubsub: bus.redis ? 'redis' : 'in-process',
      publishFailures: bus.publishFailures,
    };
    const failed = checks.flatMap((check, index) =>
      check.status === 'rejected'
        ? [
            `${index ? 'pub/sub' : 'database'}: ${connectionFailure(check.reason) ?? (check.reason as Error).message}`,
          ]
        : [],
    );
    return failed.length
      ? c.json({ status: 'unavailable', reason: failed.join('; '), ...body }, 503)
      : c.json({ status: 'ready', ...body });
  });

  // Authenticates the REST routes' caller before their input is validated: every REST route acts
  // inside a tenant. The route family's error format answers a missing or bad key.
  const withRequestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
    const requestContext = await createRequestContext(services, {
      method: c.req.method,
      headers: c.req.raw.headers,
      ip: clientIp(c),
      requestId: c.get('requestId'),
      keyCookies: keyCookiesFor(c.req.path),
    });
    c.set('requestContext', requestContext);
    c.header('X-Correlation-Id', requestContext.correlationId);
    requireScope(requestContext);
    await next();
  };
  // JSON bodies the database could not store (NUL, unpaired surrogates) or nested past
  // MAX_INPUT_DEPTH are refused before any route reads them.
  const withCheckedJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!/^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? ''))
      return next();
    // Read from the socket, not through the fetch Request @hono/node-server would build around it.
    const text = await requestText(c);
    if (text) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw badInput('The request body is not valid JSON');
      }
      checkJsonInput(body, config.MAX_INPUT_DEPTH, ['body']);
    }
    // The route's validator reads the body from here (Hono's cache holds promises; its type says not).
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    await next();
  };
  for (const path of ['/run/*', '/api/*', '/telemetry/*', '/manage/*'])
    app.use(path, withRequestContext, withCheckedJsonBody);
  // Reference 003 is a FastAPI service: a query parameter given twice takes its last value. Its
  // routes are all reads, so the request is rebuilt without a body.
  app.use('/api/v1/*', async (c, next) => {
    const url = new URL(c.req.url);
    const last = new Map(url.searchParams);
    if (
      last.size < [...url.searchParams.keys()].length &&
      (c.req.method === 'GET' || c.req.method === 'HEAD')
    ) {
      url.search = new URLSearchParams([...last]).toString();
      c.req.raw = new Request(url, c.req.raw);
    }
    await next();
  });

  app.use('/webhooks/*', async (c, next) => {
    // Webhook senders carry no key: their budget is per client IP.
    await services.webhookLimiter.consume(clientIp(c) ?? 'unknown');
    await next();
  });
  app.route('/', eventRoutes);
  app.route('/', deliveryRoutes);
  app.route('/', auditRoutes);
  app.route('/', telemetryRoutes);
  app.route('/', agentRoutes);
  app.route('/', executionRoutes);
  app.route('/', triggerRoutes);
  app.route('/', credentialRoutes);

  app.route('/', webhookRoutes(services));

  // yoga is a Proxy that binds the method anew on every read.
  const { handleRequest, waitUntil } = yoga;
  app.on(['GET', 'POST', 'OPTIONS'], '/graphql', async (c) => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    // Unless the body limit had to read it (no declared length), the body is still on the socket.
    const readJson =
      incoming && declaredBodyLength(c) !== null
        ? async () => JSON.parse(await socketText(incoming)) as unknown
        : undefined;
    // Not yoga.fetch: it reads the request's abort signal, which @hono/node-server only has once it
    // has built a fetch Request around the socket.
    return answerGraphQL(
      services,
      (context) =>
        c.req.method === 'POST'
          ? handleGraphQL(c.req.raw, { ...context, waitUntil })
          : handleRequest(c.req.raw, context),
      {
        method: c.req.method,
        headers: c.req.raw.headers,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      },
      readJson,
      (requestContext) => c.set('requestContext', requestContext),
    );
  });

  registerDocs(app, config.PUBLIC_BASE_URL);
  registerConsole(app);
  app.get('/', (c) => c.redirect('/graphql'));
  return app;
}
