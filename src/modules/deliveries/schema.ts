import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import { scopeFilter } from '../../db/scoped.ts';
import type { WebhookDelivery } from '../../generated/prisma/client.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection } from '../../schema/connections.ts';
import * as deliveries from './service.ts';

const DeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  values: { PENDING: { value: 'pending' }, SUCCEEDED: { value: 'succeeded' }, FAILED: { value: 'failed' } } as const,
});

builder.prismaNode('WebhookEndpoint', {
  id: { field: 'id' },
  nullable: true,
  description: 'Where Switchboard pushes events, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`).',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    description: t.exposeString('description', { nullable: true }),
    eventTypes: t.exposeStringList('eventTypes'),
    appEventTypes: t.exposeStringList('appEventTypes', { description: 'For event.created: the app event types wanted (none: all).' }),
    agentId: t.exposeID('agentId', { nullable: true }),
    headers: t.expose('headers', { type: 'JSON' }),
    enabled: t.exposeBoolean('enabled'),
    orderedByResource: t.exposeBoolean('orderedByResource'),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    failingSince: t.expose('failingSince', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaNode('WebhookAttempt', {
  id: { field: 'id' },
  // Attempts carry no tenant column: a node lookup is confined through their delivery.
  findUnique: (id, ctx) => ({ id, delivery: scopeFilter('WebhookDelivery', requireScope(ctx)) }),
  nullable: true,
  fields: (t) => ({
    number: t.exposeInt('number'),
    trigger: t.exposeString('trigger', { description: '`scheduled`, `manual` (redeliver) or `replay` (recoverEndpoint).' }),
    requestHeaders: t.expose('requestHeaders', { type: 'JSON' }),
    requestBody: t.exposeString('requestBody'),
    responseStatus: t.exposeInt('responseStatus', { nullable: true }),
    responseBody: t.exposeString('responseBody', { nullable: true, description: 'At most OUTBOUND_KEEP_BYTES (64 KiB by default) of it.' }),
    error: t.exposeString('error', { nullable: true }),
    durationMs: t.exposeInt('durationMs'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const DeliveryRef = builder.prismaNode('WebhookDelivery', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    messageId: t.exposeString('messageId', { description: 'The `webhook-id` receivers deduplicate on; the same for every endpoint of one event.' }),
    eventType: t.exposeString('eventType'),
    resourceId: t.exposeString('resourceId', { nullable: true }),
    payload: t.expose('payload', { type: 'JSON' }),
    status: t.field({ type: DeliveryStatus, resolve: (delivery) => delivery.status as 'pending' | 'succeeded' | 'failed' }),
    attemptCount: t.exposeInt('attemptCount'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    endpoint: t.relation('endpoint'),
    attempts: t.relation('attempts', { query: { orderBy: { number: 'asc' } } }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
const DeliveryConnection = countedConnection(DeliveryRef, 'WebhookDeliveryConnection');

const EndpointWithSecret = builder
  .objectRef<Awaited<ReturnType<typeof deliveries.createEndpoint>>>('WebhookEndpointWithSecret')
  .implement({
    fields: (t) => ({
      endpoint: t.prismaField({ type: 'WebhookEndpoint', resolve: (_query, payload) => payload.endpoint }),
      secret: t.exposeString('secret', { description: 'The `whsec_…` signing secret, shown this once.' }),
    }),
  });

const EventType = builder.enumType('WebhookEventType', {
  values: Object.fromEntries(deliveries.DELIVERY_EVENT_TYPES.map((type) => [type.replace(/\./g, '_').toUpperCase(), { value: type }])) as Record<string, { value: deliveries.DeliveryEventType }>,
});

type InputFields = Parameters<NonNullable<Parameters<typeof builder.inputType>[1]['fields']>>[0];
const endpointFields = (t: InputFields) => ({
  url: t.string(),
  description: t.string(),
  eventTypes: t.field({ type: [EventType] }),
  appEventTypes: t.stringList(),
  agentId: t.id(),
  headers: t.field({ type: 'JSONObject', description: 'Static headers sent with every delivery.' }),
  enabled: t.boolean(),
  orderedByResource: t.boolean({ description: 'Deliver events about one resource in order.' }),
});
const CreateEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  fields: (t) => ({ ...endpointFields(t), url: t.string({ required: true }), eventTypes: t.field({ type: [EventType], required: true }) }),
});
const UpdateEndpointInput = builder.inputType('UpdateWebhookEndpointInput', { fields: (t) => endpointFields(t) });
const DeliveryFilter = builder.inputType('WebhookDeliveryFilter', {
  fields: (t) => ({ endpointId: t.id(), status: t.field({ type: DeliveryStatus }), eventType: t.string() }),
});

/** GraphQL leaves unsent input fields out; explicit nulls clear them, as PATCH does. */
const sent = <T extends object>(input: T) => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
const filterOf = (filter?: { endpointId?: string | number | null; status?: string | null; eventType?: string | null } | null) =>
  deliveries.deliveryWhere({ ...filter, endpointId: filter?.endpointId?.toString() });

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaField({
    type: ['WebhookEndpoint'],
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) => ctx.db.webhookEndpoint.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
  webhookDeliveries: t.prismaConnection(
    {
      type: 'WebhookDelivery',
      cursor: 'seq',
      description: 'Deliveries, newest first, with their attempts.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: DeliveryFilter }) },
      totalCount: (_connection, args, ctx) => ctx.db.webhookDelivery.count({ where: filterOf(args.filter) }),
      resolve: (query, _root, args, ctx) => ctx.db.webhookDelivery.findMany({ ...query, where: filterOf(args.filter), orderBy: { seq: 'desc' } }),
    },
    DeliveryConnection,
  ),
}));

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: EndpointWithSecret,
    authScopes: { tenant: true },
    args: { input: t.arg({ type: CreateEndpointInput, required: true }) },
    resolve: (_root, args, ctx) => deliveries.createEndpoint(ctx, sent(args.input)),
  }),
  updateWebhookEndpoint: t.prismaField({
    type: 'WebhookEndpoint',
    description: 'Changes the fields sent; enabling clears why it was disabled.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true }), changes: t.arg({ type: UpdateEndpointInput, required: true }) },
    resolve: (_query, _root, args, ctx) => deliveries.updateEndpoint(ctx, args.id.toString(), sent(args.changes)),
  }),
  deleteWebhookEndpoint: t.prismaField({
    type: 'WebhookEndpoint',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_query, _root, args, ctx) => deliveries.deleteEndpoint(ctx, args.id.toString()),
  }),
  rotateWebhookEndpointSecret: t.field({
    type: EndpointWithSecret,
    description: 'A new secret; the old one keeps signing (a second signature) for `graceSeconds` (default a day).',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true }), graceSeconds: t.arg.int() },
    resolve: (_root, args, ctx) => deliveries.rotateEndpointSecret(ctx, args.id.toString(), args.graceSeconds ?? undefined),
  }),
  redeliver: t.prismaField({
    type: 'WebhookDelivery',
    description: 'Sends a delivery again now, as a manual attempt.',
    authScopes: { tenant: true },
    args: { deliveryId: t.arg.id({ required: true }) },
    resolve: (_query, _root, args, ctx) => deliveries.redeliver(ctx, args.deliveryId.toString()),
  }),
  recoverEndpoint: t.int({
    description: 'Re-enables the endpoint and sends again what failed to it between `since` and `until` (default now), as replays; answers how many.',
    authScopes: { tenant: true },
    args: { endpointId: t.arg.id({ required: true }), since: t.arg({ type: 'DateTime', required: true }), until: t.arg({ type: 'DateTime' }) },
    resolve: (_root, args, ctx) => deliveries.recoverEndpoint(ctx, args.endpointId.toString(), { since: args.since, until: args.until }),
  }),
}));

builder.subscriptionFields((t) => ({
  webhookDeliveryUpdated: t.prismaField({
    type: 'WebhookDelivery',
    description: 'A webhook endpoint’s deliveries after each attempt, from any instance.',
    authScopes: { tenant: true },
    args: { endpointId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const endpoint = await deliveries.getEndpoint(ctx, args.endpointId.toString());
      return pipe(
        ctx.services.bus.subscribe('webhookDeliveryUpdated', requireScope(ctx), ctx.services.shutdownSignal),
        filterStream((delivery: WebhookDelivery) => delivery.endpointId === endpoint.id),
      );
    },
    resolve: (_query, delivery) => delivery,
  }),
}));
