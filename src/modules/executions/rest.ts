import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requireScope } from '../../auth/require.ts';
import { httpStatusOf } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { body, json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { EXAMPLE_ID, exampleString, idField, timestampField } from '../../rest/fields.ts';
import { errorHeaders, type ErrorFormat } from '../../rest/problem.ts';
import { followJournal } from './journal.ts';
import { valuesOf } from '../../kernel/bus/feed.ts';
import { approveToolCall } from './approvals.ts';
import * as executions from './service.ts';

export const EXECUTIONS_REST_PREFIX = '/run/api/executions';

/** Reference 001's error body, `{"error": "..."}`, for every path under `/run/api/`. */
export const executionsErrorFormat: ErrorFormat = {
  pathPrefix: '/run/api/',
  respond: (c, error) =>
    c.json({ error: error.message }, httpStatusOf[error.code] as 400, errorHeaders(error)),
};

const errorBody = z
  .object({ error: exampleString('Execution not found') })
  .openapi('ExecutionError');
const eventStream = (description: string) => ({
  description,
  headers: {
    'X-Execution-Id': {
      schema: { type: 'string' as const, format: 'uuid', example: EXAMPLE_ID },
      description: 'The execution’s id',
    },
  },
  content: {
    'text/event-stream': {
      schema: z.string().openapi({
        description: '`id: <seq>`, `event: <type>`, `data: <JSON>` per journal entry',
        example:
          'id: 1\nevent: status_changed\ndata: {"seq":1,"type":"status_changed","status":"running","createdAt":"2026-01-15T09:30:00.000Z"}\n\n',
      }),
    },
  },
});
const errors = {
  400: json(errorBody, 'Invalid request'),
  401: json(errorBody, 'Missing or invalid API key'),
  404: json(errorBody, 'Not found'),
};
const route = routeDeclarer('Executions');
const executionPath = z.object({ executionId: idField() });

const createExecutionRoute = route({
  method: 'post',
  path: EXECUTIONS_REST_PREFIX,
  operationId: 'createExecution',
  summary: 'Create durable agent execution',
  description:
    'Queues the execution and streams its journal until it ends. A client that disconnects does not stop it.',
  request: body(executions.createExecutionSchema, {
    agentId: 'support-bot',
    conversationId: 'conv-42',
    messages: [{ role: 'user', content: 'Where is my order A-1001?' }],
  }),
  responses: { 200: eventStream('The execution’s events'), ...errors },
});
const statusRoute = route({
  method: 'get',
  path: `${EXECUTIONS_REST_PREFIX}/{executionId}`,
  operationId: 'getExecution',
  summary: 'Get execution status',
  request: { params: executionPath },
  responses: {
    200: json(
      z
        .object({
          agentId: idField(),
          conversationId: exampleString('conv-42'),
          createdAt: timestampField(),
          id: idField(),
          status: z.enum(['queued', 'running', 'suspended', 'completed', 'failed', 'cancelled']),
          updatedAt: timestampField(),
        })
        .openapi('ExecutionStatus'),
      'The execution',
    ),
    ...errors,
  },
});
const approvalRoute = route({
  method: 'post',
  path: `${EXECUTIONS_REST_PREFIX}/{executionId}/approvals/{toolCallId}`,
  operationId: 'approveToolCall',
  summary: 'Approve or deny a tool call',
  request: {
    params: executionPath.extend({ toolCallId: exampleString('call_8fK2mQ') }),
    ...body(
      z.object({
        approved: z.boolean(),
        reason: z.string().max(2000).optional().openapi({ example: 'Refund under the limit' }),
      }),
    ),
  },
  responses: {
    200: json(z.object({ success: z.literal(true) }), 'Recorded (or the same decision again)'),
    409: json(errorBody, 'A contrary decision was made'),
    ...errors,
  },
});
const streamRoute = route({
  method: 'get',
  path: `${EXECUTIONS_REST_PREFIX}/{executionId}/stream`,
  operationId: 'streamExecution',
  summary: 'Reconnect to execution stream',
  description:
    'Replays the journal after `Last-Event-ID` (or `startIndex`), then continues live until the execution ends.',
  request: {
    params: executionPath,
    query: z.object({ startIndex: z.coerce.number().int().min(0).optional() }),
    headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }),
  },
  responses: { 200: eventStream('The execution’s events'), ...errors },
});

/** The journal after `after` as server-sent events, until the run ends or the client goes away. */
function journalStream(c: Context, ctx: RequestContext, executionId: string, after: number) {
  c.header('X-Execution-Id', executionId);
  return streamSSE(c, async (stream) => {
    const gone = new AbortController();
    stream.onAbort(() => gone.abort());
    const signal = AbortSignal.any([gone.signal, ctx.services.shutdownSignal]);
    // A run waiting (for an approval, a slow model) sends nothing: comments keep proxies from cutting the stream.
    const keepAlive = setInterval(
      () => void stream.write(': keep-alive\n\n'),
      ctx.services.config.SSE_KEEPALIVE_MS,
    );
    try {
      for await (const step of followJournal(
        ctx.services.query,
        ctx.services.bus,
        requireScope(ctx),
        executionId,
        after,
        signal,
      )) {
        for (const entry of valuesOf(step)) {
          await stream.writeSSE({
            id: String(entry.seq),
            event: entry.type,
            data: JSON.stringify({
              seq: entry.seq,
              type: entry.type,
              ...entry.data,
              createdAt: entry.createdAt,
            }),
          });
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
  });
}

/** Reference 001's routes (the HTTP app requires a tenant key before any of them). */
export const executionRoutes = restRouter()
  .openapi(createExecutionRoute, async (c) => {
    const ctx = c.get('requestContext');
    const execution = await executions.createExecution(ctx, c.req.valid('json'));
    return journalStream(c, ctx, execution.id, 0) as never;
  })
  .openapi(statusRoute, async (c) => {
    const ctx = c.get('requestContext');
    const execution = await executions.getExecution(ctx, c.req.valid('param').executionId);
    const conversation = await ctx.db.conversation.findUniqueOrThrow({
      where: { id: execution.conversationRef },
    });
    return c.json(
      {
        agentId: execution.agentId,
        conversationId: conversation.conversationId,
        createdAt: execution.createdAt.toISOString(),
        id: execution.id,
        status: execution.status as 'queued',
        updatedAt: execution.updatedAt.toISOString(),
      },
      200,
    );
  })
  .openapi(approvalRoute, async (c) => {
    const { executionId, toolCallId } = c.req.valid('param');
    const { approved, reason } = c.req.valid('json');
    return c.json(
      await approveToolCall(c.get('requestContext'), {
        executionId,
        toolCallId,
        approved,
        reason,
      }),
      200,
    );
  })
  .openapi(streamRoute, async (c) => {
    const ctx = c.get('requestContext');
    const execution = await executions.getExecution(ctx, c.req.valid('param').executionId);
    const after = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').startIndex ?? 0;
    return journalStream(c, ctx, execution.id, after) as never;
  });
