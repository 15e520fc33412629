import { z } from '@hono/zod-openapi';
import type { AppEvent } from '../../generated/prisma/client.ts';
import { body, json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { exampleString, idField, timestampField } from '../../rest/fields.ts';
import { problemResponses } from '../../rest/problem.ts';
import { logEventInputSchema, logValidEvents } from './service.ts';

const eventSchema = z
  .object({
    id: exampleString('evt_01HZX3K9Q2'),
    type: exampleString('checkout.completed'),
    agentId: idField().nullable(),
    conversationId: exampleString('conv-42').nullable(),
    messageId: exampleString('msg-7').nullable(),
    properties: z.record(z.string(), z.unknown()).nullable(),
    userProperties: z.record(z.string(), z.unknown()).nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    serverMetadata: z.record(z.string(), z.unknown()),
    createdAt: timestampField(),
    updatedAt: timestampField(),
  })
  .openapi('AppEvent');

const logged = (description: string) => json(z.object({ data: eventSchema }), description);

const logEventRoute = routeDeclarer('Events')({
  method: 'post',
  path: '/run/v1/events',
  operationId: 'logEvent',
  summary: 'Log Event',
  description:
    'Application-level event ingest. A repeated client `id` returns the stored event with 200.',
  request: body(logEventInputSchema, {
    id: 'evt_01HZX3K9Q2',
    type: 'checkout.completed',
    conversationId: 'conv-42',
    properties: { orderId: 'A-1001', total: 42.5 },
  }),
  responses: {
    200: logged('The event was logged before with this id; nothing was written'),
    201: logged('The event was logged'),
    ...problemResponses([400, 401, 403, 409, 413, 429], {
      400: 'Invalid event',
      401: 'Missing or invalid API key',
      403: 'The key may not log events',
      409: 'The id is taken in another project',
      413: 'Body too large',
      429: 'Rate limit exceeded',
    }),
  },
});

function toRestEvent(event: AppEvent): z.infer<typeof eventSchema> {
  return {
    id: event.id,
    type: event.type,
    agentId: event.agentId,
    conversationId: event.conversationId,
    messageId: event.messageId,
    properties: event.properties as Record<string, unknown> | null,
    userProperties: event.userProperties as Record<string, unknown> | null,
    metadata: event.metadata as Record<string, unknown> | null,
    serverMetadata: event.serverMetadata as Record<string, unknown>,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}

export const eventRoutes = restRouter().openapi(logEventRoute, async (c) => {
  // The route's validator parsed the body with the service's own schema.
  const [{ event, created }] = await logValidEvents(c.get('requestContext'), [c.req.valid('json')]);
  return c.json({ data: toRestEvent(event) }, created ? 201 : 200);
});
