import { z } from 'zod';
import { defineEvent, jsonValue } from '../../kernel/events.ts';

const outcome = z.object({
  executionId: z.string(),
  agentId: z.string(),
  status: z.enum(['completed', 'failed', 'cancelled']),
  error: z.string().nullable(),
});
export type ExecutionOutcome = z.infer<typeof outcome>;

const finished = (status: ExecutionOutcome['status'], description: string) =>
  defineEvent({
    name: `execution.${status}`,
    description,
    resourceType: 'execution',
    payload: outcome,
    webhook: true,
    route: (execution) => ({ agentId: execution.agentId }),
    example: {
      executionId: '3f1c2b7e-8d1a-4e5b-9c0d-6a7b8c9d0e1f',
      agentId: 'a1b2c3d4-0000-4000-8000-000000000001',
      status,
      error: status === 'failed' ? 'The model provider answered 500' : null,
    },
  });

/** The end of a run: the triggers module ends the invocation that started it. */
export const executionCompleted = finished('completed', 'An execution finished its run.');
export const executionFailed = finished('failed', 'An execution stopped with an error.');
export const executionCancelled = finished('cancelled', 'An execution was cancelled.');
export const executionFinishedEvents = [executionCompleted, executionFailed, executionCancelled];

/**
 * One call of the runner to a model provider, with the facts the runner has: the telemetry module
 * records it as an LLM event (no provider payload is fabricated for it).
 */
export const modelCalled = defineEvent({
  name: 'execution.model_called',
  description: 'An execution called its model once (one step of its run).',
  resourceType: 'execution',
  payload: z.object({
    executionId: z.string(),
    step: z.number().int(),
    agentId: z.string(),
    agentVersionId: z.string(),
    agentName: z.string(),
    agentVersionName: z.string(),
    conversationId: z.string(),
    provider: z.string(),
    model: z.string(),
    inputTokens: z.number().int().nullable(),
    outputTokens: z.number().int().nullable(),
    latencyMs: z.number(),
    finishReason: z.string().nullable(),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: jsonValue() })),
    error: z.string().nullable(),
  }),
  webhook: false,
  example: {
    executionId: '3f1c2b7e-8d1a-4e5b-9c0d-6a7b8c9d0e1f',
    step: 1,
    agentId: 'a1b2c3d4-0000-4000-8000-000000000001',
    agentVersionId: 'b2c3d4e5-0000-4000-8000-000000000002',
    agentName: 'support',
    agentVersionName: 'v1',
    conversationId: 'conv_42',
    provider: 'openai-compatible',
    model: 'gpt-4.1-mini',
    inputTokens: 812,
    outputTokens: 64,
    latencyMs: 930,
    finishReason: 'stop',
    toolCalls: [],
    error: null,
  },
});

const executionExample = {
  executionId: '3f1c2b7e-8d1a-4e5b-9c0d-6a7b8c9d0e1f',
  agentId: 'a1b2c3d4-0000-4000-8000-000000000001',
};
const executionEvent = <P extends { executionId: string; agentId: string }>(
  verb: string,
  description: string,
  payload: z.ZodType<P>,
  example: P,
) =>
  defineEvent({
    name: `execution.${verb}`,
    description,
    resourceType: 'execution',
    payload,
    webhook: false,
    route: (execution) => ({ agentId: execution.agentId }),
    example,
  });

export const executionCreated = executionEvent(
  'created',
  'An execution was queued (by a caller, or by a trigger’s webhook: then caused by trigger.invoked).',
  z.object({
    executionId: z.string(),
    agentId: z.string(),
    agentVersion: z.string(),
    conversationId: z.string(),
  }),
  { ...executionExample, agentVersion: 'v1', conversationId: 'conv_42' },
);
export const executionStarted = executionEvent(
  'started',
  'A worker took the run up: first, or again after a crash, a lapsed lease or an approval.',
  z.object({ executionId: z.string(), agentId: z.string(), claim: z.number().int() }),
  { ...executionExample, claim: 1 },
);
export const executionSuspended = executionEvent(
  'suspended',
  'The run waits for tool call approvals; no worker holds it.',
  z.object({ executionId: z.string(), agentId: z.string(), waitingApprovals: z.number().int() }),
  { ...executionExample, waitingApprovals: 1 },
);
export const executionResumed = executionEvent(
  'resumed',
  'The last approval the run waited for was decided: it is queued again.',
  z.object({ executionId: z.string(), agentId: z.string() }),
  executionExample,
);

const toolCallExample = { ...executionExample, toolCallId: 'call_1_1', name: 'refund' };
const toolCallEvent = <P extends { executionId: string; agentId: string; toolCallId: string }>(
  verb: string,
  description: string,
  payload: z.ZodType<P>,
  example: P,
  webhook = false,
) =>
  defineEvent({
    name: `tool_call.${verb}`,
    description,
    resourceType: 'tool_call',
    payload,
    webhook,
    // An execution's tool call events reach ordered endpoints in order.
    route: (call) => ({ agentId: call.agentId, orderKey: call.executionId }),
    example,
  });
const toolCall = {
  executionId: z.string(),
  agentId: z.string(),
  toolCallId: z.string(),
  name: z.string(),
};

export const toolCallApprovalRequested = toolCallEvent(
  'approval_requested',
  'A tool call waits for approveToolCall; the run suspends until it is decided or expires.',
  z.object({ ...toolCall, arguments: jsonValue(), expiresAt: z.date() }),
  {
    ...toolCallExample,
    arguments: { amount: 10 },
    expiresAt: new Date('2026-12-01T09:00:00.000Z'),
  },
  true,
);
const decision = z.object({ ...toolCall, reason: z.string().nullable(), expired: z.boolean() });
export const toolCallApproved = toolCallEvent(
  'approved',
  'A tool call waiting for approval was approved.',
  decision,
  { ...toolCallExample, reason: null, expired: false },
);
export const toolCallDenied = toolCallEvent(
  'denied',
  'A tool call waiting for approval was denied, or its request expired.',
  decision,
  { ...toolCallExample, reason: 'Not allowed', expired: false },
);
export const toolCallExecuted = toolCallEvent(
  'executed',
  'A tool call ran (a denied one answers the model with its denial); its result is stored.',
  z.object({ ...toolCall, isError: z.boolean() }),
  { ...toolCallExample, isError: false },
);

export const executionsModuleEvents = [
  executionCreated,
  executionStarted,
  executionSuspended,
  executionResumed,
  ...executionFinishedEvents,
  modelCalled,
  toolCallApprovalRequested,
  toolCallApproved,
  toolCallDenied,
  toolCallExecuted,
];
