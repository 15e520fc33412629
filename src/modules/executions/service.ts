import { parseInput } from '../../kernel/parse-input.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Execution, Prisma } from '../../generated/prisma/client.ts';
import type { ExecutionStatus } from '../../generated/prisma/enums.ts';
import { requireScope } from '../../auth/require.ts';
import type { Scope } from '../../db/scoped.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { work, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import { versionToRun } from '../agents/service.ts';
import { runConfigOf } from '../agents/run-config.ts';
import { executionCancelled, executionCreated } from './events.ts';
import { appendJournal, isTerminal } from './journal.ts';
import { setStatus } from './status.ts';

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

export interface CreateExecutionOptions {
  /** The audit event that caused the run (a webhook's trigger.invoked). */
  causationId?: string | null;
  /** The execution's id when it was promised before the run was created (a webhook's 202). */
  id?: string;
}

/**
 * Queues an execution of an agent version over a conversation's messages and returns it at once;
 * a runner on any instance picks it up. The conversation is created when new, and the headers
 * the version's allowlist names are kept for its tools.
 */
export function createExecution(
  ctx: RequestContext,
  input: unknown,
  options: CreateExecutionOptions = {},
): Promise<Execution> {
  return work(ctx, (uow) => createExecutionIn(uow, input, options), options);
}

/** `createExecution` in the caller's unit of work, for a change the run commits with (a webhook's invocation). */
export async function createExecutionIn(
  uow: UnitOfWork,
  input: unknown,
  options: CreateExecutionOptions = {},
): Promise<Execution> {
  const { ctx, tx } = uow;
  const scope = requireScope(ctx);
  const request = parseInput(createExecutionSchema, input);
  const id = options.id ?? randomUUID();
  // The default agent and version are created on first use, in the run's unit of work.
  const { agent, version } = await versionToRun(uow, scope, request.agentId, request.agentVersion);
  const config = runConfigOf(version.runConfig);
  const allowed = new Set(config.forwardedHeaders.map((name) => name.toLowerCase()));
  const forwardedHeaders = Object.fromEntries(
    Object.entries(request.forwardedHeaders ?? {}).filter(([name]) =>
      allowed.has(name.toLowerCase()),
    ),
  );
  const conversationId = request.conversationId ?? randomUUID();
  const conversationRef = await conversationRefOf(tx, scope, conversationId);
  const createdEventId = uow.emit(
    executionCreated,
    { executionId: id, agentId: agent.id, agentVersion: version.name, conversationId },
    { resourceId: id, causationId: options.causationId },
  );
  const created = await tx.execution.create({
    data: {
      id,
      tenantId: scope.tenantId,
      projectId: scope.projectId,
      agentId: agent.id,
      agentVersionId: version.id,
      conversationRef,
      input: request.messages as Prisma.InputJsonArray,
      forwardedHeaders,
      correlationId: ctx.correlationId,
      causationId: uow.emitted.find((emitted) => emitted.id === createdEventId)!.causationId,
      createdEventId,
    },
  });
  await tx.conversationMessage.createMany({
    data: request.messages.map((message) => ({
      tenantId: scope.tenantId,
      projectId: scope.projectId,
      conversationRef,
      executionId: id,
      role: message.role,
      content: message.content,
    })),
  });
  const [queued] = await appendJournal(uow, id, [
    { type: 'status_changed', data: { status: 'queued' } },
  ]);
  const execution = { ...created, journalLength: queued.seq };
  uow.publish('executionUpdated', execution.tenantId, execution);
  uow.afterCommit(() => ctx.services.wakeRunner());
  return execution;
}

/**
 * The conversation `conversationId` of the scope, created when new: one statement, unless another
 * request created it while this one ran (its row is then read after it committed).
 */
async function conversationRefOf(
  tx: Prisma.TransactionClient,
  scope: Scope,
  conversationId: string,
) {
  const [found] = await tx.$queryRaw<{ id: string }[]>`
    WITH created AS (
      INSERT INTO "Conversation" (id, "tenantId", "projectId", "conversationId", "createdAt")
      VALUES (${randomUUID()}, ${scope.tenantId}, ${scope.projectId}, ${conversationId}, now())
      ON CONFLICT ("tenantId", "projectId", "conversationId") DO NOTHING
      RETURNING id)
    SELECT id FROM created
    UNION ALL
    SELECT id FROM "Conversation"
    WHERE "tenantId" = ${scope.tenantId} AND "projectId" IS NOT DISTINCT FROM ${scope.projectId}
      AND "conversationId" = ${conversationId}`;
  if (found) return found.id;
  const conversation = await tx.conversation.findFirstOrThrow({
    where: { tenantId: scope.tenantId, projectId: scope.projectId, conversationId },
  });
  return conversation.id;
}

export async function getExecution(ctx: RequestContext, id: string) {
  const execution = await ctx.db.execution.findUnique({ where: { id } });
  if (!execution) throw executionNotFound();
  return execution;
}

/** Stops a run at any status; cancelling an ended run changes nothing. */
export async function cancelExecution(ctx: RequestContext, id: string): Promise<Execution> {
  requireScope(ctx);
  const execution = await ctx.db.execution.findUnique({ where: { id } });
  // The run's audit trail is one chain: the cancellation joins the execution's correlation id.
  const runCtx = execution ? { ...ctx, correlationId: execution.correlationId } : ctx;
  return work(
    runCtx,
    async (uow) => {
      if (!execution) throw executionNotFound();
      // The row lock orders the cancellation with a runner finishing the run meanwhile.
      const current = await uow.tx.execution.update({
        where: { id },
        data: { updatedAt: new Date() },
      });
      if (isTerminal(current.status)) return current;
      return (await setStatus(uow, id, 'cancelled'))!;
    },
    { refusal: { event: executionCancelled, resourceId: id } },
  );
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
