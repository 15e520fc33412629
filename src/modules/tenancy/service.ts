import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { missingKey } from '../../auth/require.ts';
import { newApiKey, hashSecret } from '../../auth/secrets.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { auditingFailure, writeAudited } from '../audit/service.ts';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

function parseName(name: string) {
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success)
    throw badInput(`name ${parsed.error.issues[0].message}`, [
      { path: ['name'], message: parsed.error.issues[0].message },
    ]);
  return parsed.data;
}

/**
 * The tenant a management call acts on: the admin key names any existing tenant, a tenant-wide
 * key only its own (another tenant's id answers as missing). Project-limited keys manage nothing.
 */
async function managedTenantId(ctx: RequestContext, tenantId?: string | null): Promise<string> {
  const viewer = ctx.viewer;
  if (!viewer) throw missingKey();
  if (viewer.kind === 'admin') {
    if (!tenantId)
      throw badInput('tenantId is required with the admin key', [
        { path: ['tenantId'], message: 'is required' },
      ]);
    if (!(await ctx.db.tenant.findUnique({ where: { id: tenantId } }))) throw notFound('Tenant');
    return tenantId;
  }
  if (viewer.projectId)
    throw new AppError('FORBIDDEN', 'A key limited to one project cannot manage projects or keys');
  if (tenantId && tenantId !== viewer.tenantId) throw notFound('Tenant');
  return viewer.tenantId;
}

export async function createTenant(ctx: RequestContext, input: { name: string }) {
  if (ctx.viewer?.kind !== 'admin') {
    throw new AppError(
      ctx.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED',
      'Only the admin key creates tenants',
    );
  }
  const id = randomUUID();
  const name = parseName(input.name);
  return writeAudited(ctx, ctx.db.tenant.create({ data: { id, name } }), [
    {
      eventType: 'tenant.created',
      resourceType: 'tenant',
      resourceId: id,
      tenantId: id,
      payload: { name },
    },
  ]);
}

export async function createProject(
  ctx: RequestContext,
  input: { tenantId?: string | null; name: string },
) {
  const tenantId = await managedTenantId(ctx, input.tenantId);
  const id = randomUUID();
  return auditingFailure(
    ctx,
    {
      eventType: 'project.created',
      resourceType: 'project',
      resourceId: id,
      tenantId,
      payload: { name: input.name },
    },
    async () => {
      const name = parseName(input.name);
      if (await ctx.db.project.findFirst({ where: { tenantId, name } })) {
        throw new AppError('CONFLICT', `A project named "${name}" already exists`);
      }
      return writeAudited(ctx, ctx.db.project.create({ data: { id, tenantId, name } }), [
        {
          eventType: 'project.created',
          resourceType: 'project',
          resourceId: id,
          tenantId,
          projectId: id,
          payload: { name },
        },
      ]);
    },
  );
}

export interface CreateApiKeyInput {
  tenantId?: string | null;
  projectId?: string | null;
  name: string;
  /** `user` for a key a person uses (e.g. from a browser), `api_key` (default) for a service. */
  actorType?: 'user' | 'api_key' | null;
}

/** Creates a key; its secret is in the returned token and is never retrievable again. */
export async function createApiKey(ctx: RequestContext, input: CreateApiKeyInput) {
  const tenantId = await managedTenantId(ctx, input.tenantId);
  const key = newApiKey();
  return auditingFailure(
    ctx,
    {
      eventType: 'api_key.created',
      resourceType: 'api_key',
      resourceId: key.id,
      tenantId,
      payload: { name: input.name },
    },
    async () => {
      const name = parseName(input.name);
      if (
        input.projectId &&
        !(await ctx.db.project.findFirst({ where: { id: input.projectId, tenantId } }))
      ) {
        throw notFound('Project');
      }
      const actorType = input.actorType ?? 'api_key';
      const apiKey = await writeAudited(
        ctx,
        ctx.db.apiKey.create({
          data: {
            id: key.id,
            tenantId,
            projectId: input.projectId ?? null,
            name,
            actorType,
            secretHash: hashSecret(key.secret),
          },
        }),
        [
          {
            eventType: 'api_key.created',
            resourceType: 'api_key',
            resourceId: key.id,
            tenantId,
            projectId: input.projectId ?? null,
            payload: { name, actorType, projectId: input.projectId ?? null },
          },
        ],
      );
      return { apiKey, secret: key.token };
    },
  );
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: RequestContext, id: string) {
  const viewer = ctx.viewer;
  const key = await ctx.db.apiKey.findUnique({ where: { id } });
  if (!key) throw notFound('API key');
  const tenantId = await managedTenantId(ctx, key.tenantId);
  if (key.revokedAt) return key;
  return writeAudited(
    ctx,
    ctx.db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } }),
    [
      {
        eventType: 'api_key.revoked',
        resourceType: 'api_key',
        resourceId: id,
        tenantId,
        projectId: key.projectId,
        payload: { name: key.name, revokedBy: viewer?.actorId ?? null },
      },
    ],
  );
}
