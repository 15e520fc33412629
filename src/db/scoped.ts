import { getDatamodel } from '../generated/pothos-types.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../errors.ts';

/** The part of Switchboard's data a caller may see: one tenant, and optionally one of its projects. */
export interface Scope {
  tenantId: string;
  projectId: string | null;
}

const models = getDatamodel().datamodel.models;
const hasField = (model: string, field: string) => models[model]?.fields.some((f) => f.name === field) ?? false;

const READS_AND_WRITES_BY_WHERE = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
]);
const CREATES = new Set(['create', 'createMany', 'createManyAndReturn']);

/** The column conditions that confine `model` to `scope`. */
function scopeFilter(model: string, scope: Scope): Record<string, string> {
  if (model === 'Tenant') return { id: scope.tenantId };
  if (model === 'Project' && scope.projectId) return { tenantId: scope.tenantId, id: scope.projectId };
  const filter: Record<string, string> = {};
  if (hasField(model, 'tenantId')) filter.tenantId = scope.tenantId;
  if (scope.projectId && hasField(model, 'projectId')) filter.projectId = scope.projectId;
  return filter;
}

/**
 * A Prisma client that can only read and write inside `scope`: every query of a tenant-owned model
 * gets the scope's conditions in its `where`, and every create gets them in its data. This is the
 * one place tenant isolation is applied; the request context hands it to services and Pothos.
 */
export function scopedClient(prisma: PrismaClient, scope: Scope) {
  return prisma.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const filter = scopeFilter(model, scope);
          const scopedArgs = { ...(args as Record<string, unknown>) };
          if (READS_AND_WRITES_BY_WHERE.has(operation)) {
            scopedArgs.where = { ...(scopedArgs.where as object), ...filter };
          } else if (CREATES.has(operation)) {
            if (model === 'Tenant') throw new AppError('FORBIDDEN', 'Only the admin key creates tenants');
            const data = scopedArgs.data;
            scopedArgs.data = Array.isArray(data) ? data.map((row) => ({ ...row, ...filter })) : { ...(data as object), ...filter };
          } else if (operation === 'upsert') {
            scopedArgs.where = { ...(scopedArgs.where as object), ...filter };
            scopedArgs.create = { ...(scopedArgs.create as object), ...filter };
          }
          return query(scopedArgs as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
