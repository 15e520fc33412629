import { Prisma } from '../../generated/prisma/client.ts';
import { notFound } from '../../kernel/errors.ts';
import { dateRange } from '../../db/filters.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { ActorType } from '../../auth/viewer.ts';

/**
 * What an audit event can be about. Stored as text; each later module adds its own
 * (trigger, execution, tool_call, ...). Documented in docs/audit.md.
 */
export const RESOURCE_TYPES = [
  'tenant',
  'project',
  'api_key',
  'app_event',
  'fingerprint',
  'person',
  'session',
  'agent',
  'agent_version',
  'llm_event',
  'execution',
  'tool_call',
  'trigger',
  'trigger_invocation',
  'credential',
  'webhook_endpoint',
  'webhook_delivery',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const ACTOR_TYPES = [
  'user',
  'api_key',
  'system',
  'webhook',
] as const satisfies readonly ActorType[];
export const OUTCOMES = ['success', 'failure'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The audit table's columns, for statements that insert audit rows given as JSON (`auditRecordset`). */
export const auditColumns = Prisma.sql`(id, "tenantId", "projectId", "eventType", "actorType", "actorId", "resourceType",
  "resourceId", "correlationId", "causationId", outcome, payload, "occurredAt")`;
export const auditValues = Prisma.sql`a.id, a."tenantId", a."projectId", a."eventType", a."actorType", a."actorId",
  a."resourceType", a."resourceId", a."correlationId", a."causationId", a.outcome, a.payload, a."occurredAt"`;

/** Audit rows as a table `a` of one JSON parameter: one round trip whatever their number. */
export function auditRecordset(rows: Prisma.AuditEventCreateManyInput[]) {
  return Prisma.sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS a(
    id text, "tenantId" text, "projectId" text, "eventType" text, "actorType" text, "actorId" text,
    "resourceType" text, "resourceId" text, "correlationId" text, "causationId" text, outcome text, payload jsonb,
    "occurredAt" timestamp(3))`;
}

export interface AuditFilter {
  eventType?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  actorId?: string | null;
  correlationId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** The Prisma condition for a filter; `to` is exclusive. */
export function auditWhere(filter: AuditFilter = {}): Prisma.AuditEventWhereInput {
  return {
    eventType: filter.eventType ?? undefined,
    resourceType: filter.resourceType ?? undefined,
    resourceId: filter.resourceId ?? undefined,
    actorId: filter.actorId ?? undefined,
    correlationId: filter.correlationId ?? undefined,
    occurredAt: dateRange(filter.from, filter.to),
  };
}

/**
 * One page, newest first, with the total. Oldest first (by correlation) is also cause before
 * effect: an event is recorded only once its cause has committed, so each event comes after the
 * one its `causationId` names and a client can draw the chain as a tree in one pass.
 */
export async function listAuditEvents(
  ctx: RequestContext,
  filter: AuditFilter,
  page: { limit: number; offset: number },
  order: 'newest' | 'oldest' = 'newest',
) {
  const where = auditWhere(filter);
  const direction = order === 'newest' ? 'desc' : 'asc';
  const [events, total] = await Promise.all([
    ctx.db.auditEvent.findMany({
      where,
      orderBy: { seq: direction },
      take: page.limit,
      skip: page.offset,
    }),
    ctx.db.auditEvent.count({ where }),
  ]);
  return { events, total, hasNext: page.offset + events.length < total, ...page };
}

export async function getAuditEvent(ctx: RequestContext, id: string) {
  const event = await ctx.db.auditEvent.findUnique({ where: { id } });
  if (!event) throw notFound('Audit event');
  return event;
}

export interface KeyCount {
  key: string;
  count: number;
}

/** Counts by actor type, event type and resource type, computed by the database. */
export async function aggregateAuditEvents(
  ctx: RequestContext,
  range: { from?: Date | null; to?: Date | null },
) {
  const where = auditWhere(range);
  const countBy = async (
    field: 'actorType' | 'eventType' | 'resourceType',
  ): Promise<KeyCount[]> => {
    const groups = await ctx.db.auditEvent.groupBy({
      by: [field],
      where,
      _count: { _all: true },
    });
    return groups
      .map((group) => ({ key: group[field] as string, count: group._count._all }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  const [byActorType, byEventType, byResourceType, total] = await Promise.all([
    countBy('actorType'),
    countBy('eventType'),
    countBy('resourceType'),
    ctx.db.auditEvent.count({ where }),
  ]);
  return { byActorType, byEventType, byResourceType, total };
}

export interface ActorStats {
  actorId: string;
  actorType: string;
  successes: number;
  failures: number;
  total: number;
}

export async function auditStatsByActor(
  ctx: RequestContext,
  range: { from?: Date | null; to?: Date | null },
) {
  const groups = await ctx.db.auditEvent.groupBy({
    by: ['actorId', 'actorType', 'outcome'],
    where: auditWhere(range),
    _count: { _all: true },
    orderBy: [{ actorId: 'asc' }, { actorType: 'asc' }],
  });
  const byActor = new Map<string, ActorStats>();
  for (const group of groups) {
    const key = `${group.actorType}:${group.actorId}`;
    const stats = byActor.get(key) ?? {
      actorId: group.actorId,
      actorType: group.actorType,
      successes: 0,
      failures: 0,
      total: 0,
    };
    if (group.outcome === 'success') stats.successes += group._count._all;
    else stats.failures += group._count._all;
    stats.total += group._count._all;
    byActor.set(key, stats);
  }
  return [...byActor.values()].sort(
    (a, b) => b.total - a.total || a.actorId.localeCompare(b.actorId),
  );
}
