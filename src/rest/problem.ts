import { z } from '@hono/zod-openapi';
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

const fieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])).openapi({ example: ['body', 'name'] }),
  message: z.string().openapi({ example: 'Required' }),
  type: z.string().optional(),
});
/** The body `problemResponse` sends, documented once and referenced by every route that sends it. */
const problemSchema = z
  .object({
    code: z.string().openapi({ example: 'not_found' }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'Trigger "nightly" not found' }),
    instance: z.string().openapi({ example: '/run/v1/webhooks/endpoints/unknown' }),
    requestId: z
      .string()
      .openapi({ format: 'uuid', example: 'f3b2c1d0-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }),
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'Trigger "nightly" not found' }),
    }),
    errors: z.array(fieldIssue).optional().openapi({ description: 'Each bad input field' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

type ProblemResponse = {
  description: string;
  content: { 'application/problem+json': { schema: typeof problemSchema } };
};

/** OpenAPI responses of `statuses` with the problem+json body, described by `descriptions` or their titles. */
export const problemResponses = <S extends number>(
  statuses: readonly S[],
  descriptions: Partial<Record<S, string>> = {},
) =>
  Object.fromEntries(
    statuses.map((status): [S, ProblemResponse] => [
      status,
      {
        description: descriptions[status] ?? titles[status] ?? `Error ${status}`,
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  ) as Record<S, ProblemResponse>;

const detailSchema = z
  .object({ detail: z.string().openapi({ example: 'Not Found' }) })
  .openapi('ErrorDetail');
const validationErrorSchema = z
  .object({
    detail: z.array(
      z.object({
        loc: z.array(z.string()).openapi({ example: ['query', 'limit'] }),
        msg: z.string().openapi({ example: 'Input should be less than or equal to 100' }),
        type: z.string().openapi({ example: 'less_than_equal' }),
      }),
    ),
  })
  .openapi('HTTPValidationError');

/** An OpenAPI response with the `{"detail": "..."}` body of `validationDetailFormat`. */
export const detailResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: detailSchema } },
});
/** The responses every route of a `validationDetailFormat` family may give. */
export const validationDetailResponses = {
  401: detailResponse('Missing or invalid API key'),
  422: {
    description: 'Validation Error',
    content: { 'application/json': { schema: validationErrorSchema } },
  },
};

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
