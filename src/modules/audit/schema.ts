import { builder } from '../../schema/builder.ts';
import { countedConnection, pageWithCount } from '../../schema/connections.ts';
import { pipe, filter as filterStream } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { AuditEvent, Prisma } from '../../generated/prisma/client.ts';
import type { ActorType as ActorTypeName } from '../../auth/viewer.ts';
import { matchesWhere } from '../../db/filters.ts';
import { loaderName, withColumns } from '../../db/loaders.ts';
import * as audit from './service.ts';

const enumValues = <T extends string>(values: readonly T[], descriptions: Record<T, string>) =>
  Object.fromEntries(
    values.map((value) => [value.toUpperCase(), { value, description: descriptions[value] }]),
  ) as Record<Uppercase<T>, { value: T; description: string }>;

export const ResourceType = builder.enumType('ResourceType', {
  description: 'What an audit event is about. See docs/audit.md.',
  values: enumValues(audit.RESOURCE_TYPES, {
    tenant: 'A tenant, created with the admin key.',
    project: 'A project of the tenant.',
    api_key: 'An API key: created or revoked.',
    app_event: 'An application event logged by a client.',
    fingerprint: 'A client environment that sends LLM events.',
    agent: 'An agent: created or updated.',
    agent_version: 'A version of an agent, with its run configuration.',
    person: 'An end user of the client application.',
    session: 'A telemetry session of related LLM calls.',
    llm_event: 'An LLM call recorded by a client.',
    execution: 'A durable agent run: created, started, ended.',
    tool_call: 'A tool call of an execution (`<execution>:<tool call>`): approved or denied.',
    credential: 'A credential (signing secret or model API key).',
    trigger: 'A webhook trigger and its invocations.',
    trigger_invocation:
      'One webhook a trigger received: failed when refused or when its run failed.',
    webhook_endpoint: 'An outbound webhook endpoint.',
    webhook_delivery: 'One event sent to one endpoint: its outcome.',
  }),
});
const ActorType = builder.enumType('ActorType', {
  description: 'Who made a change.',
  values: enumValues(audit.ACTOR_TYPES, {
    api_key: 'A service, by its API key.',
    user: 'A person, by the API key issued to them.',
    webhook: 'A trigger’s webhook sender.',
    system: 'Switchboard itself (workers, expiries), or the admin key (actorId `admin`).',
  }),
});
const AuditOutcome = builder.enumType('AuditOutcome', {
  description: 'Whether a change succeeded.',
  values: enumValues(audit.OUTCOMES, {
    success: 'The change was made.',
    failure: 'It was attempted and refused or failed.',
  }),
});

const AuditEventRef = builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  nullable: true,
  description:
    'One state change in Switchboard: who did what to which resource, and whether it succeeded.',
  fields: (t) => ({
    id: t.exposeID('id'),
    eventType: t.exposeString('eventType', {
      description: '`<resource>.<verb>`, e.g. `api_key.revoked`.',
    }),
    actorType: t.field({
      type: ActorType,
      description: 'Who made the change.',
      resolve: (event) => event.actorType as ActorTypeName,
    }),
    actorId: t.exposeString('actorId'),
    resourceType: t.field({
      type: ResourceType,
      description: 'What kind of resource changed.',
      resolve: (event) => event.resourceType as audit.ResourceType,
    }),
    resourceId: t.exposeString('resourceId'),
    tenantId: t.exposeID('tenantId'),
    correlationId: t.exposeString('correlationId', {
      description: 'Shared by every event of one request (X-Correlation-Id) and what it set off.',
    }),
    causationId: t.exposeString('causationId', {
      nullable: true,
      description: 'The audit event that caused this one.',
    }),
    cause: t.prismaField({
      type: 'AuditEvent',
      nullable: true,
      description: 'The audit event that caused this one (`causationId`), when the caller sees it.',
      // A chain's causes, read in one batch per page.
      resolve: (query, event, _args, ctx) =>
        event.causationId
          ? ctx.loaders.load(
              loaderName('AuditEventCause', query),
              event.causationId,
              (ids) =>
                ctx.db.auditEvent.findMany({
                  ...withColumns(query, 'id'),
                  where: { id: { in: ids } },
                }),
              (cause) => cause.id,
            )
          : null,
    }),
    outcome: t.field({
      type: AuditOutcome,
      description: 'Whether the change succeeded.',
      resolve: (event) => event.outcome as audit.Outcome,
    }),
    payload: t.expose('payload', { type: 'JSON' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
  }),
});

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  description: 'Which audit events to include; absent fields do not filter.',
  fields: (t) => ({
    eventType: t.string({ description: 'Only this event type (e.g. `api_key.revoked`).' }),
    resourceType: t.field({
      type: ResourceType,
      description: 'Only events about this kind of resource.',
    }),
    resourceId: t.string({ description: 'Only events about this resource id.' }),
    actorId: t.string({ description: 'Only events by this actor.' }),
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

const KeyCount = builder.objectRef<audit.KeyCount>('AuditKeyCount').implement({
  description: 'How many audit events share one value.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The value (an actor type, event type or resource type).',
    }),
    count: t.exposeInt('count', { description: 'How many events have it.' }),
  }),
});
const AuditAggregate = builder
  .objectRef<Awaited<ReturnType<typeof audit.aggregateAuditEvents>>>('AuditAggregate')
  .implement({
    description: 'Counts of audit events in a time range.',
    fields: (t) => ({
      byActorType: t.expose('byActorType', {
        type: [KeyCount],
        description: 'Counts per actor type.',
      }),
      byEventType: t.expose('byEventType', {
        type: [KeyCount],
        description: 'Counts per event type.',
      }),
      byResourceType: t.expose('byResourceType', {
        type: [KeyCount],
        description: 'Counts per resource type.',
      }),
      total: t.exposeInt('total', { description: 'All events in the range.' }),
    }),
  });
const ActorStats = builder.objectRef<audit.ActorStats>('AuditActorStats').implement({
  description: 'What one actor did in a time range.',
  fields: (t) => ({
    actorId: t.exposeString('actorId', { description: 'Who (for an API key, the key’s id).' }),
    actorType: t.field({
      type: ActorType,
      description: 'The kind of actor.',
      resolve: (stats) => stats.actorType as ActorTypeName,
    }),
    successes: t.exposeInt('successes', { description: 'Changes that succeeded.' }),
    failures: t.exposeInt('failures', { description: 'Changes that failed.' }),
    total: t.exposeInt('total', { description: 'All its changes.' }),
  }),
});

const AuditEventConnection = countedConnection(AuditEventRef, 'AuditEventConnection');

/** Paging and total count over the audit events that a filter built from a field's arguments selects. */
function auditPage<Args extends object>(
  filterOf: (args: Args) => audit.AuditFilter,
  order: 'asc' | 'desc',
) {
  return pageWithCount(
    (args: Args, ctx) => ctx.db.auditEvent.count({ where: audit.auditWhere(filterOf(args)) }),
    (query: Prisma.AuditEventFindManyArgs, args, ctx) =>
      ctx.db.auditEvent.findMany({
        ...query,
        where: audit.auditWhere(filterOf(args)),
        orderBy: { seq: order },
      }),
  );
}

builder.queryFields((t) => {
  return {
    auditEvents: t.prismaConnection(
      {
        type: 'AuditEvent',
        cursor: 'seq',
        description: 'Audit events, newest first.',
        authScopes: { tenant: true },
        args: {
          filter: t.arg({ type: AuditEventFilter, description: 'Which events to include.' }),
        },
        ...auditPage((args: { filter?: audit.AuditFilter | null }) => args.filter ?? {}, 'desc'),
      },
      AuditEventConnection,
    ),
    auditEventsByCorrelation: t.prismaConnection(
      {
        type: 'AuditEvent',
        cursor: 'seq',
        description:
          'Everything one request set off (webhook → invocation → execution → approvals → tool calls → deliveries), in the order it happened: each event after its `cause`, so the chain draws as a tree in one pass.',
        authScopes: { tenant: true },
        args: {
          correlationId: t.arg.string({
            required: true,
            description: 'The request’s X-Correlation-Id.',
          }),
        },
        ...auditPage(
          (args: { correlationId: string }) => ({ correlationId: args.correlationId }),
          'asc',
        ),
      },
      AuditEventConnection,
    ),
    auditEventsByResource: t.prismaConnection(
      {
        type: 'AuditEvent',
        cursor: 'seq',
        description: "One resource's history, newest first.",
        authScopes: { tenant: true },
        args: {
          resourceType: t.arg({
            type: ResourceType,
            required: true,
            description: 'The kind of resource.',
          }),
          resourceId: t.arg.string({ required: true, description: 'The resource’s id.' }),
        },
        ...auditPage(
          (args: audit.AuditFilter) => ({
            resourceType: args.resourceType,
            resourceId: args.resourceId,
          }),
          'desc',
        ),
      },
      AuditEventConnection,
    ),
    auditEvent: t.prismaField({
      type: 'AuditEvent',
      nullable: true,
      description: 'An audit event by id; null when the caller cannot see it.',
      authScopes: { tenant: true },
      args: { id: t.arg.id({ required: true, description: 'The event’s id.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.db.auditEvent.findUnique({ ...query, where: { id: args.id.toString() } }),
    }),
    auditAggregate: t.field({
      type: AuditAggregate,
      description: 'Counts of audit events by actor type, event type and resource type.',
      authScopes: { tenant: true },
      args: {
        from: t.arg({ type: 'DateTime', description: 'Inclusive; default: the beginning.' }),
        to: t.arg({ type: 'DateTime', description: 'Exclusive; default: now.' }),
      },
      resolve: (_root, args, ctx) => audit.aggregateAuditEvents(ctx, args),
    }),
    auditStatsByActor: t.field({
      type: [ActorStats],
      description: 'Successes and failures per actor.',
      authScopes: { tenant: true },
      args: {
        from: t.arg({ type: 'DateTime', description: 'Inclusive; default: the beginning.' }),
        to: t.arg({ type: 'DateTime', description: 'Exclusive; default: now.' }),
      },
      resolve: (_root, args, ctx) => audit.auditStatsByActor(ctx, args),
    }),
  };
});

builder.subscriptionFields((t) => ({
  auditEventRecorded: t.prismaField({
    type: 'AuditEvent',
    description:
      "Each audit event of the caller's tenant as it is recorded, on any server instance.",
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: AuditEventFilter, description: 'Which events to receive.' }) },
    subscribe: (_root, args, ctx) => {
      const where = audit.auditWhere(args.filter ?? {});
      return pipe(
        ctx.services.bus.subscribe(
          'auditEventRecorded',
          requireScope(ctx),
          ctx.services.shutdownSignal,
        ),
        filterStream((event: AuditEvent) => matchesWhere(event, where)),
      );
    },
    resolve: (_query, event) => event,
  }),
}));
