import { randomUUID } from 'node:crypto';
import type { Execution, ExecutionToolCall, Prisma } from '../../generated/prisma/client.ts';
import { storableJson, storableText } from '../../db/storable.ts';
import { systemContext, type RequestContext, type Services } from '../../kernel/context.ts';
import { claimFailureLogger, PollingLoop } from '../../kernel/polling-loop.ts';
import { inAuditedTransaction } from '../audit/service.ts';
import { runConfigOf, type RunConfig, type ToolConfig } from './config.ts';
import {
  appendJournal,
  publishJournal,
  readJournal,
  type JournalEntry,
  type JournalType,
} from './journal.ts';
import { emitAfterCommit } from '../deliveries/service.ts';
import { createFingerprint, recordLlmEvent } from '../telemetry/service.ts';
import {
  modelProviderOf,
  type ChatMessage,
  type ModelChunk,
  type ToolCallRequest,
} from './models.ts';
import { announceFailedInvocation, setStatus } from './service.ts';
import { inSpan } from '../../kernel/tracing.ts';

export interface RunnerOptions {
  /** How long a claim lasts without a heartbeat; a crashed worker's executions resume after it. */
  leaseMs: number;
  /** How often an idle runner looks for work that another instance queued. */
  pollMs: number;
  /** Executions one process runs at once. */
  concurrency: number;
}

type Journal = (
  entries: { type: JournalType; data?: Record<string, unknown> }[],
  inside?: { tx: Prisma.TransactionClient; outbox: JournalEntry[] },
) => Promise<void>;

/** The run was taken from this worker: cancelled, or its lease lost. Nothing more may be written. */
class RunStopped extends Error {}

/**
 * Claims queued executions (and those whose worker died, and those whose approvals expired) with a
 * lease, runs them, renews the lease while it runs. `FOR UPDATE SKIP LOCKED` hands each execution to
 * one worker; every journal write checks the lease, so a worker that lost it writes nothing more.
 */
export class ExecutionRunner {
  readonly workerId = `worker-${randomUUID()}`;
  private readonly running = new Set<Promise<void>>();
  private readonly loop: PollingLoop;
  private readonly claimFailed: (error: unknown) => void;
  /**
   * What this process runs now: never claimed again by it, even when a late heartbeat let the lease
   * lapse (a second run under the same worker id would pass every lease check and repeat its output).
   */
  private readonly runningIds = new Set<string>();

  constructor(
    private readonly services: Services,
    private readonly options: RunnerOptions,
  ) {
    this.claimFailed = claimFailureLogger(services.logger, 'claiming an execution failed');
    this.loop = new PollingLoop(options.pollMs, async () => {
      if (this.running.size >= this.options.concurrency) return false;
      let claimed: string | null = null;
      try {
        claimed = await this.claim();
      } catch (error) {
        this.claimFailed(error);
      }
      if (!claimed) return false;
      const executionId = claimed;
      this.runningIds.add(executionId);
      const run = inSpan('execution.run', { attributes: { executionId } }, () =>
        this.run(executionId),
      ).catch((error) =>
        this.services.logger.error({ err: error, executionId }, 'execution run failed'),
      );
      this.running.add(run);
      void run.finally(() => {
        this.running.delete(run);
        this.runningIds.delete(executionId);
        this.loop.nudge();
      });
      return true;
    });
  }

  start() {
    if (this.options.concurrency > 0) this.loop.start();
  }

  /** Looks for work now instead of at the next poll. */
  nudge = () => this.loop.nudge();

  private get stopped() {
    return this.loop.stopped;
  }

  async stop() {
    await this.loop.stop();
    await Promise.allSettled(this.running);
  }

  private async claim(): Promise<string | null> {
    const leaseSeconds = this.options.leaseMs / 1000;
    const rows = await this.services.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "Execution" SET status = 'running', "leaseOwner" = ${this.workerId},
        "leaseExpiresAt" = now() + make_interval(secs => ${leaseSeconds}::float8), claims = claims + 1, "updatedAt" = now()
      WHERE id = (
        SELECT e.id FROM "Execution" e
        WHERE (e.status = 'queued'
           OR (e.status = 'running' AND e."leaseExpiresAt" < now() AND NOT (e.id = ANY(${[...this.runningIds]}::text[])))
           OR (e.status = 'suspended' AND EXISTS (
                SELECT 1 FROM "ExecutionToolCall" t
                WHERE t."executionId" = e.id AND t.status = 'pending_approval' AND t."expiresAt" < now())))
        ORDER BY e.seq
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  private async run(executionId: string) {
    const { prisma, bus } = this.services;
    const execution = await prisma.execution.findUniqueOrThrow({
      where: { id: executionId },
      include: claimedRelations,
    });
    const config = runConfigOf(execution.agentVersion.runConfig);
    const scope = { tenantId: execution.tenantId, projectId: execution.projectId };
    // Audit events of the run share the correlation id of the request that created it.
    const ctx = systemContext(this.services, scope, execution.correlationId, {
      actorType: 'system',
      actorId: 'execution-runner',
    });
    const lease = { leaseOwner: this.workerId };
    /** Journals entries now, or (with `inside`) in that transaction, published once it commits. */
    const journal: Journal = async (entries, inside) => {
      if (this.stopped) throw new RunStopped();
      const written = await appendJournal(inside?.tx ?? prisma, bus, executionId, entries, {
        ...lease,
        outbox: inside?.outbox,
      });
      if (!written.length) throw new RunStopped();
    };
    const heartbeat = setInterval(() => {
      prisma.execution
        .updateMany({
          where: { id: executionId, leaseOwner: this.workerId, status: 'running' },
          data: { leaseExpiresAt: new Date(Date.now() + this.options.leaseMs) },
        })
        .catch((error) =>
          this.services.logger.warn({ err: error, executionId }, 'lease renewal failed'),
        );
    }, this.options.leaseMs / 3);

    try {
      await journal([
        {
          type: 'status_changed',
          data: { status: 'running', worker: this.workerId, claim: execution.claims },
        },
      ]);
      const { agentVersion: _version, conversation: _conversation, ...claimed } = execution;
      bus.publish('executionUpdated', execution.tenantId, claimed);
      await inAuditedTransaction(ctx, async (_tx, record) =>
        record({
          eventType: 'execution.started',
          resourceType: 'execution',
          resourceId: executionId,
          payload: { claim: execution.claims },
        }),
      );
      for (;;) {
        const state = await this.loadState(execution, config);
        if (state.pending.length) {
          const suspended = await this.runTools(ctx, execution, config, state.pending, journal);
          if (suspended) return;
          continue;
        }
        const step = state.completedSteps + 1;
        if (state.startedSteps >= step) await journal([{ type: 'step_restarted', data: { step } }]);
        const outcome = await this.callModel(ctx, execution, config, step, state.messages, journal);
        if (!outcome.toolCalls.length) {
          await this.finish(ctx, executionId, 'completed');
          return;
        }
      }
    } catch (error) {
      if (error instanceof RunStopped) {
        // Shutting down: hand the run over now rather than when the lease would expire.
        if (this.stopped)
          await prisma.execution.updateMany({
            where: { id: executionId, leaseOwner: this.workerId },
            data: { leaseExpiresAt: new Date() },
          });
        return;
      }
      await this.finish(ctx, executionId, 'failed', (error as Error).message).catch(() => {});
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** What the run has done so far, from the conversation's messages and the journal. */
  private async loadState(execution: Execution, config: RunConfig) {
    const { prisma } = this.services;
    const [messages, toolCalls, started] = await Promise.all([
      prisma.conversationMessage.findMany({
        where: { conversationRef: execution.conversationRef },
        orderBy: { seq: 'asc' },
      }),
      prisma.executionToolCall.findMany({
        where: { executionId: execution.id, status: { not: 'completed' } },
        orderBy: { createdAt: 'asc' },
      }),
      prisma.executionEvent.findFirst({
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

  /** One model call, streamed to the journal; the step completes with the assistant message stored. */
  private async callModel(
    ctx: RequestContext,
    execution: ClaimedExecution,
    config: RunConfig,
    step: number,
    messages: ChatMessage[],
    journal: Journal,
  ) {
    const provider = await modelProviderOf(config, this.services, execution.tenantId);
    const { outbound, config: settings } = this.services;
    const started = performance.now();
    let text = '';
    let usage: Extract<ModelChunk, { type: 'usage' }> | null = null;
    const toolCalls: ToolCallRequest[] = [];
    const fetch = outbound.fetcher({
      timeoutMs: settings.MODEL_TIMEOUT_MS,
      maxBytes: settings.MODEL_RESPONSE_MAX_BYTES,
    });
    const signal = AbortSignal.timeout(settings.MODEL_TIMEOUT_MS);
    for await (const chunk of provider.stream({
      step,
      messages,
      tools: config.tools,
      signal,
      fetch,
    })) {
      if (chunk.type === 'text') {
        text += chunk.text;
        await journal([{ type: 'text_delta', data: { step, text: chunk.text } }]);
      } else if (chunk.type === 'usage') {
        usage = chunk;
      } else {
        const { type: _type, ...call } = chunk;
        toolCalls.push(call);
        await journal([
          {
            type: 'tool_call',
            data: { step, toolCallId: call.id, name: call.name, arguments: call.arguments },
          },
        ]);
      }
    }
    // The OpenAI client ends an aborted stream quietly: a cut answer must not pass for a whole one.
    if (signal.aborted)
      throw new Error(`The model did not finish answering within ${settings.MODEL_TIMEOUT_MS} ms`);
    const expiresAt = new Date(Date.now() + config.approvalTimeoutSeconds * 1000);
    const outbox: JournalEntry[] = [];
    await this.services.prisma.$transaction(async (tx) => {
      await storeMessage(tx, execution, {
        role: 'assistant',
        content: text,
        toolCalls: toolCalls.length ? (toolCalls as unknown as Prisma.InputJsonArray) : undefined,
      });
      const needsApproval = (call: ToolCallRequest) =>
        toolOf(config, call.name)?.requiresApproval ?? false;
      await tx.executionToolCall.createMany({
        data: toolCalls.map((call) => ({
          executionId: execution.id,
          toolCallId: call.id,
          name: call.name,
          arguments: call.arguments as Prisma.InputJsonObject,
          status: needsApproval(call) ? 'pending_approval' : 'ready',
          expiresAt: needsApproval(call) ? expiresAt : null,
        })),
      });
      const requests = toolCalls.filter(needsApproval);
      if (requests.length) {
        await journal(
          requests.map((call) => ({
            type: 'approval_requested' as const,
            data: {
              toolCallId: call.id,
              name: call.name,
              arguments: call.arguments,
              expiresAt: expiresAt.toISOString(),
            },
          })),
          { tx, outbox },
        );
      }
    });
    publishJournal(this.services.bus, outbox);
    const approvals = toolCalls.filter((call) => toolOf(config, call.name)?.requiresApproval);
    await emitAfterCommit(
      this.services,
      ctx.scope!,
      approvals.map((call) => ({
        type: 'tool_call.approval_requested' as const,
        resourceId: execution.id,
        agentId: execution.agentId,
        data: {
          executionId: execution.id,
          toolCallId: call.id,
          name: call.name,
          arguments: call.arguments,
          expiresAt: expiresAt.toISOString(),
        },
      })),
    );
    await this.recordLlmCall(ctx, execution, {
      provider,
      step,
      messages,
      text,
      toolCalls,
      usage,
      latencyMs: performance.now() - started,
    });
    return { text, toolCalls };
  }

  /**
   * The model call as a telemetry LLM event of the execution's agent, version and conversation (as
   * the session), in OpenAI's chat-completion shape. Telemetry never fails a run: errors are logged.
   */
  private async recordLlmCall(
    ctx: RequestContext,
    execution: ClaimedExecution,
    call: {
      provider: { provider: string; model: string };
      step: number;
      messages: ChatMessage[];
      text: string;
      toolCalls: ToolCallRequest[];
      usage: Extract<ModelChunk, { type: 'usage' }> | null;
      latencyMs: number;
    },
  ) {
    try {
      const { fingerprint } = await createFingerprint(ctx, {
        language: 'typescript',
        languageVersion: process.versions.node,
        system: 'switchboard-executions',
      });
      const model = call.usage?.model ?? call.provider.model;
      await recordLlmEvent(ctx, {
        fingerprintId: fingerprint.id,
        agent: execution.agentVersion.agent.name,
        agentVersion: execution.agentVersion.name,
        session: execution.conversation.conversationId,
        properties: {
          inputs: { model: call.provider.model, messages: call.messages },
          outputs: {
            object: 'chat.completion',
            model,
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content: call.text,
                  tool_calls: call.toolCalls.map((tool) => ({
                    id: tool.id,
                    type: 'function',
                    function: { name: tool.name, arguments: JSON.stringify(tool.arguments) },
                  })),
                },
                finish_reason:
                  call.usage?.finishReason ?? (call.toolCalls.length ? 'tool_calls' : 'stop'),
              },
            ],
            ...(call.usage
              ? {
                  usage: {
                    prompt_tokens: call.usage.promptTokens,
                    completion_tokens: call.usage.completionTokens,
                  },
                }
              : {}),
          },
          latency_ms: call.latencyMs,
          runtime: { provider: call.provider.provider, executionId: execution.id, step: call.step },
        },
      });
    } catch (error) {
      this.services.logger.warn(
        { err: error, executionId: execution.id },
        'recording the LLM call in telemetry failed',
      );
    }
  }

  /**
   * Runs the step's tool calls that are ready; a call still waiting for approval suspends the run
   * (true; false when it was decided meanwhile: the caller reads the state again), an expired one
   * counts as a denial. Each result is stored before it is journaled, so a
   * resumed run never calls a completed tool again.
   */
  private async runTools(
    ctx: RequestContext,
    execution: Execution,
    config: RunConfig,
    pending: ExecutionToolCall[],
    journal: Journal,
  ): Promise<boolean> {
    const { prisma } = this.services;
    for (const call of pending) {
      if (call.status === 'pending_approval') {
        if (call.expiresAt && call.expiresAt > new Date()) {
          // Under the execution's row lock, which approvals also take: a decision that came in since
          // the state was read is seen here, and the run goes on instead of suspending.
          const outbox: JournalEntry[] = [];
          const suspended = await inAuditedTransaction(ctx, async (tx, record) => {
            const held = await tx.execution.updateMany({
              where: { id: execution.id, leaseOwner: this.workerId, status: 'running' },
              data: { updatedAt: new Date() },
            });
            if (!held.count) throw new RunStopped();
            const waiting = await tx.executionToolCall.count({
              where: { executionId: execution.id, status: 'pending_approval' },
            });
            if (!waiting) return null;
            record({
              eventType: 'execution.suspended',
              resourceType: 'execution',
              resourceId: execution.id,
              payload: { waitingApprovals: waiting },
            });
            return setStatus(tx, ctx, execution.id, 'suspended', outbox);
          });
          publishJournal(this.services.bus, outbox);
          if (suspended)
            this.services.bus.publish('executionUpdated', suspended.tenantId, suspended);
          return Boolean(suspended);
        }
        await prisma.executionToolCall.update({
          where: { id: call.id },
          data: { status: 'ready', approved: false, expired: true, decidedAt: new Date() },
        });
        await journal([
          {
            type: 'approval_decided',
            data: {
              toolCallId: call.toolCallId,
              approved: false,
              reason: 'The approval request expired',
              expired: true,
            },
          },
        ]);
        call.approved = false;
        call.expired = true;
        call.reason = 'The approval request expired';
      }
      const tool = toolOf(config, call.name);
      const denied = call.approved === false;
      const { result, isError } = denied
        ? { result: { denied: true, reason: call.reason ?? 'Denied' }, isError: true }
        : tool
          ? await runTool(this.services, tool, call, execution)
          : { result: { error: `No tool named "${call.name}"` }, isError: true };
      const outbox: JournalEntry[] = [];
      await prisma.$transaction(async (tx) => {
        await tx.executionToolCall.update({
          where: { id: call.id },
          data: {
            status: 'completed',
            result: result as Prisma.InputJsonObject,
            completedAt: new Date(),
          },
        });
        await storeMessage(tx, execution, {
          role: 'tool',
          content: JSON.stringify(result),
          toolCallId: call.toolCallId,
        });
        await journal(
          [
            {
              type: 'tool_result',
              data: { toolCallId: call.toolCallId, name: call.name, result, isError },
            },
          ],
          { tx, outbox },
        );
      });
      publishJournal(this.services.bus, outbox);
    }
    return false;
  }

  private async finish(
    ctx: RequestContext,
    executionId: string,
    status: 'completed' | 'failed',
    error?: string,
  ) {
    const outbox: JournalEntry[] = [];
    const ended = await inAuditedTransaction(ctx, async (tx, record) => {
      const updated = await setStatusIfLeased(
        tx,
        ctx,
        executionId,
        this.workerId,
        status,
        outbox,
        error,
      );
      if (updated)
        record({
          eventType: `execution.${status}`,
          resourceType: 'execution',
          resourceId: executionId,
          outcome: status === 'completed' ? 'success' : 'failure',
          payload: error ? { error } : {},
        });
      return updated;
    });
    publishJournal(this.services.bus, outbox);
    if (!ended) return;
    this.services.bus.publish('executionUpdated', ended.tenantId, ended);
    await emitAfterCommit(this.services, ctx.scope!, [
      {
        type: `execution.${status}`,
        resourceId: executionId,
        agentId: ended.agentId,
        data: { executionId, agentId: ended.agentId, status, error: error ?? null },
      },
    ]);
    if (status === 'failed') await announceFailedInvocation(this.services, executionId);
  }
}

const claimedRelations = {
  agentVersion: { include: { agent: true } },
  conversation: true,
} as const;
type ClaimedExecution = Prisma.ExecutionGetPayload<{ include: typeof claimedRelations }>;

/** A message the run adds to its conversation: the step (or tool call) it completes. */
function storeMessage(
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

const toolOf = (config: RunConfig, name: string): ToolConfig | undefined =>
  config.tools.find((tool) => tool.name === name);

/** setStatus, unless this worker no longer holds the run (it was cancelled, or its lease lost). */
async function setStatusIfLeased(
  tx: Prisma.TransactionClient,
  ctx: RequestContext,
  executionId: string,
  workerId: string,
  status: 'completed' | 'failed',
  outbox: JournalEntry[],
  error?: string,
) {
  const held = await tx.execution.updateMany({
    where: { id: executionId, leaseOwner: workerId, status: 'running' },
    data: { updatedAt: new Date() },
  });
  if (!held.count) return null;
  return setStatus(tx, ctx, executionId, status, outbox, { error });
}

/**
 * Calls a tool's executor. An HTTP tool gets an idempotency key, so a retried call can be recognised.
 * Its answer goes through the outbound guard and is kept to OUTBOUND_KEEP_BYTES: a longer one is an
 * error carrying its start.
 */
async function runTool(
  services: Services,
  tool: ToolConfig,
  call: ExecutionToolCall,
  execution: Execution,
): Promise<{ result: unknown; isError: boolean }> {
  if (tool.executor.type === 'builtin') return { result: call.arguments, isError: false };
  const { config, outbound } = services;
  try {
    const answer = await outbound.send(tool.executor.url, {
      method: 'POST',
      headers: {
        ...(execution.forwardedHeaders as Record<string, string>),
        'content-type': 'application/json',
        'idempotency-key': `${execution.id}:${call.toolCallId}`,
      },
      body: JSON.stringify({
        arguments: call.arguments,
        toolCallId: call.toolCallId,
        executionId: execution.id,
      }),
      timeoutMs: config.TOOL_TIMEOUT_MS,
      keepBytes: config.OUTBOUND_KEEP_BYTES,
      maxBytes: config.OUTBOUND_MAX_BYTES,
    });
    if (answer.truncated) {
      return {
        result: {
          error: `The tool answered more than ${config.OUTBOUND_KEEP_BYTES} bytes`,
          status: answer.status,
          start: storableText(answer.body),
        },
        isError: true,
      };
    }
    let result: unknown = storableText(answer.body);
    try {
      result = storableJson(JSON.parse(answer.body));
    } catch {
      // a plain-text answer is the result as it is
    }
    const ok = answer.status >= 200 && answer.status < 300;
    return ok
      ? { result, isError: false }
      : { result: { status: answer.status, body: result }, isError: true };
  } catch (error) {
    return { result: { error: storableText((error as Error).message) }, isError: true };
  }
}
