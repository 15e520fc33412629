import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import { scopeFilter } from '../../db/scoped.ts';
import type { Prisma, WebhookDelivery } from '../../generated/prisma/client.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, pageWithCount } from '../../schema/connections.ts';
import * as deliveries from './service.ts';
import { WebhookEventTypeName } from './event-types-schema.ts';

const DeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a delivery is.',
  values: {
    PENDING: { value: 'pending', description: 'Not delivered yet; an attempt is due.' },
    SUCCEEDED: { value: 'succeeded', description: 'The endpoint answered 2xx.' },
    FAILED: { value: 'failed', description: 'Every attempt failed; no more are scheduled.' },
  } as const,
});

builder.prismaNode('WebhookEndpoint', {
  id: { field: 'id' },
  nullable: true,
  description:
    'Where Switchboard pushes events, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`).',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    description: t.exposeString('description', { nullable: true }),
    eventTypes: t.exposeStringList('eventTypes'),
    appEventTypes: t.exposeStringList('appEventTypes', {
      description: 'For event.created: the app event types wanted (none: all).',
    }),
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
    trigger: t.exposeString('trigger', {
      description: '`scheduled`, `manual` (redeliver) or `replay` (recoverEndpoint).',
    }),
    requestHeaders: t.expose('requestHeaders', { type: 'JSON' }),
    requestBody: t.exposeString('requestBody'),
    responseStatus: t.exposeInt('responseStatus', { nullable: true }),
    responseBody: t.exposeString('responseBody', {
      nullable: true,
      description: 'At most OUTBOUND_KEEP_BYTES (64 KiB by default) of it.',
    }),
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
    messageId: t.exposeString('messageId', {
      description:
        'The `webhook-id` receivers deduplicate on; the same for every endpoint of one event.',
    }),
    eventType: t.exposeString('eventType', {
      description: 'The event type, e.g. `execution.completed`.',
    }),
    resourceId: t.exposeString('resourceId', { nullable: true }),
    payload: t.expose('payload', { type: 'JSON' }),
    status: t.field({
      type: DeliveryStatus,
      description: 'Where the delivery is.',
      resolve: (delivery) => delivery.status,
    }),
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
    description:
      'An endpoint with its signing secret, right after it was created or its secret rotated.',
    fields: (t) => ({
      endpoint: t.prismaField({
        type: 'WebhookEndpoint',
        description: 'The endpoint, without its secret.',
        resolve: (_query, payload) => payload.endpoint,
      }),
      secret: t.exposeString('secret', {
        description: 'The `whsec_…` signing secret, shown this once.',
      }),
    }),
  });

type InputFields = Parameters<NonNullable<Parameters<typeof builder.inputType>[1]['fields']>>[0];
const endpointFields = (t: InputFields) => ({
  url: t.string({ description: 'Where deliveries are POSTed (http or https).' }),
  description: t.string({ description: 'What the endpoint is for.' }),
  eventTypes: t.field({ type: [WebhookEventTypeName], description: 'The event types delivered.' }),
  appEventTypes: t.stringList({
    description: 'For EVENT_CREATED: the app event types wanted (none: all).',
  }),
  agentId: t.id({ description: 'Only events of this agent, when set.' }),
  headers: t.field({ type: 'JSONObject', description: 'Static headers sent with every delivery.' }),
  enabled: t.boolean({ description: 'Whether deliveries are sent.' }),
  orderedByResource: t.boolean({ description: 'Deliver events about one resource in order.' }),
});
const CreateEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: 'A new outbound webhook endpoint.',
  fields: (t) => ({
    ...endpointFields(t),
    url: t.string({ required: true, description: 'Where deliveries are POSTed (http or https).' }),
    eventTypes: t.field({
      type: [WebhookEventTypeName],
      required: true,
      description: 'The event types delivered.',
    }),
  }),
});
const UpdateEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  description: 'Changes to an endpoint; absent fields stay.',
  fields: (t) => endpointFields(t),
});
const DeliveryFilter = builder.inputType('WebhookDeliveryFilter', {
  description: 'Which deliveries to include; absent fields do not filter.',
  fields: (t) => ({
    endpointId: t.id({ description: 'Only deliveries to this endpoint.' }),
    status: t.field({ type: DeliveryStatus, description: 'Only deliveries with this status.' }),
    eventType: t.string({ description: 'Only deliveries of this event type.' }),
  }),
});

/** GraphQL leaves unsent input fields out; explicit nulls clear them, as PATCH does. */
const sent = <T extends object>(input: T) =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
const filterOf = (
  filter?: {
    endpointId?: string | number | null;
    status?: deliveries.DeliveryStatus | null;
    eventType?: string | null;
  } | null,
) => deliveries.deliveryWhere({ ...filter, endpointId: filter?.endpointId?.toString() });

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaField({
    type: ['WebhookEndpoint'],
    description: 'The caller’s outbound webhook endpoints.',
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.webhookEndpoint.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
  webhookDeliveries: t.prismaConnection(
    {
      type: 'WebhookDelivery',
      cursor: 'seq',
      description: 'Deliveries, newest first, with their attempts.',
      authScopes: { tenant: true },
      args: {
        filter: t.arg({ type: DeliveryFilter, description: 'Which deliveries to include.' }),
      },
      ...pageWithCount(
        (args: { filter?: Parameters<typeof filterOf>[0] }, ctx) =>
          ctx.db.webhookDelivery.count({ where: filterOf(args.filter) }),
        (query: Prisma.WebhookDeliveryFindManyArgs, args, ctx) =>
          ctx.db.webhookDelivery.findMany({
            ...query,
            where: filterOf(args.filter),
            orderBy: { seq: 'desc' },
          }),
      ),
    },
    DeliveryConnection,
  ),
}));

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: EndpointWithSecret,
    description:
      'Creates an outbound webhook endpoint; its signing secret is in the answer and never again.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({
        type: CreateEndpointInput,
        required: true,
        description: 'The endpoint’s URL, event types and options.',
      }),
    },
    resolve: (_root, args, ctx) => deliveries.createEndpoint(ctx, sent(args.input)),
  }),
  updateWebhookEndpoint: t.prismaField({
    type: 'WebhookEndpoint',
    description: 'Changes the fields sent; enabling clears why it was disabled.',
    authScopes: { tenant: true },
    args: {
      id: t.arg.id({ required: true, description: 'The endpoint’s id.' }),
      changes: t.arg({
        type: UpdateEndpointInput,
        required: true,
        description: 'The fields to change; the others stay.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      deliveries.updateEndpoint(ctx, args.id.toString(), sent(args.changes)),
  }),
  deleteWebhookEndpoint: t.prismaField({
    type: 'WebhookEndpoint',
    description: 'Deletes an endpoint with its deliveries.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true, description: 'The endpoint’s id.' }) },
    resolve: (_query, _root, args, ctx) => deliveries.deleteEndpoint(ctx, args.id.toString()),
  }),
  rotateWebhookEndpointSecret: t.field({
    type: EndpointWithSecret,
    description:
      'A new secret; the old one keeps signing (a second signature) for `graceSeconds` (default a day).',
    authScopes: { tenant: true },
    args: {
      id: t.arg.id({ required: true, description: 'The endpoint’s id.' }),
      graceSeconds: t.arg.int({ description: 'How long the old secret keeps signing.' }),
    },
    resolve: (_root, args, ctx) =>
      deliveries.rotateEndpointSecret(ctx, args.id.toString(), args.graceSeconds ?? undefined),
  }),
  redeliver: t.prismaField({
    type: 'WebhookDelivery',
    description: 'Sends a delivery again now, as a manual attempt.',
    authScopes: { tenant: true },
    args: { deliveryId: t.arg.id({ required: true, description: 'The delivery to send again.' }) },
    resolve: (_query, _root, args, ctx) => deliveries.redeliver(ctx, args.deliveryId.toString()),
  }),
  recoverEndpoint: t.int({
    description:
      'Re-enables the endpoint and sends again what failed to it between `since` and `until` (default now), as replays; answers how many.',
    authScopes: { tenant: true },
    args: {
      endpointId: t.arg.id({ required: true, description: 'The endpoint to recover.' }),
      since: t.arg({
        type: 'DateTime',
        required: true,
        description: 'Failed deliveries from then (inclusive).',
      }),
      until: t.arg({ type: 'DateTime', description: 'Up to then (exclusive); default now.' }),
    },
    resolve: (_root, args, ctx) =>
      deliveries.recoverEndpoint(ctx, args.endpointId.toString(), {
        since: args.since,
        until: args.until,
      }),
  }),
}));

builder.subscriptionFields((t) => ({
  webhookDeliveryUpdated: t.prismaField({
    type: 'WebhookDelivery',
    description: 'A webhook endpoint’s deliveries after each attempt, from any instance.',
    authScopes: { tenant: true },
    args: {
      endpointId: t.arg.id({
        required: true,
        description: 'The endpoint whose deliveries to follow.',
      }),
    },
    subscribe: async (_root, args, ctx) => {
      const endpoint = await deliveries.getEndpoint(ctx, args.endpointId.toString());
      return pipe(
        ctx.services.bus.subscribe(
          'webhookDeliveryUpdated',
          requireScope(ctx),
          ctx.services.shutdownSignal,
        ),
        filterStream((delivery: WebhookDelivery) => delivery.endpointId === endpoint.id),
      );
    },
    resolve: (_query, delivery) => delivery,
  }),
}));
