import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Credential } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import { notFound } from '../../kernel/errors.ts';
import type { AppEnv } from '../../rest/kit.ts';
import { restRouter, json } from '../../rest/kit.ts';
import { pageOf, pageQuery, pagination, problemResponses } from '../triggers/rest.ts';
import * as credentials from './service.ts';

/**
 * The credentials a trigger's `signingSecretCredentialReferenceId` and a version's
 * `run_config.provider.apiKeyCredentialId` name, beside reference 002's routes (and with its
 * problem+json errors), so that REST clients can create them and read their ids.
 */
const CREDENTIALS_PATH = '/manage/tenants/{tenantId}/projects/{projectId}/credentials';

const problems = problemResponses([400, 401, 403, 404, 409, 503] as const);
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const route = <R extends Parameters<typeof createRoute>[0]>(definition: R) =>
  createRoute({ ...definition, tags: ['Credentials'], security: [{ bearerAuth: [] }] });

const kind = z.enum([
  credentials.CredentialKind.WEBHOOK_SIGNING_SECRET,
  credentials.CredentialKind.MODEL_API_KEY,
]);
const credentialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind,
    createdAt: z.string(),
    rotatedAt: z.string().nullable(),
    previousValidUntil: z
      .string()
      .nullable()
      .openapi({ description: 'Until when the secret before the last rotation still verifies' }),
  })
  .openapi('Credential');
const withSecret = credentialSchema
  .extend({ secret: z.string().openapi({ description: 'Shown this once' }) })
  .openapi('CredentialWithSecret');
const scopePath = z.object({ tenantId: z.string(), projectId: z.string() });
const credentialPath = scopePath.extend({ id: z.string() });

const toRestCredential = (credential: Credential): z.infer<typeof credentialSchema> => ({
  id: credential.id,
  name: credential.name,
  kind: credential.kind,
  createdAt: credential.createdAt.toISOString(),
  rotatedAt: credential.rotatedAt?.toISOString() ?? null,
  previousValidUntil: credential.previousExpiresAt?.toISOString() ?? null,
});
const toRestWithSecret = ({ credential, secret }: { credential: Credential; secret: string }) => ({
  ...toRestCredential(credential),
  secret,
});

/** The path must name the caller's tenant and its own project (`default` for a tenant-wide key): anything else reads as missing. */
function scoped(c: Context<AppEnv>, path: z.infer<typeof scopePath>) {
  const ctx = c.get('requestContext');
  const scope = requireScope(ctx);
  if (path.tenantId !== scope.tenantId || path.projectId !== (scope.projectId ?? 'default'))
    throw notFound('Project');
  return ctx;
}

const listRoute = route({
  method: 'get',
  path: CREDENTIALS_PATH,
  summary: 'List Credentials',
  description: 'Without their secrets, oldest first.',
  request: { params: scopePath, query: z.object(pageQuery) },
  responses: {
    200: json(z.object({ data: z.array(credentialSchema), pagination }), 'Credentials'),
    ...problems,
  },
});
const createCredentialRoute = route({
  method: 'post',
  path: CREDENTIALS_PATH,
  summary: 'Create Credential',
  description:
    'Stores a secret; a WEBHOOK_SIGNING_SECRET without one gets a new `whsec_…` secret. The secret is shown this once.',
  request: {
    params: scopePath,
    ...body(
      z
        .object({ name: z.string(), kind: kind.optional(), secret: z.string().optional() })
        .openapi('CreateCredential'),
    ),
  },
  responses: { 201: json(z.object({ data: withSecret }), 'Created'), ...problems },
});
const rotateRoute = route({
  method: 'post',
  path: `${CREDENTIALS_PATH}/{id}/rotate`,
  summary: 'Rotate Credential',
  description:
    'A new secret (required for a MODEL_API_KEY); the previous one keeps verifying for `graceSeconds` (default a day).',
  request: {
    params: credentialPath,
    ...body(
      z
        .object({ secret: z.string().optional(), graceSeconds: z.number().int().min(0).optional() })
        .openapi('RotateCredential'),
    ),
  },
  responses: { 200: json(z.object({ data: withSecret }), 'Rotated'), ...problems },
});
const deleteRoute = route({
  method: 'delete',
  path: `${CREDENTIALS_PATH}/{id}`,
  summary: 'Delete Credential',
  description: 'Refused (409) while a trigger or an agent version uses it.',
  request: { params: credentialPath },
  responses: { 204: { description: 'Deleted' }, ...problems },
});

/** The same service calls as GraphQL's credential operations (the HTTP app requires a tenant key first). */
export const credentialRoutes = restRouter()
  .openapi(listRoute, async (c) => {
    const ctx = scoped(c, c.req.valid('param'));
    const { page, limit } = c.req.valid('query');
    const [list, total] = await Promise.all([
      ctx.db.credential.findMany({
        orderBy: { createdAt: 'asc' },
        skip: (page - 1) * limit,
        take: limit,
      }),
      ctx.db.credential.count(),
    ]);
    return c.json(
      { data: list.map(toRestCredential), pagination: pageOf(page, limit, total) },
      200,
    );
  })
  .openapi(createCredentialRoute, async (c) => {
    const ctx = scoped(c, c.req.valid('param'));
    return c.json(
      { data: toRestWithSecret(await credentials.createCredential(ctx, c.req.valid('json'))) },
      201,
    );
  })
  .openapi(rotateRoute, async (c) => {
    const ctx = scoped(c, c.req.valid('param'));
    return c.json(
      {
        data: toRestWithSecret(
          await credentials.rotateCredential(ctx, c.req.valid('param').id, c.req.valid('json')),
        ),
      },
      200,
    );
  })
  .openapi(deleteRoute, async (c) => {
    const ctx = scoped(c, c.req.valid('param'));
    await credentials.deleteCredential(ctx, c.req.valid('param').id);
    return c.body(null, 204);
  });
