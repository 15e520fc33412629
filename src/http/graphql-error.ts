import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import { httpStatusOf, type AppError } from '../kernel/errors.ts';

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
