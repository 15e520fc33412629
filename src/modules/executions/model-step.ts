import type { Execution, Prisma } from '../../generated/prisma/client.ts';
import type { Services } from '../../kernel/context.ts';
import { work, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import type { RunConfig, ToolConfig } from '../agents/run-config.ts';
import { modelCalled, toolCallApprovalRequested } from './events.ts';
import { causeOf, endRun, journal, RunStopped, StreamedJournal, type Run } from './lease.ts';
import {
  modelProviderOf,
  type ChatMessage,
  type ModelChunk,
  type ToolCallRequest,
} from './models.ts';

export const toolOf = (config: RunConfig, name: string): ToolConfig | undefined =>
  config.tools.find((tool) => tool.name === name);

/**
 * What the run has done so far, from the conversation's messages and the journal; `untouched` when
 * no step of it has started (it has no tool call and no streamed entry to read).
 */
export async function loadState(
  services: Services,
  run: Pick<Run, 'execution' | 'config'>,
  untouched = false,
) {
  const { prisma } = services;
  const { execution, config } = run;
  const [messages, toolCalls, started] = await Promise.all([
    prisma.conversationMessage.findMany({
      where: { conversationRef: execution.conversationRef },
      orderBy: { seq: 'asc' },
    }),
    untouched
      ? []
      : prisma.executionToolCall.findMany({
          where: { executionId: execution.id, status: { not: 'completed' } },
          orderBy: { createdAt: 'asc' },
        }),
    untouched
      ? null
      : prisma.executionEvent.findFirst({
          where: { executionId: execution.id, type: { in: ['text_delta', 'tool_call'] } },
          orderBy: { seq: 'desc' },
        }),
  ]);
  const chat: ChatMessage[] = [
    ...(config.systemPrompt ? [{ role: 'system' as const, content: config.systemPrompt }] : []),
    ...messages.map((message) => ({
      role: message.role as ChatMessage['role'],
      content: message.content,
      toolCalls: (message.toolCalls as ToolCallRequest[] | null) ?? undefined,
      toolCallId: message.toolCallId ?? undefined,
    })),
  ];
  const completedSteps = messages.filter(
    (message) => message.executionId === execution.id && message.role === 'assistant',
  ).length;
  return {
    messages: chat,
    pending: toolCalls,
    completedSteps,
    startedSteps: ((started?.data as { step?: number }) ?? {}).step ?? 0,
  };
}

interface ModelAnswer {
  text: string;
  toolCalls: ToolCallRequest[];
  usage: Extract<ModelChunk, { type: 'usage' }> | null;
}

/**
 * One model call, streamed to the journal; the step completes with the assistant message, its
 * tool calls and their approval requests stored in one unit of work, which also ends the run when
 * the model asked for no tool. Every call, answered or not, is announced as
 * `execution.model_called` with the facts the runner has.
 */
export async function callModel(
  services: Services,
  run: Run,
  step: number,
  messages: ChatMessage[],
): Promise<ModelAnswer> {
  const provider = await modelProviderOf(run.config, services, run.execution.tenantId);
  const started = performance.now();
  const answer: ModelAnswer = { text: '', toolCalls: [], usage: null };
  const called = (uow: UnitOfWork, error: string | null) =>
    uow.emit(
      modelCalled,
      {
        executionId: run.execution.id,
        step,
        agentId: run.execution.agentId,
        agentVersionId: run.execution.agentVersionId,
        agentName: run.execution.agentName,
        agentVersionName: run.execution.agentVersionName,
        conversationId: run.execution.conversationId,
        provider: provider.provider,
        model: answer.usage?.model ?? provider.model,
        inputTokens: answer.usage?.promptTokens ?? null,
        outputTokens: answer.usage?.completionTokens ?? null,
        latencyMs: performance.now() - started,
        finishReason:
          answer.usage?.finishReason ??
          (error ? null : answer.toolCalls.length ? 'tool_calls' : 'stop'),
        toolCalls: answer.toolCalls.map(({ id, name, arguments: args }) => ({
          id,
          name,
          arguments: args as Prisma.JsonValue,
        })),
        error,
      },
      { resourceId: run.execution.id, causationId: causeOf(run) },
    );
  try {
    await streamAnswer(services, run, provider, step, messages, answer);
  } catch (error) {
    if (!(error instanceof RunStopped))
      await work(run.ctx, async (uow) => void called(uow, (error as Error).message));
    throw error;
  }
  // An answer without a streamed piece ends the step after the start, too.
  await run.started;
  await work(run.ctx, async (uow) => {
    await completeStep(run, uow, answer);
    called(uow, null);
    // An answer without tool calls is the run's last: it ends with the step that gave it.
    if (!answer.toolCalls.length) await endRun(uow, run, 'completed');
  });
  return answer;
}

async function streamAnswer(
  services: Services,
  run: Run,
  provider: Awaited<ReturnType<typeof modelProviderOf>>,
  step: number,
  messages: ChatMessage[],
  answer: ModelAnswer,
) {
  const { outbound, config: settings } = services;
  const fetch = outbound.fetcher({
    timeoutMs: settings.MODEL_TIMEOUT_MS,
    maxBytes: settings.MODEL_RESPONSE_MAX_BYTES,
  });
  const signal = AbortSignal.timeout(settings.MODEL_TIMEOUT_MS);
  const streamed = new StreamedJournal(run);
  try {
    for await (const chunk of provider.stream({
      step,
      messages,
      tools: run.config.tools,
      signal,
      fetch,
    })) {
      if (chunk.type === 'text') {
        answer.text += chunk.text;
        await streamed.append({ type: 'text_delta', data: { step, text: chunk.text } });
      } else if (chunk.type === 'usage') {
        answer.usage = chunk;
      } else {
        const { type: _type, ...call } = chunk;
        answer.toolCalls.push(call);
        await streamed.append({
          type: 'tool_call',
          data: { step, toolCallId: call.id, name: call.name, arguments: call.arguments },
        });
      }
    }
  } finally {
    // What the model sent before it failed is journaled too, as when each piece was awaited.
    await streamed.flush();
  }
  // The OpenAI client ends an aborted stream quietly: a cut answer must not pass for a whole one.
  if (signal.aborted)
    throw new Error(`The model did not finish answering within ${settings.MODEL_TIMEOUT_MS} ms`);
}

/** The assistant message and its tool calls; those that need approval are requested. */
async function completeStep(run: Run, uow: UnitOfWork, answer: ModelAnswer) {
  const { execution, config } = run;
  const expiresAt = new Date(Date.now() + config.approvalTimeoutSeconds * 1000);
  await storeMessage(uow.tx, execution, {
    role: 'assistant',
    content: answer.text,
    toolCalls: answer.toolCalls.length
      ? (answer.toolCalls as unknown as Prisma.InputJsonArray)
      : undefined,
  });
  const rows = answer.toolCalls.map((call) => {
    if (!toolOf(config, call.name)?.requiresApproval)
      return { call, status: 'ready' as const, expiresAt: null, approvalRequestedEventId: null };
    const approvalRequestedEventId = uow.emit(
      toolCallApprovalRequested,
      {
        executionId: execution.id,
        agentId: execution.agentId,
        toolCallId: call.id,
        name: call.name,
        arguments: call.arguments as Prisma.JsonValue,
        expiresAt,
      },
      { resourceId: `${execution.id}:${call.id}`, causationId: causeOf(run) },
    );
    return { call, status: 'pending_approval' as const, expiresAt, approvalRequestedEventId };
  });
  await uow.tx.executionToolCall.createMany({
    data: rows.map(({ call, ...row }) => ({
      executionId: execution.id,
      toolCallId: call.id,
      name: call.name,
      arguments: call.arguments as Prisma.InputJsonObject,
      ...row,
    })),
  });
  const requests = rows.filter((row) => row.approvalRequestedEventId);
  if (requests.length)
    await journal(
      run,
      uow,
      requests.map(({ call }) => ({
        type: 'approval_requested' as const,
        data: {
          toolCallId: call.id,
          name: call.name,
          arguments: call.arguments,
          expiresAt: expiresAt.toISOString(),
        },
      })),
    );
}

/** A message the run adds to its conversation: the step (or tool call) it completes. */
export function storeMessage(
  tx: Prisma.TransactionClient,
  execution: Execution,
  message: Pick<
    Prisma.ConversationMessageUncheckedCreateInput,
    'role' | 'content' | 'toolCalls' | 'toolCallId'
  >,
) {
  const { tenantId, projectId, conversationRef, id: executionId } = execution;
  return tx.conversationMessage.create({
    data: { tenantId, projectId, conversationRef, executionId, ...message },
  });
}
