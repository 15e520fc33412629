import type { Context } from 'hono';
import { AppError, asAppError, httpStatusOf, type ErrorCode } from '../kernel/errors.ts';

/**
 * How a family of REST routes answers errors. Each reference page has its own error body;
 * the family is chosen by path prefix, so a bad key gets the same body as a bad parameter.
 */
export interface ErrorFormat {
  pathPrefix: string;
  respond(c: Context, error: AppError, requestId: string): Response;
}

const problemCodes: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'bad_request',
  UNAUTHENTICATED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  CONFLICT: 'conflict',
  UNPROCESSABLE: 'unprocessable_entity',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  QUERY_TOO_COMPLEX: 'bad_request',
  RATE_LIMITED: 'too_many_requests',
  SERVICE_UNAVAILABLE: 'service_unavailable',
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The headers an error's details call for: `Retry-After` on 429 and 503, `Allow` on 405. */
export function errorHeaders(error: AppError | null): Record<string, string> {
  return {
    ...(error?.details.retryAfterSeconds
      ? { 'Retry-After': String(error.details.retryAfterSeconds) }
      : {}),
    ...(error?.details.allow ? { Allow: error.details.allow.join(', ') } : {}),
  };
}

/** RFC 9457 problem details with the fields of references 000 and 002. */
export function problemResponse(c: Context, error: AppError | null, requestId: string): Response {
  const status = error ? httpStatusOf[error.code] : 500;
  const code = error ? problemCodes[error.code] : 'internal_server_error';
  const detail = error?.message ?? 'Internal Server Error';
  const body = {
    code,
    title: titles[status],
    status,
    detail,
    instance: c.req.path,
    requestId,
    error: { code, message: detail },
    ...(error?.details.issues ? { errors: error.details.issues } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...errorHeaders(error) },
  });
}

/** Reference 003's bodies: `422 {"detail": [{loc, msg, type}]}` for bad parameters, `{"detail": "..."}` otherwise. */
export const validationDetailFormat = (pathPrefix: string): ErrorFormat => ({
  pathPrefix,
  respond(c, error) {
    if (error.code === 'BAD_USER_INPUT') {
      const detail = (error.details.issues ?? [{ path: [], message: error.message }]).map(
        (issue) => ({
          loc: issue.path.map(String),
          msg: issue.message,
          type: issue.type ?? 'value_error',
        }),
      );
      return c.json({ detail }, 422);
    }
    return c.json({ detail: error.message }, httpStatusOf[error.code] as 401, errorHeaders(error));
  },
});

/** The response for any error thrown while serving `c`, in the format of the route's family. */
export function errorResponse(
  c: Context,
  error: unknown,
  formats: ErrorFormat[],
  requestId: string,
): Response {
  const appError = asAppError(error);
  const format =
    appError && formats.find((candidate) => c.req.path.startsWith(candidate.pathPrefix));
  return format ? format.respond(c, appError, requestId) : problemResponse(c, appError, requestId);
}
