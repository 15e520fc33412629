import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { isAsyncIterable, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { refuseCrossSiteCookieSocket } from '../auth/cookie-forgery.ts';
import { AppError, asAppError } from '../kernel/errors.ts';
import { Loaders } from '../db/loaders.ts';
import { createRequestContext, type RequestContext, type Services } from '../kernel/context.ts';
import type { GraphQLServerContext } from './graphql.ts';
import { toGraphQLError } from './graphql-error.ts';
import { sendResults } from './subscription-frames.ts';
import { TAKES_ANSWER_BATCHES } from './shared-subscriptions.ts';
import { checkJsonInput } from '../kernel/json-input.ts';
import { EVERY_TENANT } from '../kernel/bus/index.ts';
import { withLogFields } from '../kernel/log-context.ts';
import { clientAddress } from '../kernel/net/trust-proxy.ts';
import type { Metrics } from '../observability/metrics.ts';

const headersOf = (request: IncomingMessage) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
};

/** Headers a client may pass as values instead of real headers. */
const PASSED_HEADER = /^(authorization|x-api-key|x-correlation-id)$/i;
/** Printable ASCII of a sane length: anything else is not a header value `Headers` accepts. */
const HEADER_VALUE = /^[\x20-\x7e]{1,4096}$/;

/**
 * The upgrade request's headers with the key and correlation headers `passed` names (connection
 * parameters, or GraphiQL's per-operation headers) over them; `passesKey` says whether a key was among them.
 */
function headersWith(request: IncomingMessage, passed: unknown) {
  const headers = headersOf(request);
  let passesKey = false;
  if (typeof passed === 'object' && passed !== null) {
    for (const [name, value] of Object.entries(passed)) {
      if (typeof value !== 'string' || !PASSED_HEADER.test(name) || !HEADER_VALUE.test(value))
        continue;
      headers.set(name, value);
      passesKey ||= !/^x-correlation-id$/i.test(name);
    }
  }
  return { headers, passesKey };
}
const logFieldsOf = (args: { contextValue: RequestContext; operationName?: string | null }) => ({
  requestId: args.contextValue.requestId,
  tenantId: args.contextValue.scope?.tenantId,
  operationName: args.operationName ?? undefined,
});

/** The close code of a connection refused for exceeding a limit: graphql-ws's own "too many" code; the reason names the limit. */
export const TOO_MANY_CLOSE_CODE = 4429;
const FORBIDDEN_CLOSE_CODE = 4403;

/** Open connections per key or address in this process. */
class ConnectionCounts {
  private readonly sockets = new Map<string, Set<WebSocket>>();

  constructor(private readonly limit: number) {}

  /** Counts one more connection for `name` until `socket` closes; false when `name` is at the limit. */
  admit(name: string, socket: WebSocket) {
    const open = this.sockets.get(name) ?? new Set<WebSocket>();
    if (open.size >= this.limit) return false;
    open.add(socket);
    this.sockets.set(name, open);
    socket.once('close', () => {
      open.delete(socket);
      if (!open.size) this.sockets.delete(name);
    });
    return true;
  }

  /** Closes every connection counted for `name`. */
  closeAll(name: string, code: number, reason: string) {
    for (const socket of this.sockets.get(name) ?? []) socket.close(code, reason);
  }
}

/**
 * GraphQL over WebSocket (graphql-ws) on the HTTP server's `/graphql`, run by the same yoga
 * pipeline as HTTP. The key is checked on connect (or, for a connection opened without one, per
 * operation); each operation is rate limited.
 * Connections per address and per key, and operations per connection, are capped (per process).
 */
export function attachGraphQLWebSockets(options: {
  server: Server;
  services: Services;
  yoga: YogaServerInstance<GraphQLServerContext, RequestContext>;
  metrics: Metrics;
  isDraining: () => boolean;
}) {
  const { server, services, yoga, metrics, isDraining } = options;
  const { config } = services;
  /** The client's address, through trusted proxies (TRUST_PROXY). */
  const addressOf = (request: IncomingMessage) =>
    clientAddress(
      request.socket.remoteAddress ?? null,
      headersOf(request).get('x-forwarded-for'),
      config.TRUST_PROXY,
    );
  const byAddress = new ConnectionCounts(config.WS_MAX_CONNECTIONS_PER_IP);
  const byKey = new ConnectionCounts(config.WS_MAX_CONNECTIONS_PER_KEY);
  // A revoked key's open connections close (4403, as graphql-ws refuses a bad key), on every
  // instance: an operation already running would otherwise outlive the key.
  void (async () => {
    const everyTenant = { tenantId: EVERY_TENANT, projectId: null };
    for await (const { keyId } of services.bus.subscribe(
      'apiKeyRevoked',
      everyTenant,
      services.shutdownSignal,
    ))
      byKey.closeAll(keyId, FORBIDDEN_CLOSE_CODE, 'The API key was revoked');
  })().catch((error: unknown) =>
    services.logger.error({ err: error }, 'revoked keys no longer close their sockets'),
  );
  const webSocketServer = new WebSocketServer({ server, path: '/graphql' });
  webSocketServer.on('connection', (socket, request) => {
    metrics.webSockets.inc();
    socket.once('close', () => metrics.webSockets.dec());
    if (!byAddress.admit(addressOf(request) ?? 'unknown', socket)) {
      socket.close(
        TOO_MANY_CLOSE_CODE,
        `Over ${config.WS_MAX_CONNECTIONS_PER_IP} open connections from this address`,
      );
    }
  });
  /**
   * The context an operation runs in: the connection's when it was opened with a key; otherwise
   * the key among the operation's `extensions.headers`, which is where GraphiQL sends its Headers
   * tab (its socket opens with empty connection parameters).
   */
  const operationContext = async (
    extra: { request: IncomingMessage; connectionContext?: RequestContext },
    extensions: Record<string, unknown> | undefined | null,
    requestId: string,
  ): Promise<RequestContext> => {
    const connection = extra.connectionContext!;
    if (connection.viewer) {
      await services.authenticator.countRequest(connection.viewer);
      return connection;
    }
    const { headers, passesKey } = headersWith(extra.request, extensions?.headers);
    if (!passesKey) return connection;
    return createRequestContext(services, {
      method: 'GET',
      headers,
      ip: extra.request.socket.remoteAddress ?? null,
      requestId,
    });
  };
  return useServer<Record<string, unknown>, { connectionContext?: RequestContext }>(
    {
      // Each operation's log lines carry its request id, tenant and operation name.
      execute: (args: any) => withLogFields(logFieldsOf(args), () => args.rootValue.execute(args)),
      // A subscription's results go straight to its socket (`subscription-frames.ts`).
      subscribe: async (args: any) => {
        const { subscribe, socket, id } = args.rootValue;
        const results = await withLogFields(logFieldsOf(args), () => subscribe(args));
        return isAsyncIterable(results)
          ? sendResults(socket, id, results as AsyncIterable<ExecutionResult>)
          : results;
      },
      // A bad key refuses the connection; the key comes from connection params or the upgrade request.
      onConnect: async (ctx) => {
        if (isDraining()) return false;
        const { headers } = headersWith(ctx.extra.request, ctx.connectionParams);
        try {
          refuseCrossSiteCookieSocket(headers, config.CORS_ORIGINS);
          const connection = await createRequestContext(services, {
            method: 'GET',
            headers,
            ip: addressOf(ctx.extra.request),
          });
          const viewer = connection.viewer;
          if (
            viewer &&
            !byKey.admit(viewer.kind === 'admin' ? 'admin' : viewer.keyId, ctx.extra.socket)
          ) {
            ctx.extra.socket.close(
              TOO_MANY_CLOSE_CODE,
              `Over ${config.WS_MAX_CONNECTIONS_PER_KEY} open connections for this key`,
            );
            return false;
          }
          ctx.extra.connectionContext = connection;
          return true;
        } catch (error) {
          const appError = asAppError(error);
          // 1013 Try Again Later: a client retries it, where 4403 Forbidden would tell it its key is bad.
          if (appError?.code === 'SERVICE_UNAVAILABLE')
            ctx.extra.socket.close(1013, appError.message);
          if (appError?.code === 'RATE_LIMITED')
            ctx.extra.socket.close(TOO_MANY_CLOSE_CODE, appError.message.slice(0, 120));
          if (appError) return false;
          throw error;
        }
      },
      onSubscribe: async (ctx, id, params) => {
        const requestId = randomUUID();
        try {
          // graphql-ws has already registered this operation.
          if (Object.keys(ctx.subscriptions).length > config.WS_MAX_OPERATIONS_PER_CONNECTION) {
            throw new AppError(
              'RATE_LIMITED',
              `At most ${config.WS_MAX_OPERATIONS_PER_CONNECTION} operations may run at once on one connection`,
            );
          }
          checkJsonInput(params.variables, config.MAX_INPUT_DEPTH, ['variables']);
          const connection = await operationContext(ctx.extra, params.extensions, requestId);
          // Each operation gets its own request id, and its own correlation id unless the client set one.
          const requestContext: RequestContext = {
            ...connection,
            loaders: new Loaders(),
            requestId,
            correlationId:
              connection.correlationId === connection.requestId
                ? requestId
                : connection.correlationId,
          };
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped(
            {
              ...ctx,
              // yoga reads the upgrade request as `req`; as `request` it would refuse mutations.
              req: ctx.extra.request,
              socket: ctx.extra.socket,
              params,
              requestContext,
            },
          );
          const document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length) return errors;
          return {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            // `sendResults` writes a batch of answers as their messages.
            rootValue: {
              execute,
              subscribe,
              socket: ctx.extra.socket,
              id,
              [TAKES_ANSWER_BATCHES]: true,
            },
          };
        } catch (error) {
          const appError = asAppError(error);
          if (appError) return [toGraphQLError(appError)];
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
    },
    webSocketServer,
  );
}
