import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { badInput, type FieldIssue } from '../kernel/errors.ts';
import type { TrustProxy } from '../kernel/net/trust-proxy.ts';
import type { RequestContext } from '../kernel/context.ts';

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

type Issue = z.core.$ZodIssue;

const valueAt = (input: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>(
    (value, key) =>
      value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
const quoted = (values: unknown[]) => {
  const names = values.map((value) => `'${String(value)}'`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
};

/**
 * A zod issue as FastAPI (pydantic v2) names the same mistake: its `type` and its message. A custom
 * issue names its own type in `params.type`; an issue pydantic has no name for stays `value_error`.
 */
export function pydanticIssue(issue: Issue, input: unknown): Pick<FieldIssue, 'type' | 'message'> {
  if (valueAt(input, issue.path) === undefined && issue.code === 'invalid_type')
    return { type: 'missing', message: 'Field required' };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') {
        return {
          type: 'int_parsing',
          message: 'Input should be a valid integer, unable to parse string as an integer',
        };
      }
      break;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') {
        return issue.inclusive
          ? {
              type: 'greater_than_equal',
              message: `Input should be greater than or equal to ${issue.minimum}`,
            }
          : { type: 'greater_than', message: `Input should be greater than ${issue.minimum}` };
      }
      if (issue.origin === 'string') {
        return {
          type: 'string_too_short',
          message: `String should have at least ${issue.minimum} character${issue.minimum === 1 ? '' : 's'}`,
        };
      }
      break;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') {
        return issue.inclusive
          ? {
              type: 'less_than_equal',
              message: `Input should be less than or equal to ${issue.maximum}`,
            }
          : { type: 'less_than', message: `Input should be less than ${issue.maximum}` };
      }
      break;
    case 'invalid_value':
      return { type: 'enum', message: `Input should be ${quoted(issue.values)}` };
    case 'custom':
      if (typeof issue.params?.type === 'string')
        return { type: issue.params.type, message: issue.message };
      break;
  }
  return { type: 'value_error', message: issue.message };
}

/**
 * A router for one module's REST routes. Each route is declared once with zod schemas that both
 * validate its input and document it in /openapi.json; a failed validation becomes a BAD_USER_INPUT
 * error naming each bad field as `[where, ...path]`, formatted by the route family's error body.
 * With `pydantic`, each issue carries the type and message FastAPI gives the same mistake.
 */
/** An OpenAPI response whose body is JSON of `schema`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

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
