import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../kernel/config.ts';

const exposeHeaders = ['X-Request-Id', 'X-Correlation-Id', 'Retry-After', 'Allow'];
const exposedHeaders = exposeHeaders.join(',');

export interface CorsPolicy {
  /** hono/cors, answering preflights (OPTIONS). */
  preflight: MiddlewareHandler;
  /** Gives a final response the CORS headers of the request's origin. */
  apply(headers: Headers, origin: string | null | undefined): void;
}

/** CORS_ORIGINS as every route answers it: `*`, or the listed origins with credentials. */
export function corsPolicy(config: Pick<Config, 'CORS_ORIGINS'>): CorsPolicy {
  const anyOrigin = config.CORS_ORIGINS.includes('*');
  return {
    preflight: cors({
      origin: anyOrigin ? '*' : config.CORS_ORIGINS,
      credentials: !anyOrigin,
      exposeHeaders,
    }),
    apply(headers, origin) {
      if (anyOrigin) headers.set('Access-Control-Allow-Origin', '*');
      else {
        if (origin && config.CORS_ORIGINS.includes(origin))
          headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Credentials', 'true');
      }
      headers.set('Access-Control-Expose-Headers', exposedHeaders);
      if (!anyOrigin) headers.append('Vary', 'Origin');
    },
  };
}
