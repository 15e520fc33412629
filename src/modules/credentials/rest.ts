import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Credential } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import { notFound } from '../../kernel/errors.ts';
import type { AppEnv } from '../../rest/kit.ts';
import { body, json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { exampleString, idField, timestampField } from '../../rest/fields.ts';
import { pageOf, pageQuery, pagination, projectPath } from '../../rest/manage.ts';
import { problemResponses } from '../../rest/problem.ts';
import * as credentials from './service.ts';

/**
 * The credentials a trigger's `signingSecretCredentialReferenceId` and a version's
 * `run_config.provider.apiKeyCredentialId` name, beside reference 002's routes (and with its
 * problem+json errors), so that REST clients can create them and read their ids.
 */
const CREDENTIALS_PATH = '/manage/tenants/{tenantId}/projects/{projectId}/credentials';

const problems = problemResponses([400, 401, 403, 404, 409, 503] as const);
const route = routeDeclarer('Credentials');

const kind = z.enum([
  credentials.CredentialKind.WEBHOOK_SIGNING_SECRET,
  credentials.CredentialKind.MODEL_API_KEY,
]);
const credentialSchema = z
  .object({
    id: idField(),
    name: exampleString('github-signing-secret'),
    kind,
    createdAt: timestampField(),
    rotatedAt: timestampField().nullable(),
    previousValidUntil: timestampField(
      'Until when the secret before the last rotation still verifies',
    ).nullable(),
  })
  .openapi('Credential');
const withSecret = credentialSchema
  .extend({ secret: exampleString('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'Shown this once') })
  .openapi('CredentialWithSecret');
const credentialPath = projectPath.extend({ id: idField() });

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
function scoped(c: Context<AppEnv>, path: z.infer<typeof projectPath>) {
  const ctx = c.get('requestContext');
  const scope = requireScope(ctx);
  if (path.tenantId !== scope.tenantId || path.projectId !== (scope.projectId ?? 'default'))
    throw notFound('Project');
  return ctx;
}

const listRoute = route({
  method: 'get',
  path: CREDENTIALS_PATH,
  operationId: 'listCredentials',
  summary: 'List Credentials',
  description: 'Without their secrets, oldest first.',
  request: { params: projectPath, query: z.object(pageQuery) },
  responses: {
    200: json(z.object({ data: z.array(credentialSchema), pagination }), 'Credentials'),
    ...problems,
  },
});
const createCredentialRoute = route({
  method: 'post',
  path: CREDENTIALS_PATH,
  operationId: 'createCredential',
  summary: 'Create Credential',
  description:
    'Stores a secret; a WEBHOOK_SIGNING_SECRET without one gets a new `whsec_…` secret. The secret is shown this once.',
  request: {
    params: projectPath,
    ...body(
      z
        .object({
          name: exampleString('github-signing-secret'),
          kind: kind.optional(),
          secret: z.string().optional(),
        })
        .openapi('CreateCredential'),
      { name: 'github-signing-secret', kind: 'WEBHOOK_SIGNING_SECRET' },
    ),
  },
  responses: { 201: json(z.object({ data: withSecret }), 'Created'), ...problems },
});
const rotateRoute = route({
  method: 'post',
  path: `${CREDENTIALS_PATH}/{id}/rotate`,
  operationId: 'rotateCredential',
  summary: 'Rotate Credential',
  description:
    'A new secret (required for a MODEL_API_KEY); the previous one keeps verifying for `graceSeconds` (default a day).',
  request: {
    params: credentialPath,
    ...body(
      z
        .object({ secret: z.string().optional(), graceSeconds: z.number().int().min(0).optional() })
        .openapi('RotateCredential'),
      { graceSeconds: 3600 },
    ),
  },
  responses: { 200: json(z.object({ data: withSecret }), 'Rotated'), ...problems },
});
const deleteRoute = route({
  method: 'delete',
  path: `${CREDENTIALS_PATH}/{id}`,
  operationId: 'deleteCredential',
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
