import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.ts';
import { z } from 'zod';
import { missingKey } from '../../auth/require.ts';
import { newApiKey, hashSecret } from '../../auth/secrets.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { EVERY_TENANT } from '../../kernel/bus/index.ts';
import { apiKeyCreated, apiKeyRevoked, projectCreated, tenantCreated } from './events.ts';

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
async function managedTenantId(
  ctx: RequestContext,
  tenantId?: string | null,
  // Inside a unit of work, its transaction: the embedded database has one connection.
  db: Pick<Prisma.TransactionClient, 'tenant'> = ctx.db,
): Promise<string> {
  const viewer = ctx.viewer;
  if (!viewer) throw missingKey();
  if (viewer.kind === 'admin') {
    if (!tenantId)
      throw badInput('tenantId is required with the admin key', [
        { path: ['tenantId'], message: 'is required' },
      ]);
    if (!(await db.tenant.findUnique({ where: { id: tenantId } }))) throw notFound('Tenant');
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
  return work(ctx, async (uow) => {
    const tenant = await uow.tx.tenant.create({ data: { id, name } });
    uow.emit(tenantCreated, { name }, { resourceId: id, tenantId: id, projectId: null });
    return tenant;
  });
}

export async function createProject(
  ctx: RequestContext,
  input: { tenantId?: string | null; name: string },
) {
  const tenantId = await managedTenantId(ctx, input.tenantId);
  const id = randomUUID();
  return work(
    ctx,
    async (uow) => {
      const name = parseName(input.name);
      if (await uow.tx.project.findFirst({ where: { tenantId, name } })) {
        throw new AppError('CONFLICT', `A project named "${name}" already exists`);
      }
      const project = await uow.tx.project.create({ data: { id, tenantId, name } });
      uow.emit(projectCreated, { name }, { resourceId: id, tenantId, projectId: id });
      return project;
    },
    { refusal: { event: projectCreated, resourceId: id, tenantId, projectId: null } },
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
  const projectId = input.projectId ?? null;
  const apiKey = await work(
    ctx,
    async (uow) => {
      const name = parseName(input.name);
      if (projectId && !(await uow.tx.project.findFirst({ where: { id: projectId, tenantId } }))) {
        throw notFound('Project');
      }
      const actorType = input.actorType ?? 'api_key';
      const created = await uow.tx.apiKey.create({
        data: {
          id: key.id,
          tenantId,
          projectId,
          name,
          actorType,
          secretHash: hashSecret(key.secret),
        },
      });
      uow.emit(
        apiKeyCreated,
        { name, actorType, projectId },
        { resourceId: key.id, tenantId, projectId },
      );
      return created;
    },
    { refusal: { event: apiKeyCreated, resourceId: key.id, tenantId, projectId: null } },
  );
  return { apiKey, secret: key.token };
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: RequestContext, id: string) {
  return work(
    ctx,
    async (uow) => {
      const key = await uow.tx.apiKey.findUnique({ where: { id } });
      if (!key) throw notFound('API key');
      const tenantId = await managedTenantId(ctx, key.tenantId, uow.tx);
      if (key.revokedAt) return key;
      const revoked = await uow.tx.apiKey.update({
        where: { id },
        data: { revokedAt: new Date() },
      });
      uow.emit(
        apiKeyRevoked,
        { name: key.name, revokedBy: ctx.viewer?.actorId ?? null },
        { resourceId: id, tenantId, projectId: key.projectId },
      );
      // Every instance's authenticator forgets the key it may have cached.
      uow.publish('apiKeyRevoked', EVERY_TENANT, { keyId: id, projectId: key.projectId });
      return revoked;
    },
    { refusal: { event: apiKeyRevoked, resourceId: id } },
  );
}
