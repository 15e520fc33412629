import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { asAppError } from '../errors.ts';
import { createRequestContext, type RequestContext, type Services } from './context.ts';
import { toGraphQLError, type GraphQLServerContext } from './graphql.ts';

const headersOf = (request: IncomingMessage) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
};

/**
 * GraphQL over WebSocket (graphql-ws) on the HTTP server's `/graphql`, run by the same yoga
 * pipeline as HTTP. The key is checked once, on connect; each operation is rate limited.
 */
export function attachGraphQLWebSockets(options: {
  server: Server;
  services: Services;
  yoga: YogaServerInstance<GraphQLServerContext, RequestContext>;
  isDraining: () => boolean;
}) {
  const { server, services, yoga, isDraining } = options;
  return useServer<Record<string, unknown>, { connectionContext?: RequestContext }>(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      // A bad key refuses the connection; the key comes from connection params or the upgrade request.
      onConnect: async (ctx) => {
        if (isDraining()) return false;
        const headers = headersOf(ctx.extra.request);
        for (const [name, value] of Object.entries(ctx.connectionParams ?? {})) {
          if (typeof value === 'string' && /^(authorization|x-api-key|x-correlation-id)$/i.test(name)) headers.set(name, value);
        }
        try {
          ctx.extra.connectionContext = await createRequestContext(services, {
            headers,
            ip: ctx.extra.request.socket.remoteAddress ?? null,
          });
          return true;
        } catch (error) {
          const appError = asAppError(error);
          // 1013 Try Again Later: a client retries it, where 4403 Forbidden would tell it its key is bad.
          if (appError?.code === 'SERVICE_UNAVAILABLE') ctx.extra.socket.close(1013, appError.message);
          if (appError) return false;
          throw error;
        }
      },
      onSubscribe: async (ctx, _id, params) => {
        const connection = ctx.extra.connectionContext!;
        const requestId = randomUUID();
        // Each operation gets its own request id, and its own correlation id unless the client set one.
        const requestContext: RequestContext = {
          ...connection,
          requestId,
          correlationId: connection.correlationId === connection.requestId ? requestId : connection.correlationId,
        };
        try {
          if (connection.viewer) await services.authenticator.countRequest(connection.viewer);
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            // yoga reads the upgrade request as `req`; as `request` it would refuse mutations.
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params,
            requestContext,
          });
          const document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length) return errors;
          return {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
        } catch (error) {
          const appError = asAppError(error);
          if (appError) return [toGraphQLError(appError)];
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
    },
    new WebSocketServer({ server, path: '/graphql' }),
  );
}
