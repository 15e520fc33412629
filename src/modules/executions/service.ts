import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Execution, Prisma } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { inAuditedTransaction, type AuditEntry } from '../audit/service.ts';
import { emitAfterCommit } from '../deliveries/service.ts';
import { versionToRun } from '../telemetry/service.ts';
import { runConfigOf } from './config.ts';
import {
  appendJournal,
  isTerminal,
  publishJournal,
  type ExecutionStatus,
  type JournalEntry,
} from './journal.ts';

export const createExecutionSchema = z.object({
  agentId: z
    .string()
    .min(1)
    .nullish()
    .describe(
      'The agent’s id (`agent_id` of GET /telemetry/v1/agents) or name. Default: the default agent.',
    ),
  agentVersion: z
    .string()
    .min(1)
    .nullish()
    .describe(
      'The version’s id (`agent_version_id`) or name. Default: the agent’s newest undeprecated version.',
    ),
  conversationId: z
    .string()
    .regex(
      /^[a-zA-Z0-9\-_.:]{1,255}$/,
      'may contain only letters, digits, "-", "_", "." and ":" (1..255)',
    )
    .nullish(),
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'user', 'assistant']),
        content: z.string().max(1024 * 1024),
      }),
    )
    .min(1, 'must hold at least one message')
    .max(500, 'must hold at most 500 messages'),
  forwardedHeaders: z.record(z.string(), z.string()).nullish(),
});
export type CreateExecutionInput = z.input<typeof createExecutionSchema>;

const executionNotFound = () => notFound('Execution');

/**
 * Queues an execution of an agent version over a conversation's messages and returns it at once;
 * a runner on any instance picks it up. The conversation is created when new, and the headers
 * the version's allowlist names are kept for its tools.
 */
export async function createExecution(ctx: RequestContext, input: unknown): Promise<Execution> {
  const outbox: JournalEntry[] = [];
  const execution = await inAuditedTransaction(ctx, (tx, record) =>
    createExecutionIn(ctx, tx, record, input, outbox),
  );
  announceExecution(ctx, execution, outbox);
  return { ...execution, journalLength: 1 };
}

/**
 * `createExecution`'s writes inside the caller's transaction, for writes that must commit with it
 * (a webhook's invocation). Once it commits, the caller passes the execution and `outbox` to `announceExecution`.
 */
export async function createExecutionIn(
  ctx: RequestContext,
  tx: Prisma.TransactionClient,
  record: (entry: AuditEntry) => void,
  input: unknown,
  outbox: JournalEntry[],
  /** The audit event that caused the execution (a webhook's `trigger.invoked`). */
  options: { causationId?: string } = {},
): Promise<Execution> {
  const scope = requireScope(ctx);
  const parsed = createExecutionSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map((part) => part as string | number),
      message: issue.message,
    }));
    throw badInput(`Invalid ${issues[0].path.join('.')}: ${issues[0].message}`, issues);
  }
  const request = parsed.data;
  const id = randomUUID();
  const { agent, version } = await versionToRun(
    tx,
    scope,
    record,
    request.agentId,
    request.agentVersion,
  );
  const config = runConfigOf(version.runConfig);
  const allowed = new Set(config.forwardedHeaders.map((name) => name.toLowerCase()));
  const forwardedHeaders = Object.fromEntries(
    Object.entries(request.forwardedHeaders ?? {}).filter(([name]) =>
      allowed.has(name.toLowerCase()),
    ),
  );
  const conversationId = request.conversationId ?? randomUUID();
  await tx.$executeRaw`
    INSERT INTO "Conversation" (id, "tenantId", "projectId", "conversationId", "createdAt")
    VALUES (${randomUUID()}, ${scope.tenantId}, ${scope.projectId}, ${conversationId}, now())
    ON CONFLICT ("tenantId", "projectId", "conversationId") DO NOTHING`;
  const conversation = await tx.conversation.findFirstOrThrow({
    where: { tenantId: scope.tenantId, projectId: scope.projectId, conversationId },
  });
  const created = await tx.execution.create({
    data: {
      id,
      tenantId: scope.tenantId,
      projectId: scope.projectId,
      agentId: agent.id,
      agentVersionId: version.id,
      conversationRef: conversation.id,
      input: request.messages as Prisma.InputJsonArray,
      forwardedHeaders,
      correlationId: ctx.correlationId,
    },
  });
  await tx.conversationMessage.createMany({
    data: request.messages.map((message) => ({
      tenantId: scope.tenantId,
      projectId: scope.projectId,
      conversationRef: conversation.id,
      executionId: id,
      role: message.role,
      content: message.content,
    })),
  });
  await appendJournal(
    tx,
    ctx.services.bus,
    id,
    [{ type: 'status_changed', data: { status: 'queued' } }],
    { outbox },
  );
  record({
    eventType: 'execution.created',
    resourceType: 'execution',
    resourceId: id,
    payload: { agentId: agent.id, agentVersion: version.name, conversationId },
    causationId: options.causationId,
  });
  return created;
}

/** After the transaction that created an execution commits: its journal, its status, and a nudge to the local runner. */
export function announceExecution(
  ctx: RequestContext,
  execution: Execution,
  outbox: JournalEntry[],
) {
  publishJournal(ctx.services.bus, outbox);
  ctx.services.bus.publish('executionUpdated', execution.tenantId, execution);
  ctx.services.wakeRunner();
}

export async function getExecution(ctx: RequestContext, id: string) {
  const execution = await ctx.db.execution.findUnique({ where: { id } });
  if (!execution) throw executionNotFound();
  return execution;
}

/**
 * Records a decision on a tool call waiting for approval, on whichever instance, and requeues the
 * execution when nothing else waits. The same decision again succeeds; a contrary one conflicts.
 */
export async function approveToolCall(
  ctx: RequestContext,
  input: { executionId: string; toolCallId: string; approved: boolean; reason?: string | null },
) {
  requireScope(ctx);
  const execution = await ctx.db.execution.findUnique({ where: { id: input.executionId } });
  if (!execution)
    throw notFound(`Tool call "${input.toolCallId}" of execution "${input.executionId}"`);
  // The run's audit trail is one chain: the decision joins the execution's correlation id.
  const outbox: JournalEntry[] = [];
  const requeued = await inAuditedTransaction(
    { ...ctx, correlationId: execution.correlationId },
    async (tx, record) => {
      // The execution's row lock orders this decision with a runner about to suspend the run.
      const current = await tx.execution.update({
        where: { id: execution.id },
        data: { updatedAt: new Date() },
      });
      const toolCall = await tx.executionToolCall.findUnique({
        where: {
          executionId_toolCallId: { executionId: execution.id, toolCallId: input.toolCallId },
        },
      });
      if (!toolCall)
        throw notFound(`Tool call "${input.toolCallId}" of execution "${input.executionId}"`);
      if (toolCall.status !== 'pending_approval') {
        if (toolCall.approved === input.approved && !toolCall.expired) return null;
        const was = toolCall.expired
          ? 'expired'
          : toolCall.approved === null
            ? 'did not need approval'
            : toolCall.approved
              ? 'was approved'
              : 'was denied';
        throw new AppError('CONFLICT', `Tool call "${input.toolCallId}" ${was}`);
      }
      if (isTerminal(current.status))
        throw new AppError('CONFLICT', `Execution is ${current.status}`);
      await tx.executionToolCall.update({
        where: { id: toolCall.id },
        data: {
          approved: input.approved,
          reason: input.reason ?? null,
          status: 'ready',
          decidedAt: new Date(),
        },
      });
      const waiting = await tx.executionToolCall.count({
        where: { executionId: execution.id, status: 'pending_approval' },
      });
      const entries: Parameters<typeof appendJournal>[3] = [
        {
          type: 'approval_decided',
          data: {
            toolCallId: toolCall.toolCallId,
            approved: input.approved,
            reason: input.reason ?? null,
            expired: false,
          },
        },
      ];
      const resume = waiting === 0 && current.status === 'suspended';
      if (resume) {
        await tx.execution.update({ where: { id: execution.id }, data: { status: 'queued' } });
        entries.push({ type: 'status_changed', data: { status: 'queued' } });
      }
      await appendJournal(tx, ctx.services.bus, execution.id, entries, { outbox });
      record({
        eventType: input.approved ? 'tool_call.approved' : 'tool_call.denied',
        resourceType: 'tool_call',
        resourceId: `${execution.id}:${toolCall.toolCallId}`,
        payload: { executionId: execution.id, name: toolCall.name, reason: input.reason ?? null },
      });
      return resume ? execution.id : null;
    },
  );
  publishJournal(ctx.services.bus, outbox);
  if (requeued) {
    const execution = await getExecution(ctx, requeued);
    ctx.services.bus.publish('executionUpdated', execution.tenantId, execution);
    ctx.services.wakeRunner();
  }
  return { success: true as const };
}

/** Stops a run at any status; cancelling an ended run changes nothing. */
export async function cancelExecution(ctx: RequestContext, id: string): Promise<Execution> {
  requireScope(ctx);
  const execution = await getExecution(ctx, id);
  if (isTerminal(execution.status)) return execution;
  const outbox: JournalEntry[] = [];
  const cancelled = await inAuditedTransaction(
    { ...ctx, correlationId: execution.correlationId },
    async (tx, record) => {
      const updated = await setStatus(tx, ctx, id, 'cancelled', outbox);
      record({
        eventType: 'execution.cancelled',
        resourceType: 'execution',
        resourceId: id,
        payload: { from: execution.status },
      });
      return updated;
    },
  );
  publishJournal(ctx.services.bus, outbox);
  ctx.services.bus.publish('executionUpdated', cancelled.tenantId, cancelled);
  await announceFailedInvocation(ctx.services, id);
  return cancelled;
}

/** After a run ended in failure: the trigger invocation that started it (if one did) failed too, which is an event. */
export async function announceFailedInvocation(
  services: RequestContext['services'],
  executionId: string,
) {
  const invocation = await services.prisma.triggerInvocation.findUnique({
    where: { executionId },
    include: { trigger: true },
  });
  if (!invocation || invocation.status !== 'failed') return;
  await emitAfterCommit(
    services,
    { tenantId: invocation.tenantId, projectId: invocation.projectId },
    [
      {
        type: 'trigger.invocation.failed',
        resourceId: invocation.id,
        agentId: invocation.trigger.agentId,
        data: {
          invocationId: invocation.id,
          triggerId: invocation.trigger.id,
          agentId: invocation.trigger.agentId,
          executionId,
          errorMessage: invocation.errorMessage,
        },
      },
    ],
  );
}

/**
 * Moves an execution to `status` and journals it (and `finished` when the run ends) into `outbox`,
 * for the caller to publish once its transaction commits.
 */
export async function setStatus(
  tx: Prisma.TransactionClient,
  ctx: Pick<RequestContext, 'services'>,
  id: string,
  status: ExecutionStatus,
  outbox: JournalEntry[],
  details: { error?: string } = {},
): Promise<Execution> {
  const ended = isTerminal(status);
  const updated = await tx.execution.update({
    where: { id },
    data: {
      status,
      error: details.error,
      ...(ended || status === 'suspended' || status === 'queued'
        ? { leaseOwner: null, leaseExpiresAt: null }
        : {}),
      ...(ended ? { endedAt: new Date() } : {}),
    },
  });
  if (ended) {
    // A trigger invocation that started the run ends with it.
    const { count } = await tx.triggerInvocation.updateMany({
      where: { executionId: id },
      data: {
        status: status === 'completed' ? 'success' : 'failed',
        errorMessage:
          status === 'completed' ? null : (details.error ?? `The execution was ${status}`),
      },
    });
    const invocation = count
      ? await tx.triggerInvocation.findUnique({ where: { executionId: id } })
      : null;
    if (invocation)
      ctx.services.bus.publish('triggerInvocationUpdated', invocation.tenantId, invocation);
  }
  await appendJournal(
    tx,
    ctx.services.bus,
    id,
    [
      ...(details.error ? [{ type: 'error' as const, data: { message: details.error } }] : []),
      { type: 'status_changed', data: { status } },
      ...(ended ? [{ type: 'finished' as const, data: { status } }] : []),
    ],
    { outbox },
  );
  return {
    ...updated,
    journalLength: updated.journalLength + (details.error ? 1 : 0) + (ended ? 2 : 1),
  };
}

export interface ExecutionFilter {
  status?: ExecutionStatus | null;
  agentId?: string | null;
  conversationId?: string | null;
}

export function executionWhere(filter: ExecutionFilter = {}): Prisma.ExecutionWhereInput {
  return {
    status: filter.status ?? undefined,
    agentId: filter.agentId ?? undefined,
    conversation: filter.conversationId ? { conversationId: filter.conversationId } : undefined,
  };
}
