import { KEY_COOKIE, keyCookiesFor } from '../auth/viewer.ts';

type SecurityScheme =
  | { type: 'http'; scheme: 'bearer'; description: string }
  | { type: 'apiKey'; in: 'header' | 'cookie'; name: string; description: string };

const keyCookie = (name: string, description: string): SecurityScheme => ({
  type: 'apiKey',
  in: 'cookie',
  name,
  description,
});

/** The cookie schemes by cookie name: every cookie `keyCookiesFor` can name must be here. */
const cookieSchemes: Record<string, [string, SecurityScheme]> = {
  [KEY_COOKIE]: ['keyCookie', keyCookie(KEY_COOKIE, 'A Switchboard key, on every REST route')],
  vai_token: ['vaiTokenCookie', keyCookie('vai_token', 'A Switchboard key, on `/api/v1/` routes')],
  'better-auth.session_token': [
    'sessionTokenCookie',
    keyCookie('better-auth.session_token', 'A Switchboard key, on `/manage/` routes'),
  ],
};

/** The ways a Switchboard key is presented, as /openapi.json's `components.securitySchemes`. */
export const securitySchemes: Record<string, SecurityScheme> = {
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Switchboard key' },
  apiKeyHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'A Switchboard key, when there is no `Authorization` header',
  },
  ...Object.fromEntries(Object.values(cookieSchemes)),
};

/** The alternatives a route under `path` accepts its key in: any one of them is enough. */
export function keySecurity(path: string): Record<string, string[]>[] {
  const cookies = keyCookiesFor(path).map((cookie) => {
    const scheme = cookieSchemes[cookie];
    if (!scheme) throw new Error(`No security scheme documents the key cookie ${cookie}`);
    return scheme[0];
  });
  return ['bearerAuth', 'apiKeyHeader', ...cookies].map((name) => ({ [name]: [] }));
}
