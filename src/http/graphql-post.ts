import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHeaders } from '../auth/viewer.ts';
import { asAppError } from '../kernel/errors.ts';
import { createRequestContext, type RequestContext, type Services } from '../kernel/context.ts';
import { clientAddress } from '../kernel/net/trust-proxy.ts';
import { observeRequest, logRequest } from '../observability/http.ts';
import type { Metrics } from '../observability/metrics.ts';
import { problemResponse } from '../rest/problem.ts';
import type { Context } from 'hono';
import type { YogaServerInstance } from 'graphql-yoga';
import { toGraphQLError } from './graphql-error.ts';
import {
  ANSWER_TEXT,
  JSON_BODY,
  type GraphQLHandler,
  type GraphQLServerContext,
} from './graphql.ts';
import { socketText } from '../rest/request-body.ts';
import type { CorsPolicy } from './cors.ts';

/**
 * The GraphQL route: authenticates the caller (a bad key answers as a GraphQL error, with its HTTP
 * status) and runs the operation in yoga. Errors that are not the caller's are thrown.
 */
export async function answerGraphQL(
  services: Services,
  handle: (context: GraphQLServerContext) => Promise<Response> | Response,
  request: { method: string; headers: RequestHeaders; ip: string | null; requestId: string },
  readJson: GraphQLServerContext['readJson'],
  /** Told the request's context once the caller is authenticated (the access log names its correlation id). */
  authenticated: (requestContext: RequestContext) => void,
): Promise<Response> {
  let requestContext;
  try {
    requestContext = await createRequestContext(services, request);
  } catch (error) {
    const appError = asAppError(error);
    if (!appError) throw error;
    const graphQLError = toGraphQLError(appError);
    const { http, ...extensions } = graphQLError.extensions as {
      http: { status: number; headers?: Record<string, string> };
    };
    return new Response(
      JSON.stringify({ errors: [{ message: graphQLError.message, extensions }] }),
      {
        status: http.status,
        headers: { 'Content-Type': 'application/json', ...http.headers },
      },
    );
  }
  authenticated(requestContext);
  const response = await handle({ requestContext, readJson });
  response.headers.set('X-Correlation-Id', requestContext.correlationId);
  return response;
}

/** A socket request's headers, read as `Headers` reads them (names in any case). */
class SocketHeaders implements RequestHeaders {
  constructor(private readonly headers: IncomingHttpHeaders) {}
  get(name: string) {
    const value = this.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string) {
    return this.headers[name.toLowerCase()] !== undefined;
  }
  keys() {
    return Object.keys(this.headers)[Symbol.iterator]();
  }
}

/** Answers that stream (subscriptions over SSE, multipart) are left to the fetch adapter. */
const STREAMED_ANSWER = /text\/event-stream|multipart\/mixed/;

/**
 * POST /graphql straight from the socket, before Hono's dispatch and @hono/node-server's fetch
 * Request: the most frequent request, and the one whose own work is the smallest. It keeps what the
 * app's middleware gives every request (request id, log fields, span, metrics, access log, CORS
 * headers). Anything else (draining, another body or answer type, a body without a declared
 * length or over MAX_BODY_BYTES, a query string) returns false and goes through the app.
 */
export function graphQLPosts(options: {
  services: Services;
  metrics: Metrics;
  handleGraphQL: GraphQLHandler;
  waitUntil: YogaServerInstance<GraphQLServerContext, RequestContext>['waitUntil'];
  cors: CorsPolicy;
  isDraining: () => boolean;
}) {
  const { services, metrics, handleGraphQL, waitUntil, cors, isDraining } = options;
  const { config, logger } = services;

  const serve = async (
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    headers: SocketHeaders,
  ) => {
    const requestId = randomUUID();
    await observeRequest(metrics, { method: 'POST', requestId, headers }, async () => {
      const started = performance.now();
      let response: Response;
      let correlationId: string | null = null;
      try {
        // Of a JSON POST, yoga reads only the method, URL and headers: the body comes from readJson.
        const request = {
          method: 'POST',
          url: `http://${incoming.headers.host}/graphql`,
          headers,
        } as unknown as Request;
        response = await answerGraphQL(
          services,
          (context) => handleGraphQL(request, { ...context, waitUntil }),
          {
            method: 'POST',
            headers,
            ip: clientAddress(
              incoming.socket.remoteAddress ?? null,
              headers.get('x-forwarded-for'),
              config.TRUST_PROXY,
            ),
            requestId,
          },
          () => socketText(incoming).then(JSON.parse),
          (requestContext) => (correlationId = requestContext.correlationId),
        );
      } catch (error) {
        logger.error({ err: error, path: '/graphql' }, 'unhandled error');
        response = problemResponse({ req: { path: '/graphql' } } as Context, null, requestId);
        if (correlationId) response.headers.set('X-Correlation-Id', correlationId);
      }
      cors.apply(response.headers, headers.get('origin'));
      response.headers.set('X-Request-Id', requestId);
      const outgoingHeaders: Record<string, string> = {};
      for (const [name, value] of response.headers) outgoingHeaders[name] = value;
      const body =
        (response as { [ANSWER_TEXT]?: string })[ANSWER_TEXT] ??
        (response.body === null ? '' : await response.text());
      outgoing.writeHead(response.status, outgoingHeaders);
      outgoing.end(body);
      logRequest(logger, {
        method: 'POST',
        path: '/graphql',
        status: response.status,
        ms: Math.round(performance.now() - started),
        requestId,
        correlationId: correlationId ?? undefined,
      });
      return { route: '/graphql', status: response.status };
    });
  };

  return (incoming: IncomingMessage, outgoing: ServerResponse): boolean => {
    if (incoming.method !== 'POST' || incoming.url !== '/graphql' || isDraining()) return false;
    // Without a Host, @hono/node-server answers 400.
    if (incoming.headers.host === undefined) return false;
    const length = incoming.headers['content-length'];
    if (length === undefined || incoming.headers['transfer-encoding'] !== undefined) return false;
    if (!(parseInt(length, 10) <= config.MAX_BODY_BYTES)) return false;
    // The only bodies this path reads: those yoga's JSON parser selects.
    if (!JSON_BODY.test(incoming.headers['content-type'] ?? '')) return false;
    if (STREAMED_ANSWER.test(incoming.headers.accept ?? '')) return false;
    serve(incoming, outgoing, new SocketHeaders(incoming.headers)).catch((error: unknown) => {
      logger.error({ err: error }, 'a GraphQL answer could not be written');
      outgoing.destroy();
    });
    return true;
  };
}
