import { createRoute, z } from '@hono/zod-openapi';
import type { AppEvent } from '../../generated/prisma/client.ts';
import { restRouter } from '../../rest/kit.ts';
import { logEvent, logEventInputSchema } from './service.ts';

const problemSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    error: z.object({ code: z.string(), message: z.string() }),
  })
  .openapi('Problem');

const eventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    agentId: z.string().nullable(),
    conversationId: z.string().nullable(),
    messageId: z.string().nullable(),
    properties: z.record(z.string(), z.unknown()).nullable(),
    userProperties: z.record(z.string(), z.unknown()).nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    serverMetadata: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AppEvent');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});
const logged = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({ data: eventSchema }) } },
});

const logEventRoute = createRoute({
  method: 'post',
  path: '/run/v1/events',
  tags: ['Events'],
  summary: 'Log Event',
  description:
    'Application-level event ingest. A repeated client `id` returns the stored event with 200.',
  security: [{ bearerAuth: [] }],
  request: {
    body: { required: true, content: { 'application/json': { schema: logEventInputSchema } } },
  },
  responses: {
    200: logged('The event was logged before with this id; nothing was written'),
    201: logged('The event was logged'),
    400: problem('Invalid event'),
    401: problem('Missing or invalid API key'),
    403: problem('The key may not log events'),
    409: problem('The id is taken in another project'),
    413: problem('Body too large'),
    429: problem('Rate limit exceeded'),
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
  const { event, created } = await logEvent(c.get('requestContext'), c.req.valid('json'));
  return c.json({ data: toRestEvent(event) }, created ? 201 : 200);
});
