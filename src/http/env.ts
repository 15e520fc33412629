import { OpenAPIHono } from '@hono/zod-openapi';
import { badInput } from '../errors.ts';
import type { RequestContext } from './context.ts';

/** Where a bad input was, named as FastAPI-style `loc` arrays name it (reference 003). */
const locations: Record<string, string> = { json: 'body', param: 'path', query: 'query', header: 'header', cookie: 'cookie' };

export interface AppEnv {
  /** `requestId` is given to every request on arrival; `requestContext` once its key is checked. */
  Variables: { requestId: string; requestContext: RequestContext };
}

/**
 * A router for one module's REST routes. Each route is declared once with zod schemas that both
 * validate its input and document it in /openapi.json; a failed validation becomes a BAD_USER_INPUT
 * error naming each bad field as `[where, ...path]`, formatted by the route family's error body.
 */
export function restRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = result.error.issues.map((issue) => ({
        path: [locations[result.target] ?? result.target, ...issue.path.map((part) => part as string | number)],
        message: issue.message,
      }));
      throw badInput(`Invalid ${issues[0].path.join('.')}: ${issues[0].message}`, issues);
    },
  });
}
