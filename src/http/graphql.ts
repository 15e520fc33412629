import { GraphQLError } from 'graphql';
import {
  createYoga,
  maskError,
  type Plugin,
  type YogaServer,
  type YogaServerInstance,
} from 'graphql-yoga';
import { asAppError } from '../kernel/errors.ts';
import { pothosInputError } from '../schema/connection-arguments.ts';
import { schema } from '../schema/index.ts';
import type { Logger } from '../kernel/logger.ts';
import type { RequestContext } from '../kernel/context.ts';
import { toGraphQLError } from './graphql-error.ts';
import { graphiqlOptions } from './graphiql.ts';
import { useDocumentLimits, type DocumentLimits } from './document-limits.ts';
import { useSharedSubscriptionExecution } from './shared-subscriptions.ts';
import { useCompiledQueries } from './compiled-operations.ts';
import { checkJsonInput } from '../kernel/json-input.ts';

/** The text of an answer yoga made from a string (its JSON), for a writer that skips the body stream. */
export const ANSWER_TEXT = Symbol('answer text');

/**
 * The global Response (@hono/node-server's lightweight one, see src/http/server.ts), whose headers
 * are always a Headers object: the lightweight Response forgets a header set on a plain-object
 * `init.headers` (yoga's) once its body is read, as Hono's middleware does.
 */
function HeadersKeptResponse(): typeof Response {
  return class extends Response {
    [ANSWER_TEXT]?: string;
    constructor(body?: BodyInit | null, init?: ResponseInit) {
      super(body, init && { ...init, headers: new Headers(init.headers) });
      if (typeof body === 'string') this[ANSWER_TEXT] = body;
    }
  };
}

/** What the HTTP and WebSocket layers hand yoga: the request context they already built. */
export interface GraphQLServerContext {
  requestContext: RequestContext;
  /** Reads the JSON body straight from the socket (HTTP only, when it is still there). */
  readJson?: () => Promise<unknown>;
}

/**
 * yoga's own handler of a fetch Request (`YogaServer.handle`), past its server adapter and the
 * adapter's `onRequest` hooks (health check, GraphiQL page, unknown paths: none answers a POST).
 */
export type GraphQLHandler = YogaServer<GraphQLServerContext, RequestContext>['handle'];

/** yoga's JSON parser selects a POST of these (`isPOSTJsonRequest`). */
export const JSON_BODY = /^application\/(graphql\+)?json(;|$)/;

/**
 * yoga's JSON body parser, fed from the socket: reading the body through the fetch Request built
 * around it costs more than the rest of a small operation. Its refusals stay yoga's own.
 */
function useSocketJsonBody(): Plugin<object, GraphQLServerContext> {
  return {
    onRequestParse({ request, serverContext, requestParser, setRequestParser }) {
      const { readJson } = serverContext;
      const contentType = request.headers.get('content-type')?.split(',')[0] ?? '';
      if (readJson && requestParser && request.method === 'POST' && JSON_BODY.test(contentType))
        setRequestParser(() => requestParser({ json: readJson } as Request));
    },
  };
}

export function createGraphQLServer(options: {
  maxBatch: number;
  limits: DocumentLimits;
  logger: Logger;
  /** Metrics and traces (src/observability/graphql.ts). */
  plugins: Plugin[];
}): YogaServerInstance<GraphQLServerContext, RequestContext> {
  return createYoga<GraphQLServerContext, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // CORS is answered by the HTTP layer for every route alike.
    cors: false,
    batching: { limit: options.maxBatch },
    // MAX_BODY_BYTES bounds every body before yoga sees it (src/http/app.ts); yoga's own limit
    // would wrap the body in one more stream.
    maxRequestBodySize: false,
    // The fetch classes Hono uses (src/http/server.ts makes them @hono/node-server's lightweight
    // ones): a ponyfill stream body copied into them threw an uncaught ERR_INVALID_STATE (a crash)
    // when an SSE client went away mid-stream.
    fetchAPI: {
      Request,
      Response: HeadersKeptResponse(),
      Headers,
      ReadableStream,
      WritableStream,
      TransformStream,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
      fetch,
      Blob,
      FormData,
      File,
      crypto,
    },
    // GraphiQL served from the package, not a CDN: it works on networks without internet access.
    // Loaded with the first page that shows it: its bundle is some 30 MB of strings in memory.
    renderGraphiQL: async (graphiql) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiql),
    graphiql: graphiqlOptions,
    context: ({ requestContext }) => requestContext,
    plugins: [
      useCompiledQueries(),
      ...options.plugins,
      useSocketJsonBody(),
      useDocumentLimits(options.limits),
      useSharedSubscriptionExecution(),
      {
        onParams({ params }) {
          checkJsonInput(params.variables, options.limits.maxDepth, ['variables']);
        },
      },
    ],
    logging: false,
    maskedErrors: {
      maskError(error, message, isDev) {
        const appError = asAppError(error) ?? pothosInputError(error);
        if (appError)
          return toGraphQLError(appError, error instanceof GraphQLError ? error : undefined);
        options.logger.error(
          { err: (error as GraphQLError).originalError ?? error },
          'unhandled error in a GraphQL operation',
        );
        return maskError(error, message, isDev);
      },
    },
  });
}
