import { AppError } from '../kernel/errors.ts';
import type { Scope } from '../db/scoped.ts';
import type { RequestContext } from '../kernel/context.ts';

/** The caller's tenant scope; only tenant API keys have one. */
export function requireScope(ctx: RequestContext): Scope {
  if (ctx.scope) return ctx.scope;
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'An API key is required');
  throw new AppError('FORBIDDEN', 'This operation needs a tenant API key, not the admin key');
}
