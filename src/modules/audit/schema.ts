import { builder } from '../../schema/builder.ts';
import { countedConnection } from '../../schema/connections.ts';
import { pipe, filter as filterStream } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { AuditEvent, Prisma } from '../../generated/prisma/client.ts';
import type { RequestContext } from '../../http/context.ts';
import type { ActorType as ActorTypeName } from '../../auth/viewer.ts';
import { matchesWhere } from '../../db/filters.ts';
import * as audit from './service.ts';

const enumValues = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<Uppercase<T>, { value: T }>;

export const ResourceType = builder.enumType('ResourceType', {
  description: 'What an audit event is about. See docs/audit.md.',
  values: enumValues(audit.RESOURCE_TYPES),
});
const ActorType = builder.enumType('ActorType', { values: enumValues(audit.ACTOR_TYPES) });
const AuditOutcome = builder.enumType('AuditOutcome', { values: enumValues(audit.OUTCOMES) });

const AuditEventRef = builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  nullable: true,
  description: 'One state change in Switchboard: who did what to which resource, and whether it succeeded.',
  fields: (t) => ({
    id: t.exposeID('id'),
    eventType: t.exposeString('eventType', { description: '`<resource>.<verb>`, e.g. `api_key.revoked`.' }),
    actorType: t.field({ type: ActorType, resolve: (event) => event.actorType as ActorTypeName }),
    actorId: t.exposeString('actorId'),
    resourceType: t.field({ type: ResourceType, resolve: (event) => event.resourceType as audit.ResourceType }),
    resourceId: t.exposeString('resourceId'),
    tenantId: t.exposeID('tenantId'),
    correlationId: t.exposeString('correlationId', {
      description: 'Shared by every event of one request (X-Correlation-Id) and what it set off.',
    }),
    causationId: t.exposeString('causationId', { nullable: true, description: 'The audit event that caused this one.' }),
    outcome: t.field({ type: AuditOutcome, resolve: (event) => event.outcome as audit.Outcome }),
    payload: t.expose('payload', { type: 'JSON' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
  }),
});

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  fields: (t) => ({
    eventType: t.string(),
    resourceType: t.field({ type: ResourceType }),
    resourceId: t.string(),
    actorId: t.string(),
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

const KeyCount = builder.objectRef<audit.KeyCount>('AuditKeyCount').implement({
  fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
});
const AuditAggregate = builder
  .objectRef<Awaited<ReturnType<typeof audit.aggregateAuditEvents>>>('AuditAggregate')
  .implement({
    fields: (t) => ({
      byActorType: t.expose('byActorType', { type: [KeyCount] }),
      byEventType: t.expose('byEventType', { type: [KeyCount] }),
      byResourceType: t.expose('byResourceType', { type: [KeyCount] }),
      total: t.exposeInt('total'),
    }),
  });
const ActorStats = builder.objectRef<audit.ActorStats>('AuditActorStats').implement({
  fields: (t) => ({
    actorId: t.exposeString('actorId'),
    actorType: t.field({ type: ActorType, resolve: (stats) => stats.actorType as ActorTypeName }),
    successes: t.exposeInt('successes'),
    failures: t.exposeInt('failures'),
    total: t.exposeInt('total'),
  }),
});

const AuditEventConnection = countedConnection(AuditEventRef, 'AuditEventConnection');

/** Paging and total count over the audit events that a filter built from a field's arguments selects. */
function auditPage<Args>(filterOf: (args: Args) => audit.AuditFilter, order: 'asc' | 'desc') {
  return {
    totalCount: (_connection: unknown, args: Args, ctx: RequestContext) =>
      ctx.db.auditEvent.count({ where: audit.auditWhere(filterOf(args)) }),
    resolve: (query: Prisma.AuditEventFindManyArgs, _root: unknown, args: Args, ctx: RequestContext) =>
      ctx.db.auditEvent.findMany({ ...query, where: audit.auditWhere(filterOf(args)), orderBy: { seq: order } }),
  };
}

builder.queryFields((t) => {
  return {
    auditEvents: t.prismaConnection({
      type: 'AuditEvent',
      cursor: 'seq',
      description: 'Audit events, newest first.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: AuditEventFilter }) },
      ...auditPage((args: { filter?: audit.AuditFilter | null }) => args.filter ?? {}, 'desc'),
    }, AuditEventConnection),
    auditEventsByCorrelation: t.prismaConnection({
      type: 'AuditEvent',
      cursor: 'seq',
      description: 'Everything one request set off, in the order it happened.',
      authScopes: { tenant: true },
      args: { correlationId: t.arg.string({ required: true }) },
      ...auditPage((args: { correlationId: string }) => ({ correlationId: args.correlationId }), 'asc'),
    }, AuditEventConnection),
    auditEventsByResource: t.prismaConnection({
      type: 'AuditEvent',
      cursor: 'seq',
      description: "One resource's history, newest first.",
      authScopes: { tenant: true },
      args: { resourceType: t.arg({ type: ResourceType, required: true }), resourceId: t.arg.string({ required: true }) },
      ...auditPage((args: audit.AuditFilter) => ({ resourceType: args.resourceType, resourceId: args.resourceId }), 'desc'),
    }, AuditEventConnection),
    auditEvent: t.prismaField({
      type: 'AuditEvent',
      nullable: true,
      authScopes: { tenant: true },
      args: { id: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) => ctx.db.auditEvent.findUnique({ ...query, where: { id: args.id.toString() } }),
    }),
    auditAggregate: t.field({
      type: AuditAggregate,
      authScopes: { tenant: true },
      args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
      resolve: (_root, args, ctx) => audit.aggregateAuditEvents(ctx, args),
    }),
    auditStatsByActor: t.field({
      type: [ActorStats],
      authScopes: { tenant: true },
      args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
      resolve: (_root, args, ctx) => audit.auditStatsByActor(ctx, args),
    }),
  };
});

builder.subscriptionFields((t) => ({
  auditEventRecorded: t.prismaField({
    type: 'AuditEvent',
    description: "Each audit event of the caller's tenant as it is recorded, on any server instance.",
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: AuditEventFilter }) },
    subscribe: (_root, args, ctx) => {
      const where = audit.auditWhere(args.filter ?? {});
      return pipe(
        ctx.services.bus.subscribe('auditEventRecorded', requireScope(ctx), ctx.services.shutdownSignal),
        filterStream((event: AuditEvent) => matchesWhere(event, where)),
      );
    },
    resolve: (_query, event) => event,
  }),
}));
