import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import {
  createGraphQLError,
  createYoga,
  maskError,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import { AppError, asAppError, httpStatusOf } from '../kernel/errors.ts';
import { pothosInputError } from '../schema/connection-arguments.ts';
import { schema } from '../schema/index.ts';
import type { Logger } from '../kernel/logger.ts';
import type { RequestContext } from '../kernel/context.ts';
import { useDocumentLimits, type DocumentLimits } from './document-limits.ts';
import { checkJsonInput } from '../kernel/json-input.ts';

/** What the HTTP and WebSocket layers hand yoga: the request context they already built. */
export interface GraphQLServerContext {
  requestContext: RequestContext;
}

/** A service error as GraphQL reports it: the message, `extensions.code`, and the HTTP status for yoga. */
export function toGraphQLError(error: AppError, original?: GraphQLError): GraphQLError {
  const headers = error.details.retryAfterSeconds
    ? { 'Retry-After': String(error.details.retryAfterSeconds) }
    : undefined;
  return createGraphQLError(error.message, {
    nodes: original?.nodes,
    source: original?.source,
    positions: original?.positions,
    path: original?.path,
    extensions: {
      code: error.code,
      ...(error.details.issues ? { issues: error.details.issues } : {}),
      ...(error.details.type ? { type: error.details.type } : {}),
      http: { status: httpStatusOf[error.code], headers },
    },
  });
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
    // Node's own fetch classes, as Hono uses: Hono copies the response into a native Response, and a
    // ponyfill stream body wrapped that way threw an uncaught ERR_INVALID_STATE (a crash) when an
    // SSE client went away mid-stream.
    fetchAPI: {
      Request,
      Response,
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
    renderGraphiQL,
    graphiql: {
      title: 'Switchboard',
      defaultQuery:
        '# Headers tab: {"Authorization": "Bearer <key>"}\n{\n  viewer {\n    kind\n    tenantId\n  }\n}\n',
      subscriptionsProtocol: 'WS',
    },
    context: ({ requestContext }) => requestContext,
    plugins: [
      ...options.plugins,
      useDocumentLimits(options.limits),
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
