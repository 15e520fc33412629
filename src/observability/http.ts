import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { SpanStatusCode } from '@opentelemetry/api';
import { AppError } from '../kernel/errors.ts';
import { withLogFields } from '../kernel/log-context.ts';
import { inSpan, SpanKind, withIncomingTrace, type TraceCarrier } from '../kernel/tracing.ts';
import type { Logger } from '../kernel/logger.ts';
import type { AppEnv } from '../rest/kit.ts';
import type { Metrics } from './metrics.ts';

/** The route pattern that answered (`/webhooks/:key`, never the key), or `unmatched`. */
function routeOf(c: Parameters<MiddlewareHandler>[0]) {
  // Middleware is registered for every method ('ALL'); routes name theirs.
  return matchedRoutes(c).findLast((route) => route.method !== 'ALL')?.path ?? 'unmatched';
}

/** A webhook's key is its URL's secret: logs keep only its first characters. */
export const loggedPath = (path: string) =>
  path.replace(/^\/webhooks\/([^/]{0,4})[^/]*/, '/webhooks/$1…');

/** A request's access log line (`debug` for health probes). */
export function logRequest(
  logger: Logger,
  line: {
    method: string;
    path: string;
    status: number;
    ms: number;
    requestId: string;
    correlationId?: string;
  },
) {
  const level = line.path === '/healthz' || line.path === '/readyz' ? 'debug' : 'info';
  logger[level]({ ...line, path: loggedPath(line.path) }, 'request');
}

/**
 * Runs a request inside its log fields (its lines carry its id, then its tenant and GraphQL
 * operation) and a server span continuing the caller's `traceparent`; `work` answers it and says
 * which route pattern did, and the request is counted and timed under it.
 */
export function observeRequest(
  metrics: Metrics,
  request: { method: string; requestId: string; headers: TraceCarrier },
  work: () => Promise<{ route: string; status: number }>,
): Promise<void> {
  const { method } = request;
  return withLogFields({ requestId: request.requestId }, () =>
    withIncomingTrace(request.headers, () =>
      inSpan(method, { kind: SpanKind.SERVER }, async (span) => {
        const started = performance.now();
        const { route, status } = await work();
        span.updateName(`${method} ${route}`);
        span.setAttributes({
          'http.request.method': method,
          'http.route': route,
          'http.response.status_code': status,
        });
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        metrics.httpRequests.inc({ method, route, status });
        metrics.httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
      }),
    ),
  );
}

/** `observeRequest` as the app's middleware. */
export function observeRequests(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return (c, next) =>
    observeRequest(
      metrics,
      { method: c.req.method, requestId: c.get('requestId'), headers: c.req.raw.headers },
      async () => {
        await next();
        return { route: routeOf(c), status: c.res.status };
      },
    );
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `GET /metrics` on the main port: 404 without METRICS_TOKEN, 401 without the right Bearer token. */
export function metricsRoute(metrics: Metrics, token: string | undefined): MiddlewareHandler {
  return async (c) => {
    if (!token)
      throw new AppError('NOT_FOUND', 'No route for GET /metrics (METRICS_TOKEN is not set)');
    const presented = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(presented), digest(token)))
      throw new AppError(
        'UNAUTHENTICATED',
        'GET /metrics requires the METRICS_TOKEN as a Bearer token',
      );
    return c.body(await metrics.registry.metrics(), 200, {
      'content-type': metrics.registry.contentType,
    });
  };
}

/** METRICS_PORT: a server answering only `GET /metrics`, without a token. */
export function metricsServer(metrics: Metrics): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end('Only GET /metrics is served here\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(503).end('The metrics could not be collected\n'),
    );
  });
}
