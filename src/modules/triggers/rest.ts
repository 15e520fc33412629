import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Trigger, TriggerInvocation } from '../../generated/prisma/client.ts';
import { notFound } from '../../kernel/errors.ts';
import type { AppEnv } from '../../rest/kit.ts';
import { body, json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { EXAMPLE_ID, exampleString, idField, timestampField } from '../../rest/fields.ts';
import { pageOf, pageQuery, pagination, projectPath } from '../../rest/manage.ts';
import { problemResponses } from '../../rest/problem.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { findAgent } from '../agents/service.ts';
import * as triggers from './service.ts';

export const MANAGE_PREFIX =
  '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers';

const problems = problemResponses([400, 401, 403, 404, 422] as const);
const route = routeDeclarer('Triggers');

const triggerSchema = z
  .object({
    id: exampleString('github-push'),
    name: exampleString('GitHub push'),
    description: z.string().nullable(),
    enabled: z.boolean(),
    inputSchema: z.unknown(),
    messageTemplate: z.string().nullable(),
    outputTransform: z.unknown(),
    authentication: z.unknown(),
    signatureVerification: z.unknown(),
    signingSecretCredentialReferenceId: idField().nullable(),
    signingSecretCredentialIds: z.array(idField()),
    webhookUrl: z
      .url()
      .openapi({ example: `https://switchboard.example.com/webhooks/${EXAMPLE_ID}` }),
    createdAt: timestampField(),
    updatedAt: timestampField(),
  })
  .openapi('Trigger');
const invocationSchema = z
  .object({
    id: idField(),
    triggerId: exampleString('github-push'),
    status: z.enum(['pending', 'success', 'failed']),
    errorMessage: z.string().nullable(),
    requestPayload: z.unknown(),
    transformedPayload: z.unknown(),
    conversationId: exampleString('conv-42').nullable(),
    executionId: idField().nullable(),
    createdAt: timestampField(),
  })
  .openapi('TriggerInvocation');
const scopePath = projectPath.extend({
  agentId: z.string().openapi({
    description: 'The agent’s id (`agent_id` in /telemetry/v1/agents) or its name',
    example: 'support-bot',
  }),
});
const triggerPath = scopePath.extend({
  id: z
    .string()
    .regex(/^[a-zA-Z0-9\-_.]+$/)
    .min(1)
    .max(255)
    .openapi({ example: 'github-push' }),
});

function toRestTrigger(ctx: RequestContext, trigger: Trigger): z.infer<typeof triggerSchema> {
  return {
    id: trigger.id,
    name: trigger.name,
    description: trigger.description,
    enabled: trigger.enabled,
    inputSchema: trigger.inputSchema,
    messageTemplate: trigger.messageTemplate,
    outputTransform: trigger.outputTransform,
    authentication: triggers.publicAuthentication(trigger.authentication),
    signatureVerification: trigger.signatureVerification,
    signingSecretCredentialReferenceId: trigger.signingSecretCredentialIds[0] ?? null,
    signingSecretCredentialIds: trigger.signingSecretCredentialIds,
    webhookUrl: triggers.webhookUrl(ctx.services, trigger),
    createdAt: trigger.createdAt.toISOString(),
    updatedAt: trigger.updatedAt.toISOString(),
  };
}

export const toRestInvocation = (
  invocation: TriggerInvocation,
  triggerId: string,
): z.infer<typeof invocationSchema> => ({
  id: invocation.id,
  triggerId,
  status: invocation.status as 'pending',
  errorMessage: invocation.errorMessage,
  requestPayload: invocation.requestPayload,
  transformedPayload: triggers.transformedPayloadOf(invocation),
  conversationId: invocation.conversationId,
  executionId: invocation.executionId,
  createdAt: invocation.createdAt.toISOString(),
});

/**
 * The path's agent, by id or by name in the path's project. The path's tenant must be the caller's
 * and its project the agent's (`default` for a tenant-wide agent): anything else reads as missing.
 */
async function scopedAgent(c: Context<AppEnv>, path: z.infer<typeof scopePath>) {
  const ctx = c.get('requestContext');
  const nameSpace = {
    tenantId: path.tenantId,
    projectId: path.projectId === 'default' ? null : path.projectId,
  };
  const agent =
    path.tenantId === ctx.scope?.tenantId ? await findAgent(ctx.db, nameSpace, path.agentId) : null;
  if (
    !agent ||
    agent.tenantId !== ctx.scope?.tenantId ||
    (agent.projectId ?? 'default') !== path.projectId
  )
    throw notFound(`Agent "${path.agentId}"`);
  return { ctx, agentId: agent.id };
}

const listRoute = route({
  method: 'get',
  path: MANAGE_PREFIX,
  operationId: 'listTriggers',
  summary: 'List Triggers',
  request: { params: scopePath, query: z.object(pageQuery) },
  responses: {
    200: json(z.object({ data: z.array(triggerSchema), pagination }), 'Triggers'),
    ...problems,
  },
});
const createTriggerRoute = route({
  method: 'post',
  path: MANAGE_PREFIX,
  operationId: 'createTrigger',
  summary: 'Create Trigger',
  request: {
    params: scopePath,
    ...body(z.record(z.string(), z.unknown()).openapi('CreateTrigger'), {
      id: 'github-push',
      name: 'GitHub push',
      messageTemplate: 'Summarise the push to {{repository.full_name}}',
      // GitHub's signature (sha256, hex: the defaults).
      signatureVerification: {
        signature: { source: 'header', key: 'X-Hub-Signature-256', prefix: 'sha256=' },
        signedComponents: [{ source: 'body' }],
      },
      signingSecretCredentialReferenceId: EXAMPLE_ID,
    }),
  },
  responses: {
    201: json(z.object({ data: triggerSchema }), 'Created'),
    ...problems,
    ...problemResponses([409], { 409: 'The agent has a trigger with this id' }),
  },
});
const getRoute = route({
  method: 'get',
  path: `${MANAGE_PREFIX}/{id}`,
  operationId: 'getTrigger',
  summary: 'Get Trigger',
  request: { params: triggerPath },
  responses: { 200: json(z.object({ data: triggerSchema }), 'The trigger'), ...problems },
});
const updateRoute = route({
  method: 'patch',
  path: `${MANAGE_PREFIX}/{id}`,
  operationId: 'updateTrigger',
  summary: 'Update Trigger',
  description:
    'Changes the fields sent; the others stay. `id` renames the trigger (409 when the agent has one by that id); `agentId` (an id or a name) moves it to another agent of its project. `tenantId`, `projectId`, `createdAt` and `updatedAt` may be sent back unchanged; another value is refused (400 naming the field).',
  request: {
    params: triggerPath,
    ...body(z.record(z.string(), z.unknown()).openapi('UpdateTrigger'), { enabled: false }),
  },
  responses: { 200: json(z.object({ data: triggerSchema }), 'The trigger'), ...problems },
});
const deleteRoute = route({
  method: 'delete',
  path: `${MANAGE_PREFIX}/{id}`,
  operationId: 'deleteTrigger',
  summary: 'Delete Trigger',
  request: { params: triggerPath },
  responses: { 204: { description: 'Deleted' }, ...problems },
});
const rotateRoute = route({
  method: 'post',
  path: `${MANAGE_PREFIX}/{id}/rotate-webhook-url`,
  operationId: 'rotateTriggerWebhookUrl',
  summary: 'Rotate Trigger Webhook URL',
  description:
    'Gives the trigger a new webhookUrl; the old one answers 404 at once. Its invocations stay with it.',
  request: { params: triggerPath },
  responses: {
    200: json(z.object({ data: triggerSchema }), 'The trigger, with its new webhookUrl'),
    ...problems,
  },
});
const invocationsRoute = route({
  method: 'get',
  path: `${MANAGE_PREFIX}/{id}/invocations`,
  operationId: 'listTriggerInvocations',
  summary: 'List Trigger Invocations',
  request: {
    params: triggerPath,
    query: z.object({
      ...pageQuery,
      status: z.enum(['pending', 'success', 'failed']).optional(),
      from: z.iso
        .datetime({ offset: true })
        .optional()
        .openapi({ example: '2026-01-15T00:00:00Z' }),
      to: z.iso.datetime({ offset: true }).optional().openapi({ example: '2026-01-16T00:00:00Z' }),
    }),
  },
  responses: {
    200: json(
      z.object({ data: z.array(invocationSchema), pagination }),
      'Invocations, newest first',
    ),
    ...problems,
  },
});
const invocationRoute = route({
  method: 'get',
  path: `${MANAGE_PREFIX}/{id}/invocations/{invocationId}`,
  operationId: 'getTriggerInvocation',
  summary: 'Get Trigger Invocation',
  request: { params: triggerPath.extend({ invocationId: idField() }) },
  responses: { 200: json(z.object({ data: invocationSchema }), 'The invocation'), ...problems },
});

/** Reference 002's routes (the HTTP app requires a tenant key before any of them). */
export const triggerRoutes = restRouter()
  .openapi(listRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    const { page, limit } = c.req.valid('query');
    const { triggers: list, total } = await triggers.listTriggers(ctx, agentId, { page, limit });
    return c.json(
      {
        data: list.map((trigger) => toRestTrigger(ctx, trigger)),
        pagination: pageOf(page, limit, total),
      },
      200,
    );
  })
  .openapi(createTriggerRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    return c.json(
      { data: toRestTrigger(ctx, await triggers.createTrigger(ctx, agentId, c.req.valid('json'))) },
      201,
    );
  })
  .openapi(getRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    return c.json(
      {
        data: toRestTrigger(ctx, await triggers.getTrigger(ctx, agentId, c.req.valid('param').id)),
      },
      200,
    );
  })
  .openapi(updateRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    return c.json(
      {
        data: toRestTrigger(
          ctx,
          await triggers.updateTrigger(ctx, agentId, c.req.valid('param').id, c.req.valid('json')),
        ),
      },
      200,
    );
  })
  .openapi(deleteRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    await triggers.deleteTrigger(ctx, agentId, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(rotateRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    return c.json(
      {
        data: toRestTrigger(
          ctx,
          await triggers.rotateTriggerWebhookUrl(ctx, agentId, c.req.valid('param').id),
        ),
      },
      200,
    );
  })
  .openapi(invocationsRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    const trigger = await triggers.getTrigger(ctx, agentId, c.req.valid('param').id);
    const { page, limit, status, from, to } = c.req.valid('query');
    const where = {
      webhookKey: trigger.webhookKey,
      ...triggers.invocationWhere({
        status,
        from: from ? new Date(from) : null,
        to: to ? new Date(to) : null,
      }),
    };
    const [list, total] = await Promise.all([
      ctx.db.triggerInvocation.findMany({
        where,
        orderBy: { seq: 'desc' },
        skip: (page - 1) * limit,
        take: limit,
      }),
      ctx.db.triggerInvocation.count({ where }),
    ]);
    return c.json(
      {
        data: list.map((invocation) => toRestInvocation(invocation, trigger.id)),
        pagination: pageOf(page, limit, total),
      },
      200,
    );
  })
  .openapi(invocationRoute, async (c) => {
    const { ctx, agentId } = await scopedAgent(c, c.req.valid('param'));
    const trigger = await triggers.getTrigger(ctx, agentId, c.req.valid('param').id);
    const invocation = await ctx.db.triggerInvocation.findFirst({
      where: { id: c.req.valid('param').invocationId, webhookKey: trigger.webhookKey },
    });
    if (!invocation) throw notFound('Invocation');
    return c.json({ data: toRestInvocation(invocation, trigger.id) }, 200);
  });
