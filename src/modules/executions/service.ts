import { parseInput } from '../../kernel/parse-input.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  Prisma,
  type Agent,
  type AgentVersion,
  type Execution,
} from '../../generated/prisma/client.ts';
import type { ExecutionStatus } from '../../generated/prisma/enums.ts';
import { requireScope } from '../../auth/require.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { work, workInOneStatement, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import { findVersionToRun, versionToRun } from '../agents/service.ts';
import { runConfigOf } from '../agents/run-config.ts';
import { executionCancelled, executionCreated } from './events.ts';
import { isTerminal } from './journal.ts';
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
 * the version's allowlist names are kept for its tools. When its agent and version exist, it is
 * one statement with its audit row and no transaction: the run's first word waits for no COMMIT.
 */
export async function createExecution(
  ctx: RequestContext,
  input: unknown,
  options: CreateExecutionOptions = {},
): Promise<Execution> {
  const scope = requireScope(ctx);
  const request = parseInput(createExecutionSchema, input);
  const found = await findVersionToRun(ctx.db, scope, request.agentId, request.agentVersion);
  if (found) {
    let queueing: ReturnType<typeof executionToQueue> | undefined;
    const [row] = await workInOneStatement<QueuedRow>(
      [ctx],
      ([uow]) => {
        queueing = executionToQueue(uow, request, found, options);
        return {
          ctes: queueing.ctes,
          counted: Prisma.sql`SELECT ${queueing.execution.createdEventId}::text FROM execution`,
          returning: Prisma.sql`SELECT seq::text, "conversationRef" FROM execution`,
        };
      },
      ([queued]) => queued && announce(queueing!, queued),
    );
    if (row) return queueing!.execution;
    // Another request was creating its conversation: written again once that has committed.
  }
  return work(ctx, (uow) => queueExecutionIn(uow, request, options), options);
}

/** `createExecution` in the caller's unit of work, for a change the run commits with (a rerun's invocation). */
export function createExecutionIn(
  uow: UnitOfWork,
  input: unknown,
  options: CreateExecutionOptions = {},
): Promise<Execution> {
  return queueExecutionIn(uow, parseInput(createExecutionSchema, input), options);
}

async function queueExecutionIn(
  uow: UnitOfWork,
  request: z.output<typeof createExecutionSchema>,
  options: CreateExecutionOptions,
): Promise<Execution> {
  const scope = requireScope(uow.ctx);
  // The default agent and version are created on first use, in the run's unit of work.
  const found = await versionToRun(uow, scope, request.agentId, request.agentVersion);
  const queueing = executionToQueue(uow, request, found, options);
  // A statement that found the conversation being created by another request writes nothing: the
  // next one sees it committed.
  for (let attempt = 1; ; attempt++) {
    const [queued] = await uow.tx.$queryRaw<QueuedRow[]>`
      WITH ${queueing.ctes} SELECT seq::text, "conversationRef" FROM execution`;
    if (queued) return announce(queueing, queued);
    if (attempt === 2)
      throw new Error(`The conversation of execution ${queueing.execution.id} was not found`);
  }
}

/** What the database gives a queued execution: its number and its conversation's row. */
type QueuedRow = { seq: string; conversationRef: string };

const QUEUED_ENTRY = { type: 'status_changed', data: { status: 'queued' } } as const;

/**
 * The execution `request` queues, with its `execution.created` emitted in `uow`, and the CTEs that
 * write it: its conversation when new (`conversation`, `conversation_ref`), the execution
 * (`execution`, nothing when the conversation was not found), its messages and its journal's first
 * entry. The execution's number and conversation are the statement's (`announce`).
 */
function executionToQueue(
  uow: UnitOfWork,
  request: z.output<typeof createExecutionSchema>,
  { agent, version }: { agent: Agent; version: AgentVersion },
  options: CreateExecutionOptions,
) {
  const { ctx } = uow;
  const scope = requireScope(ctx);
  const id = options.id ?? randomUUID();
  const config = runConfigOf(version.runConfig);
  const allowed = new Set(config.forwardedHeaders.map((name) => name.toLowerCase()));
  const forwardedHeaders = Object.fromEntries(
    Object.entries(request.forwardedHeaders ?? {}).filter(([name]) =>
      allowed.has(name.toLowerCase()),
    ),
  );
  const conversationId = request.conversationId ?? randomUUID();
  const createdEventId = uow.emit(
    executionCreated,
    { executionId: id, agentId: agent.id, agentVersion: version.name, conversationId },
    { resourceId: id, causationId: options.causationId },
  );
  const createdAt = new Date();
  const execution: Execution = {
    id,
    seq: 0n,
    tenantId: scope.tenantId,
    projectId: scope.projectId,
    agentId: agent.id,
    agentVersionId: version.id,
    conversationRef: '',
    status: 'queued',
    input: request.messages as Prisma.JsonArray,
    forwardedHeaders,
    correlationId: ctx.correlationId,
    causationId: uow.emitted.find((emitted) => emitted.id === createdEventId)!.causationId,
    createdEventId,
    error: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    claims: 0,
    journalLength: 1,
    createdAt,
    updatedAt: createdAt,
    endedAt: null,
  };
  const { tenantId, projectId } = scope;
  // Written as UTC, as Prisma writes its timestamps.
  const at = Prisma.sql`${createdAt.toISOString()}::timestamp`;
  const ctes = Prisma.sql`
    conversation AS (
      INSERT INTO "Conversation" (id, "tenantId", "projectId", "conversationId", "createdAt")
      VALUES (${randomUUID()}, ${tenantId}, ${projectId}, ${conversationId}, ${at})
      ON CONFLICT ("tenantId", "projectId", "conversationId") DO NOTHING
      RETURNING id
    ),
    conversation_ref AS (
      SELECT id FROM conversation
      UNION ALL
      SELECT id FROM "Conversation"
      WHERE "tenantId" = ${tenantId} AND "projectId" IS NOT DISTINCT FROM ${projectId}
        AND "conversationId" = ${conversationId}
    ),
    execution AS (
      INSERT INTO "Execution" (id, "tenantId", "projectId", "agentId", "agentVersionId",
        "conversationRef", status, input, "forwardedHeaders", "correlationId", "causationId",
        "createdEventId", "journalLength", "createdAt", "updatedAt")
      SELECT ${id}, ${tenantId}, ${projectId}, ${agent.id}, ${version.id}, id, 'queued',
        ${JSON.stringify(request.messages)}::jsonb, ${JSON.stringify(forwardedHeaders)}::jsonb,
        ${ctx.correlationId}, ${execution.causationId}, ${createdEventId}, 1, ${at}, ${at}
      FROM (SELECT id FROM conversation_ref LIMIT 1) found
      RETURNING seq, "conversationRef"
    ),
    messages AS (
      INSERT INTO "ConversationMessage" ("tenantId", "projectId", "conversationRef", "executionId",
        role, content, "createdAt")
      SELECT ${tenantId}, ${projectId}, execution."conversationRef", ${id}, m.value->>'role',
        m.value->>'content', ${at}
      FROM execution,
        jsonb_array_elements(${JSON.stringify(request.messages)}::jsonb) WITH ORDINALITY AS m(value, ord)
      ORDER BY m.ord
    ),
    journal AS (
      INSERT INTO "ExecutionEvent" ("executionId", seq, type, data, "createdAt")
      SELECT ${id}, 1, ${QUEUED_ENTRY.type}, ${JSON.stringify(QUEUED_ENTRY.data)}::jsonb, ${at}
      FROM execution
    )`;
  return { uow, execution, ctes };
}

/** The queued execution, numbered: published with its journal's first entry once committed. */
function announce(
  { uow, execution }: ReturnType<typeof executionToQueue>,
  queued: QueuedRow,
): Execution {
  execution.seq = BigInt(queued.seq);
  execution.conversationRef = queued.conversationRef;
  const { tenantId, projectId, id: executionId, createdAt } = execution;
  uow.publish('executionJournal', tenantId, {
    tenantId,
    projectId,
    executionId,
    seq: 1,
    ...QUEUED_ENTRY,
    createdAt,
  });
  uow.publish('executionUpdated', tenantId, execution);
  uow.afterCommit(() => uow.ctx.services.wakeRunner());
  return execution;
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
