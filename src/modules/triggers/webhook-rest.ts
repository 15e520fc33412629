import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../kernel/errors.ts';
import type { Services } from '../../kernel/context.ts';
import { json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { exampleString, idField } from '../../rest/fields.ts';
import { problemResponses } from '../../rest/problem.ts';
import { clientIp } from '../../rest/client-ip.ts';
import { declaredBodyLength, requestText } from '../../rest/request-body.ts';
import * as triggers from './service.ts';

// The route webhook senders call: reference 002's one anonymous route.

const route = routeDeclarer('Triggers');
const problems = problemResponses([400, 401, 403, 404, 422] as const);

const webhookRoute = route({
  method: 'post',
  path: '/webhooks/{webhookKey}',
  security: [],
  operationId: 'deliverWebhook',
  summary: 'Deliver a webhook',
  description:
    'A trigger’s webhookUrl. No Switchboard key: the trigger’s authentication and signature checks apply, then its input schema, transform and template. The body is read as sent (signatures cover the raw bytes).',
  request: { params: z.object({ webhookKey: idField('The secret part of the webhookUrl') }) },
  responses: {
    202: json(
      z
        .object({
          invocationId: idField(),
          conversationId: exampleString('conv-42').nullable(),
          executionId: idField().nullable(),
          duplicate: z.boolean(),
        })
        .openapi('WebhookAccepted'),
      'Accepted: the invocation is recorded and its execution, with this id, starts from it (for a repeated delivery id, the first invocation)',
    ),
    ...problems,
    ...problemResponses([413, 429]),
  },
});

/** Webhook senders carry no Switchboard key: the trigger's own checks stand in for it. Their bodies have their own, smaller cap. */
export function webhookRoutes(services: Services) {
  const router = restRouter();
  const limit = services.config.WEBHOOK_MAX_BODY_BYTES;
  const tooLarge = () => {
    throw new AppError('PAYLOAD_TOO_LARGE', `The webhook body exceeds ${limit} bytes`);
  };
  const limitStreamedBody = bodyLimit({ maxSize: limit, onError: tooLarge });
  // A declared length is checked as it is, and the body then read from the socket (requestText):
  // hono/body-limit would make @hono/node-server build a fetch Request around every webhook.
  router.use('/webhooks/*', async (c, next) => {
    const length = declaredBodyLength(c);
    if (length === null) return limitStreamedBody(c, next);
    if (length > limit) tooLarge();
    await next();
  });
  return router.openapi(webhookRoute, async (c) => {
    const rawBody = await requestText(c);
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const incoming = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming;
    const { invocation, created } = await triggers.ingestWebhook(
      services,
      c.req.valid('param').webhookKey,
      {
        headers: c.req.raw.headers,
        rawHeaders: incoming?.rawHeaders ?? [],
        query: new URL(c.req.url).searchParams,
        rawBody,
        body,
      },
      { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null },
    );
    c.header('X-Correlation-Id', invocation.correlationId);
    return c.json(
      {
        invocationId: invocation.id,
        conversationId: invocation.conversationId,
        executionId: invocation.executionId,
        duplicate: !created,
      },
      202,
    );
  });
}
