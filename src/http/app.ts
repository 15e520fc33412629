import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../db/adapters.ts';
import { RateLimiter } from '../auth/rate-limit.ts';
import { requireScope } from '../auth/require.ts';
import { AppError, asAppError, badInput, connectionFailure } from '../errors.ts';
import { auditErrorFormat, auditRoutes } from '../modules/audit/rest.ts';
import { credentialRoutes } from '../modules/credentials/rest.ts';
import { deliveryRoutes } from '../modules/deliveries/rest.ts';
import { eventRoutes } from '../modules/events/rest.ts';
import { executionRoutes, executionsErrorFormat } from '../modules/executions/rest.ts';
import { telemetryErrorFormat, telemetryRoutes } from '../modules/telemetry/rest.ts';
import { triggerRoutes, webhookRoutes } from '../modules/triggers/rest.ts';
import { createRequestContext, type RequestContext, type Services } from './context.ts';
import { registerDocs } from './docs.ts';
import type { AppEnv } from './env.ts';
import { toGraphQLError, type GraphQLServerContext } from './graphql.ts';
import { clientIp } from './client-ip.ts';
import { checkJsonInput } from './json-input.ts';
import { errorResponse, problemResponse } from './problem.ts';

/** Each REST family's error body, chosen by path prefix; problem+json for the others. */
const errorFormats = [auditErrorFormat, telemetryErrorFormat, executionsErrorFormat];

/** A webhook's key is its URL's secret: logs keep only its first characters. */
const loggedPath = (path: string) => path.replace(/^\/webhooks\/([^/]{0,4})[^/]*/, '/webhooks/$1…');


/** Every HTTP route: health, GraphQL over HTTP, the modules' REST routes, OpenAPI and its page. */
export function createHttpApp(options: {
  services: Services;
  database: Database;
  yoga: YogaServerInstance<GraphQLServerContext, RequestContext>;
  isDraining: () => boolean;
}) {
  const { services, database, yoga, isDraining } = options;
  const { config, logger, bus } = services;
  const app = new OpenAPIHono<AppEnv>();

  app.onError((error, c) => {
    // Hono's own refusals (malformed JSON and the like) are the client's mistakes.
    const known = asAppError(error) ?? (error instanceof HTTPException ? new AppError('BAD_USER_INPUT', error.message) : null);
    if (!known) logger.error({ err: error, path: loggedPath(c.req.path) }, 'unhandled error');
    const requestContext = c.get('requestContext');
    const response = errorResponse(c, known ?? error, errorFormats, requestContext?.requestId ?? 'none');
    // Headers set with c.header() are not carried onto a response built here.
    if (requestContext) response.headers.set('X-Correlation-Id', requestContext.correlationId);
    return response;
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
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        requestId: requestContext?.requestId,
        correlationId: requestContext?.correlationId,
      },
      'request',
    );
  });
  app.use('*', async (c, next) => {
    if (isDraining() && c.req.path !== '/healthz') {
      const response = problemResponse(c, new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down'), 'none');
      response.headers.set('Connection', 'close');
      return response;
    }
    await next();
  });
  const anyOrigin = config.CORS_ORIGINS.includes('*');
  app.use(
    '*',
    cors({
      origin: anyOrigin ? '*' : config.CORS_ORIGINS,
      credentials: !anyOrigin,
      exposeHeaders: ['X-Correlation-Id', 'Retry-After'],
    }),
  );
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
    const checks = await Promise.allSettled([database.prisma.$queryRaw`SELECT 1`, bus.ping()]);
    const body = { database: database.kind, pubsub: bus.redis ? 'redis' : 'in-process', publishFailures: bus.publishFailures };
    const failed = checks.flatMap((check, index) =>
      check.status === 'rejected' ? [`${index ? 'pub/sub' : 'database'}: ${connectionFailure(check.reason) ?? (check.reason as Error).message}`] : [],
    );
    return failed.length ? c.json({ status: 'unavailable', reason: failed.join('; '), ...body }, 503) : c.json({ status: 'ready', ...body });
  });

  // Authenticates the REST routes' caller before their input is validated: every REST route acts
  // inside a tenant. The route family's error format answers a missing or bad key.
  const withRequestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
    const requestContext = await createRequestContext(services, { method: c.req.method, headers: c.req.raw.headers, ip: clientIp(c) });
    c.set('requestContext', requestContext);
    c.header('X-Correlation-Id', requestContext.correlationId);
    requireScope(requestContext);
    await next();
  };
  // JSON bodies the database could not store (NUL, unpaired surrogates) or nested past
  // MAX_INPUT_DEPTH are refused before any route reads them; the routes then read the parsed copy.
  const withCheckedJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
    const text = /^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '') ? await c.req.text() : '';
    if (text) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw badInput('The request body is not valid JSON');
      }
      checkJsonInput(body, config.MAX_INPUT_DEPTH, ['body']);
      // The route's validator reads this instead of parsing the text again.
      c.req.bodyCache.json = Promise.resolve(body);
    }
    await next();
  };
  for (const path of ['/run/*', '/api/*', '/telemetry/*', '/manage/*']) app.use(path, withRequestContext, withCheckedJsonBody);

  // Webhook senders carry no key: their budget is per client IP.
  const webhookLimiter = new RateLimiter({
    requests: config.RATE_LIMIT_WEBHOOK_REQUESTS,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    redis: bus.redis?.publisher,
    keyPrefix: `${config.REDIS_PREFIX}webhook:`,
    subject: 'this address',
  });
  app.use('/webhooks/*', async (c, next) => {
    await webhookLimiter.consume(clientIp(c) ?? 'unknown');
    await next();
  });
  app.route('/', eventRoutes);
  app.route('/', deliveryRoutes);
  app.route('/', auditRoutes);
  app.route('/', telemetryRoutes);
  app.route('/', executionRoutes);
  app.route('/', triggerRoutes);
  app.route('/', credentialRoutes);

  app.route('/', webhookRoutes(services));

  app.on(['GET', 'POST', 'OPTIONS'], '/graphql', async (c) => {
    let requestContext;
    try {
      requestContext = await createRequestContext(services, { method: c.req.method, headers: c.req.raw.headers, ip: clientIp(c) });
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
  return app;
}
