import { z } from '@hono/zod-openapi';
import { httpStatusOf } from '../../kernel/errors.ts';
import { json, routeDeclarer } from '../../rest/kit.ts';
import { validationDetailFormat, type ErrorFormat } from '../../rest/problem.ts';

// The conventions of reference 004's page (/telemetry/v1): its error bodies, responses and tag,
// shared by the telemetry and agents routes it lists.

export const TELEMETRY_REST_PREFIX = '/telemetry/v1';
const validationErrors = validationDetailFormat(TELEMETRY_REST_PREFIX);

/**
 * Reference 004's bodies: `{"type": "person-not-found", ...}` for the errors it names, FastAPI's
 * `422 {"detail": [...]}` for bad input and `{"detail": "..."}` for the rest.
 */
export const telemetryErrorFormat: ErrorFormat = {
  pathPrefix: TELEMETRY_REST_PREFIX,
  respond(c, error, requestId) {
    if (!error.details.type) return validationErrors.respond(c, error, requestId);
    return c.json(
      { type: error.details.type, detail: error.message },
      httpStatusOf[error.code] as 404,
    );
  },
};

export const dateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
  .transform((value) => new Date(value))
  .nullish()
  .openapi({ type: 'string', format: 'date-time' });

export const typedError = (type: string) =>
  z
    .object({ type: z.literal(type), detail: z.string() })
    .openapi(`${type.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())}`);
export const ok = <T extends z.ZodType>(schema: T) => ({
  200: json(schema, 'Successful Response'),
});
export const notFound = (...types: string[]) => ({
  404: json(
    types.length === 1 ? typedError(types[0]) : z.union(types.map(typedError)),
    'Not Found',
  ),
});
export const conflict = (type: string) => ({ 409: json(typedError(type), 'Already exists') });
export const route = routeDeclarer('Telemetry');
