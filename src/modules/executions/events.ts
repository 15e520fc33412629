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

export const executionsModuleEvents = [...executionFinishedEvents, modelCalled];
