import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../rest/kit.ts';
import { securitySchemes } from '../rest/security.ts';

const assetDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'text/javascript' } as const;

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Switchboard REST API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script>
  </body>
</html>`;

/**
 * /openapi.json, and its reference page at /docs with Swagger UI served from the package, not a
 * CDN. The document's server is the public base URL when one is configured, else this host ('/').
 */
export function registerDocs(app: OpenAPIHono<AppEnv>, publicBaseUrl: string | undefined) {
  for (const [name, scheme] of Object.entries(securitySchemes))
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard REST API',
      version: '1',
      description: 'REST routes of Switchboard; the primary API is GraphQL at /graphql.',
    },
    servers: [{ url: publicBaseUrl?.replace(/\/+$/, '') || '/' }],
  });
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    if (!Object.hasOwn(assets, file)) return c.notFound();
    const body = await readFile(join(assetDir, file));
    return c.body(body, 200, {
      'Content-Type': assets[file as keyof typeof assets],
      'Cache-Control': 'public, max-age=86400',
    });
  });
}
