import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../rest/kit.ts';

/** `npm run build` writes the console here (the same folder from src/http and dist/http). */
const consoleDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/**
 * The page talks only to this origin (GraphQL over HTTP and WebSocket); scripts and styles are the
 * built files, nothing inline, nothing from elsewhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The web console at /console: its hashed assets cached for good, and every other path under
 * /console answered with its page (the console routes in the browser).
 */
export function registerConsole(app: OpenAPIHono<AppEnv>) {
  app.get(
    '/console/assets/*',
    serveStatic({
      root: consoleDir,
      rewriteRequestPath: (path) => path.slice('/console'.length),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
        c.header('X-Content-Type-Options', 'nosniff');
      },
    }),
    (c) => c.notFound(),
  );
  app.get('/console/*', async (c) => {
    const page = await readFile(`${consoleDir}index.html`, 'utf8');
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(page);
  });
}
