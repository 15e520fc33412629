import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../kernel/errors.ts';
import { modelColumns } from './model-columns.ts';

/** The part of Switchboard's data a caller may see: one tenant, and optionally one of its projects. */
export interface Scope {
  tenantId: string;
  projectId: string | null;
}

const hasField = (model: string, field: string) => modelColumns.get(model)?.has(field) ?? false;

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
export function scopeFilter(model: string, scope: Scope): Record<string, string> {
  if (model === 'Tenant') return { id: scope.tenantId };
  if (model === 'Project' && scope.projectId)
    return { tenantId: scope.tenantId, id: scope.projectId };
  const filter: Record<string, string> = {};
  if (hasField(model, 'tenantId')) filter.tenantId = scope.tenantId;
  if (scope.projectId && hasField(model, 'projectId')) filter.projectId = scope.projectId;
  return filter;
}

/**
 * `where` confined to `filter`. A condition of `where` on a scope column (a tenant's own id, say)
 * is kept beside the scope's, not overwritten by it: another tenant's id must find nothing.
 */
function scopedWhere(where: Record<string, unknown> | undefined, filter: Record<string, string>) {
  const named = Object.keys(filter).filter(
    (column) => where?.[column] !== undefined && where[column] !== filter[column],
  );
  if (!named.length) return { ...where, ...filter };
  const kept = Object.fromEntries(named.map((column) => [column, where![column]]));
  const and = where!.AND === undefined ? [] : Array.isArray(where!.AND) ? where!.AND : [where!.AND];
  return { ...where, ...filter, AND: [...and, kept] };
}

/** Scoped clients of each base client, by scope: extending a client costs more than a request should. */
const scopedClients = new WeakMap<PrismaClient, LRUCache<string, PrismaClient>>();
const MAX_SCOPED_CLIENTS = 1_000;

/**
 * A Prisma client that can only read and write inside `scope`: every query of a tenant-owned model
 * gets the scope's conditions in its `where`, and every create gets them in its data. This is the
 * one place tenant isolation is applied; the request context hands it to services and Pothos.
 * Built once per scope and kept (it holds nothing but the scope).
 */
export function scopedClient(prisma: PrismaClient, scope: Scope): PrismaClient {
  let clients = scopedClients.get(prisma);
  if (!clients) {
    clients = new LRUCache<string, PrismaClient>({ max: MAX_SCOPED_CLIENTS });
    scopedClients.set(prisma, clients);
  }
  const key = `${scope.tenantId}/${scope.projectId ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = extendWithScope(prisma, { tenantId: scope.tenantId, projectId: scope.projectId });
    clients.set(key, client);
  }
  return client;
}

function extendWithScope(prisma: PrismaClient, scope: Scope) {
  return prisma.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const filter = scopeFilter(model, scope);
          const scopedArgs = { ...(args as Record<string, unknown>) };
          if (READS_AND_WRITES_BY_WHERE.has(operation)) {
            scopedArgs.where = scopedWhere(
              scopedArgs.where as Record<string, unknown> | undefined,
              filter,
            );
          } else if (CREATES.has(operation)) {
            if (model === 'Tenant')
              throw new AppError('FORBIDDEN', 'Only the admin key creates tenants');
            const data = scopedArgs.data;
            scopedArgs.data = Array.isArray(data)
              ? data.map((row) => ({ ...row, ...filter }))
              : { ...(data as object), ...filter };
          } else if (operation === 'upsert') {
            scopedArgs.where = scopedWhere(
              scopedArgs.where as Record<string, unknown> | undefined,
              filter,
            );
            scopedArgs.create = { ...(scopedArgs.create as object), ...filter };
          }
          return query(scopedArgs as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
