import { randomUUID } from 'node:crypto';
import { Prisma, type AuditEvent } from '../../generated/prisma/client.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
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

export interface AuditEntry {
  /** `<resource>.<verb in the past tense>`, e.g. `api_key.revoked`. */
  eventType: `${ResourceType}.${string}`;
  resourceType: ResourceType;
  resourceId: string;
  outcome?: Outcome;
  payload?: Prisma.InputJsonObject;
  causationId?: string;
  /** Needed only where the caller acts outside a tenant scope (the admin key). */
  tenantId?: string;
  projectId?: string | null;
}

/** The row for one audit entry, attributed to the request's actor and correlation id. */
export function auditRow(ctx: RequestContext, entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  const tenantId = entry.tenantId ?? ctx.scope?.tenantId;
  if (!tenantId) throw new Error(`audit entry ${entry.eventType} has no tenant`);
  return {
    id: randomUUID(),
    tenantId,
    projectId: entry.projectId ?? ctx.scope?.projectId ?? null,
    eventType: entry.eventType,
    actorType: (ctx.actor ?? ctx.viewer)?.actorType ?? 'system',
    actorId: (ctx.actor ?? ctx.viewer)?.actorId ?? 'anonymous',
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    correlationId: ctx.correlationId,
    causationId: entry.causationId ?? null,
    outcome: entry.outcome ?? 'success',
    payload: entry.payload ?? {},
    occurredAt: new Date(),
  };
}

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

export function publishAuditEvents(ctx: RequestContext, events: AuditEvent[]) {
  for (const event of events) ctx.services.bus.publish('auditEventRecorded', event.tenantId, event);
}

/**
 * Runs a write and inserts its audit events in one transaction, then publishes them.
 * The resource ids are chosen before the write so the audit rows can name them.
 */
export async function writeAudited<T>(
  ctx: RequestContext,
  write: Prisma.PrismaPromise<T>,
  entries: AuditEntry[],
): Promise<T> {
  const [result, audited] = await ctx.db.$transaction([
    write,
    ctx.db.auditEvent.createManyAndReturn({ data: entries.map((entry) => auditRow(ctx, entry)) }),
  ]);
  publishAuditEvents(ctx, audited);
  return result;
}

/**
 * Runs `work` in an interactive transaction; the audit entries it records go in at the end of that
 * transaction and are published once it commits. For writes that decide as they go (get-or-create).
 */
export async function inAuditedTransaction<T>(
  ctx: RequestContext,
  work: (tx: Prisma.TransactionClient, record: (entry: AuditEntry) => void) => Promise<T>,
): Promise<T> {
  const [result, audited] = await ctx.db.$transaction(async (tx) => {
    const entries: AuditEntry[] = [];
    const value = await work(tx, (entry) => entries.push(entry));
    const rows = entries.map((entry) => auditRow(ctx, entry));
    if (!rows.length) return [value, [] as AuditEvent[]] as const;
    const inserted = await tx.$queryRaw<{ id: string; seq: bigint }[]>`
      INSERT INTO "AuditEvent" ${auditColumns} SELECT ${auditValues} FROM ${auditRecordset(rows)} RETURNING id, seq`;
    const seqs = new Map(inserted.map((row) => [row.id, row.seq]));
    return [value, rows.map((row) => ({ ...row, seq: seqs.get(row.id!)! }) as AuditEvent)] as const;
  });
  publishAuditEvents(ctx, audited);
  return result;
}

/**
 * Runs a state change; when the caller's request is refused (an AppError), records a `failure`
 * audit event with the reason before passing the error on.
 */
export async function auditingFailure<T>(
  ctx: RequestContext,
  entry: AuditEntry,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof AppError && (entry.tenantId ?? ctx.scope)) {
      const failure = auditRow(ctx, {
        ...entry,
        outcome: 'failure',
        payload: { ...entry.payload, error: { code: error.code, message: error.message } },
      });
      const recorded = await ctx.db.auditEvent.create({ data: failure });
      publishAuditEvents(ctx, [recorded]);
    }
    throw error;
  }
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
