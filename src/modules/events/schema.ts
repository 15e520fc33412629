import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { AppEvent, Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, pageWithCount, sequenceIn } from '../../schema/connections.ts';
import { matchesWhere } from '../../db/filters.ts';
import { countRows, readPageNewestFirst } from '../../db/pages.ts';
import { selectingColumns } from '../../schema/selections.ts';
import * as events from './service.ts';

const AppEventRef = builder.prismaNode('AppEvent', {
  id: { field: 'seq' },
  findUnique: sequenceIn,
  nullable: true,
  description:
    'An application event (reference 000): something that happened in a client application.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The client’s id, or one Switchboard chose. Unique per tenant.',
    }),
    type: t.exposeString('type'),
    agentId: t.exposeString('agentId', { nullable: true }),
    conversationId: t.exposeString('conversationId', { nullable: true }),
    messageId: t.exposeString('messageId', { nullable: true }),
    properties: t.expose('properties', { type: 'JSON', nullable: true }),
    userProperties: t.expose('userProperties', { type: 'JSON', nullable: true }),
    metadata: t.expose('metadata', { type: 'JSON', nullable: true }),
    serverMetadata: t.expose('serverMetadata', {
      type: 'JSON',
      description: 'Set by the server: receivedAt, ip, userAgent, apiKeyId.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const AppEventConnection = countedConnection(AppEventRef, 'AppEventConnection');

const LogEventInput = builder.inputType('LogEventInput', {
  description: 'An application event to log.',
  fields: (t) => ({
    id: t.string({
      description:
        'Makes the call idempotent: a repeat returns the stored event. `^[a-zA-Z0-9-_.]+$`, 1..255.',
    }),
    type: t.string({ required: true, description: 'The event type (e.g. `message.sent`).' }),
    agentId: t.string({ description: 'The agent the event is about, as the client names it.' }),
    conversationId: t.string({ description: 'May name a conversation that does not exist yet.' }),
    messageId: t.string({ description: 'The message the event is about, as the client names it.' }),
    properties: t.field({ type: 'JSONObject', description: 'At most 64 KiB and 100 keys.' }),
    userProperties: t.field({ type: 'JSONObject', description: 'At most 64 KiB and 100 keys.' }),
    metadata: t.field({ type: 'JSONObject', description: 'At most 64 KiB and 100 keys.' }),
  }),
});

const LogEventPayload = builder.objectRef<events.LoggedEvent>('LogEventPayload').implement({
  description: 'The result of logging one event.',
  fields: (t) => ({
    event: t.prismaField({
      type: 'AppEvent',
      description: 'The stored event.',
      resolve: (_query, logged) => logged.event,
    }),
    created: t.exposeBoolean('created', {
      description: 'False when the id had been logged before: nothing was written.',
    }),
  }),
});

const AppEventFilter = builder.inputType('AppEventFilter', {
  description: 'Which application events to include; absent fields do not filter.',
  fields: (t) => ({
    type: t.string({ description: 'Only events of this type.' }),
    agentId: t.string({ description: 'Only events about this agent.' }),
    conversationId: t.string({ description: 'Only events about this conversation.' }),
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

builder.mutationFields((t) => ({
  logEvent: t.field({
    type: LogEventPayload,
    description: 'Logs an application event; a repeated id returns the stored event.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({
        type: LogEventInput,
        required: true,
        description: 'The event’s type, ids and properties.',
      }),
    },
    resolve: (_root, args, ctx) => events.logEvent(ctx, args.input),
  }),
  logEvents: t.field({
    type: [LogEventPayload],
    description: `Logs up to ${events.MAX_BATCH} events in one database round trip; the results are in input order.`,
    authScopes: { tenant: true },
    args: {
      inputs: t.arg({
        type: [LogEventInput],
        required: true,
        description: 'The events, in order.',
      }),
    },
    resolve: (_root, args, ctx) => events.logEvents(ctx, args.inputs),
  }),
}));

builder.queryFields((t) => ({
  appEvents: t.prismaConnection(
    {
      type: 'AppEvent',
      cursor: 'seq',
      description: 'Application events, newest first.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: AppEventFilter, description: 'Which events to include.' }) },
      ...pageWithCount(
        (args: { filter?: events.AppEventFilter | null }, ctx) => {
          const where = events.appEventWhere(args.filter ?? {});
          return countRows(ctx, 'AppEvent', where) ?? ctx.db.appEvent.count({ where });
        },
        (query: Prisma.AppEventFindManyArgs, args, ctx, info) => {
          const narrowed = selectingColumns(query, info, 'seq');
          const where = events.appEventWhere(args.filter ?? {});
          return (
            readPageNewestFirst<AppEvent>(ctx, 'AppEvent', 'seq', narrowed, where) ??
            ctx.db.appEvent.findMany({ ...narrowed, where, orderBy: { seq: 'desc' } })
          );
        },
      ),
    },
    AppEventConnection,
  ),
}));

builder.subscriptionFields((t) => ({
  appEventLogged: t.prismaField({
    type: 'AppEvent',
    description: "Each new event of the caller's tenant, logged on any server instance.",
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: AppEventFilter, description: 'Which events to receive.' }) },
    subscribe: (_root, args, ctx) => {
      const where = events.appEventWhere(args.filter ?? {});
      return pipe(
        ctx.services.bus.subscribe(
          'app_event.logged',
          requireScope(ctx),
          ctx.services.shutdownSignal,
        ),
        filterStream((event: AppEvent) => matchesWhere(event, where)),
      );
    },
    resolve: (_query, event) => event,
  }),
}));
