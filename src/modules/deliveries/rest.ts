import { z } from '@hono/zod-openapi';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.ts';
import { body, json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { exampleString, idField, timestampField } from '../../rest/fields.ts';
import { problemResponses } from '../../rest/problem.ts';
import * as deliveries from './service.ts';
import { webhookEventTypes } from './event-types.ts';

const PREFIX = '/run/v1/webhooks';

const problems = problemResponses([400, 401, 404] as const);
const route = routeDeclarer('Webhook delivery');

const endpointSchema = z
  .object({
    id: idField(),
    url: z.url().openapi({ example: 'https://hooks.example.com/switchboard' }),
    description: z.string().nullable(),
    eventTypes: z.array(exampleString('execution.completed')),
    appEventTypes: z.array(exampleString('checkout.completed')),
    agentId: idField().nullable(),
    headers: z.record(z.string(), z.string()).openapi({ example: { 'X-Team': 'payments' } }),
    enabled: z.boolean(),
    orderedByResource: z.boolean(),
    disabledReason: z.string().nullable(),
    createdAt: timestampField(),
  })
  .openapi('WebhookEndpoint');
const deliverySchema = z
  .object({
    id: idField(),
    messageId: exampleString('msg_2b8c1e7d4a4e9ba6c50d1e2f'),
    eventType: exampleString('execution.completed'),
    status: exampleString('pending'),
    attemptCount: z.number(),
    nextAttemptAt: timestampField().nullable(),
    createdAt: timestampField(),
  })
  .openapi('WebhookDelivery');
const idPath = z.object({ id: idField() });

const toRestEndpoint = (endpoint: WebhookEndpoint): z.infer<typeof endpointSchema> => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  eventTypes: endpoint.eventTypes,
  appEventTypes: endpoint.appEventTypes,
  agentId: endpoint.agentId,
  headers: endpoint.headers as Record<string, string>,
  enabled: endpoint.enabled,
  orderedByResource: endpoint.orderedByResource,
  disabledReason: endpoint.disabledReason,
  createdAt: endpoint.createdAt.toISOString(),
});
const toRestDelivery = (delivery: WebhookDelivery): z.infer<typeof deliverySchema> => ({
  id: delivery.id,
  messageId: delivery.messageId,
  eventType: delivery.eventType,
  status: delivery.status,
  attemptCount: delivery.attemptCount,
  nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  createdAt: delivery.createdAt.toISOString(),
});

const listRoute = route({
  method: 'get',
  path: `${PREFIX}/endpoints`,
  operationId: 'listWebhookEndpoints',
  summary: 'List webhook endpoints',
  responses: { 200: json(z.object({ data: z.array(endpointSchema) }), 'Endpoints'), ...problems },
});
const createEndpointRoute = route({
  method: 'post',
  path: `${PREFIX}/endpoints`,
  operationId: 'createWebhookEndpoint',
  summary: 'Create a webhook endpoint',
  description: 'The answer carries the `whsec_…` signing secret, shown this once.',
  request: body(deliveries.createEndpointSchema, {
    url: 'https://hooks.example.com/switchboard',
    description: 'Payments team',
    eventTypes: ['execution.completed', 'execution.failed'],
    headers: { 'X-Team': 'payments' },
  }),
  responses: {
    201: json(
      z.object({
        data: endpointSchema,
        secret: exampleString('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
      }),
      'Created',
    ),
    ...problems,
  },
});
const getRoute = route({
  method: 'get',
  path: `${PREFIX}/endpoints/{id}`,
  operationId: 'getWebhookEndpoint',
  summary: 'Get a webhook endpoint',
  request: { params: idPath },
  responses: { 200: json(z.object({ data: endpointSchema }), 'The endpoint'), ...problems },
});
const updateRoute = route({
  method: 'patch',
  path: `${PREFIX}/endpoints/{id}`,
  operationId: 'updateWebhookEndpoint',
  summary: 'Update a webhook endpoint',
  request: {
    params: idPath,
    ...body(deliveries.updateEndpointSchema, { eventTypes: ['execution.failed'], enabled: true }),
  },
  responses: { 200: json(z.object({ data: endpointSchema }), 'The endpoint'), ...problems },
});
const deleteRoute = route({
  method: 'delete',
  path: `${PREFIX}/endpoints/{id}`,
  operationId: 'deleteWebhookEndpoint',
  summary: 'Delete a webhook endpoint',
  request: { params: idPath },
  responses: { 204: { description: 'Deleted' }, ...problems },
});
const deliveriesRoute = route({
  method: 'get',
  path: `${PREFIX}/deliveries`,
  operationId: 'listWebhookDeliveries',
  summary: 'List deliveries',
  request: {
    query: z.object({
      endpointId: idField().optional(),
      status: z.enum(['pending', 'succeeded', 'failed']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: json(z.object({ data: z.array(deliverySchema) }), 'Deliveries, newest first'),
    ...problems,
  },
});
const redeliverRoute = route({
  method: 'post',
  path: `${PREFIX}/deliveries/{id}/redeliver`,
  operationId: 'redeliverWebhook',
  summary: 'Send a delivery again',
  request: { params: idPath },
  responses: { 202: json(z.object({ data: deliverySchema }), 'Queued'), ...problems },
});
const eventTypeSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    aliases: z.array(z.string()),
    schemas: z.record(z.string(), z.record(z.string(), z.unknown())),
    example: z.unknown(),
  })
  .openapi('WebhookEventType');
const eventTypesRoute = route({
  method: 'get',
  path: `${PREFIX}/event-types`,
  operationId: 'listWebhookEventTypes',
  summary: 'List webhook event types',
  description:
    'Every event an endpoint may subscribe to, with older names (`aliases`), the JSON Schema of the delivered `data` (version `1`) and an example.',
  responses: {
    200: json(z.object({ data: z.array(eventTypeSchema) }), 'Event types, by name'),
    ...problems,
  },
});

/** Webhook endpoint management and the delivery log (the HTTP app requires a tenant key before any of them). */
export const deliveryRoutes = restRouter()
  .openapi(listRoute, async (c) => {
    const endpoints = await c
      .get('requestContext')
      .db.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
    return c.json({ data: endpoints.map(toRestEndpoint) }, 200);
  })
  .openapi(createEndpointRoute, async (c) => {
    const { endpoint, secret } = await deliveries.createEndpoint(
      c.get('requestContext'),
      c.req.valid('json'),
    );
    return c.json({ data: toRestEndpoint(endpoint), secret }, 201);
  })
  .openapi(getRoute, async (c) =>
    c.json(
      {
        data: toRestEndpoint(
          await deliveries.getEndpoint(c.get('requestContext'), c.req.valid('param').id),
        ),
      },
      200,
    ),
  )
  .openapi(updateRoute, async (c) =>
    c.json(
      {
        data: toRestEndpoint(
          await deliveries.updateEndpoint(
            c.get('requestContext'),
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
        ),
      },
      200,
    ),
  )
  .openapi(deleteRoute, async (c) => {
    await deliveries.deleteEndpoint(c.get('requestContext'), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(deliveriesRoute, async (c) => {
    const { endpointId, status, limit } = c.req.valid('query');
    const list = await c.get('requestContext').db.webhookDelivery.findMany({
      where: deliveries.deliveryWhere({ endpointId, status }),
      orderBy: { seq: 'desc' },
      take: limit,
    });
    return c.json({ data: list.map(toRestDelivery) }, 200);
  })
  .openapi(redeliverRoute, async (c) =>
    c.json(
      {
        data: toRestDelivery(
          await deliveries.redeliver(c.get('requestContext'), c.req.valid('param').id),
        ),
      },
      202,
    ),
  )
  .openapi(eventTypesRoute, (c) => {
    const types = webhookEventTypes(c.get('requestContext').services.catalogue);
    const data = types.map(({ name, description, aliases, schema, example }) => ({
      name,
      description,
      aliases,
      schemas: { '1': schema },
      example,
    }));
    return c.json({ data }, 200);
  });
