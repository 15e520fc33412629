import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { badInput, type FieldIssue } from '../kernel/errors.ts';
import type { TrustProxy } from '../kernel/net/trust-proxy.ts';
import type { RequestContext } from '../kernel/context.ts';
import { pydanticIssue } from './pydantic.ts';
import { keySecurity } from './security.ts';

/** Where a bad input was, named as FastAPI-style `loc` arrays name it (reference 003). */
const locations: Record<string, string> = {
  json: 'body',
  param: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
};

export interface AppEnv {
  /**
   * `requestId` is given to every request on arrival, with `trustProxy` (TRUST_PROXY) for the client's
   * address; `requestContext` once its key is checked.
   */
  Variables: { requestId: string; trustProxy: TrustProxy | null; requestContext: RequestContext };
}

/** An OpenAPI response whose body is JSON of `schema`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * An OpenAPI request whose required body is JSON of `schema`, with an example of a whole body (the
 * field-by-field one shows "string" where the schema has no example of its own).
 */
export const body = <T extends z.ZodType>(schema: T, example?: z.input<T>) => ({
  body: { required: true, content: { 'application/json': { schema, example } } },
});

type RouteDefinition = Parameters<typeof createRoute>[0] & { operationId: string };

/**
 * The route declarer of one module's tag: each route names its `operationId` and, unless it says
 * otherwise (`security: []` for a route without a key), accepts the keys its path accepts.
 */
export const routeDeclarer =
  (tag: string) =>
  <R extends RouteDefinition>(definition: R) =>
    createRoute({
      ...definition,
      tags: [tag],
      security: definition.security ?? keySecurity(definition.path),
    });

/**
 * A router for one module's REST routes. Each route is declared once with zod schemas that both
 * validate its input and document it in /openapi.json; a failed validation becomes a BAD_USER_INPUT
 * error naming each bad field as `[where, ...path]`, formatted by the route family's error body.
 * With `pydantic`, each issue carries the type and message FastAPI gives the same mistake.
 */
export function restRouter(options: { pydantic?: boolean } = {}) {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = result.error.issues.map((issue): FieldIssue => ({
        path: [
          locations[result.target] ?? result.target,
          ...issue.path.map((part) => part as string | number),
        ],
        ...(options.pydantic
          ? pydanticIssue(issue, (result as { data?: unknown }).data)
          : { message: issue.message }),
      }));
      throw badInput(`Invalid ${issues[0].path.join('.')}: ${issues[0].message}`, issues);
    },
  });
}
