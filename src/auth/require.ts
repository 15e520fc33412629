import { AppError } from '../kernel/errors.ts';
import type { Scope } from '../db/scoped.ts';
import type { RequestContext } from '../kernel/context.ts';

/** What a caller without a key is told, wherever a key is needed. */
export const missingKey = () =>
  new AppError('UNAUTHENTICATED', 'Missing API key: send "Authorization: Bearer <key>"');

/** The caller's tenant scope; only tenant API keys have one. */
export function requireScope(ctx: RequestContext): Scope {
  if (ctx.scope) return ctx.scope;
  if (!ctx.viewer) throw missingKey();
  throw new AppError('FORBIDDEN', 'This operation needs a tenant API key, not the admin key');
}
