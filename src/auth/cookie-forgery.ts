import { AppError } from '../errors.ts';
import { KEY_COOKIE, presentedKey } from './viewer.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Media types a cross-site form cannot send: a page must ask CORS first (a preflight) to use them.
const API_MEDIA_TYPE = /^application\/(json|graphql|[\w.-]+\+json)\s*(;|$)/i;

/**
 * Browsers attach the key cookie to any cross-site form post. A state-changing request that only
 * the cookie authenticates must prove it is no such form: a JSON or GraphQL Content-Type, or an
 * `X-Requested-With` header, either of which needs a CORS preflight from another site.
 */
export function refuseCookieForgery(method: string, headers: Headers) {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const cookieOnly = !headers.has('authorization') && !headers.has('x-api-key') && presentedKey(headers) !== null;
  if (!cookieOnly || API_MEDIA_TYPE.test(headers.get('content-type') ?? '') || headers.has('x-requested-with')) return;
  throw new AppError(
    'FORBIDDEN',
    `A ${method} authenticated by the ${KEY_COOKIE} cookie must send Content-Type: application/json (or a GraphQL media type) or an X-Requested-With header`,
  );
}
