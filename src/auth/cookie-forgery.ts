import { AppError } from '../kernel/errors.ts';
import { KEY_COOKIE, presentedKey, type RequestHeaders } from './viewer.ts';

const keyFromCookieOnly = (headers: RequestHeaders, cookies: string[]) =>
  !headers.has('authorization') &&
  !headers.has('x-api-key') &&
  presentedKey(headers, cookies) !== null;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Media types a cross-site form cannot send: a page must ask CORS first (a preflight) to use them.
const API_MEDIA_TYPE = /^application\/(json|graphql|[\w.-]+\+json)\s*(;|$)/i;

/**
 * Browsers attach the key cookie to any cross-site form post. A state-changing request that only
 * the cookie authenticates must prove it is no such form: a JSON or GraphQL Content-Type, or an
 * `X-Requested-With` header, either of which needs a CORS preflight from another site.
 */
export function refuseCookieForgery(
  method: string,
  headers: RequestHeaders,
  cookies: string[] = [KEY_COOKIE],
) {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  if (
    !keyFromCookieOnly(headers, cookies) ||
    API_MEDIA_TYPE.test(headers.get('content-type') ?? '') ||
    headers.has('x-requested-with')
  )
    return;
  throw new AppError(
    'FORBIDDEN',
    `A ${method} authenticated by a key cookie (${cookies.join(', ')}) must send Content-Type: application/json (or a GraphQL media type) or an X-Requested-With header`,
  );
}

/**
 * A WebSocket handshake carries no Content-Type and is not subject to CORS: a page on any site
 * could open one with the key cookie and run mutations. Only the server's own origin and the
 * configured CORS origins may connect with the cookie alone.
 */
export function refuseCrossSiteCookieSocket(headers: Headers, allowedOrigins: string[]) {
  const origin = headers.get('origin');
  if (!origin || !keyFromCookieOnly(headers, [KEY_COOKIE]) || allowedOrigins.includes(origin))
    return;
  if (URL.canParse(origin) && new URL(origin).host === headers.get('host')) return;
  throw new AppError(
    'FORBIDDEN',
    `A WebSocket from ${origin} may not authenticate with the ${KEY_COOKIE} cookie`,
  );
}
