import { randomUUID } from 'node:crypto';
import type { Prisma, TriggerInvocation } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import { dateRange } from '../../db/filters.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { work, type Reaction, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import { executionFinishedEvents, type ExecutionOutcome } from '../executions/events.ts';
import { createExecutionIn, type CreateExecutionInput } from '../executions/service.ts';
import { triggerInvocationFailed, triggerRerun } from './events.ts';

export interface InvocationFilter {
  status?: 'pending' | 'success' | 'failed' | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

/** The invocations a REST query or GraphQL filter selects, among those of the trigger that received them. */
export function invocationWhere(filter: InvocationFilter): Prisma.TriggerInvocationWhereInput {
  return { status: filter.status ?? undefined, createdAt: dateRange(filter.from, filter.to) };
}

/**
 * What the API shows as an invocation's transformed payload: the transform's result when the
 * trigger had one, else the request payload it was given (stored once, as `requestPayload`).
 */
export function transformedPayloadOf(invocation: TriggerInvocation) {
  return (
    invocation.transformedPayload ??
    (invocation.message === null ? null : invocation.requestPayload)
  );
}

/** Queues the execution an invocation starts, in the unit's transaction, caused by `causationId`. */
export function startExecution(uow: UnitOfWork, input: CreateExecutionInput, causationId: string) {
  return createExecutionIn(uow, input, { causationId });
}

/** Runs an invocation's message again: a new invocation and execution, sharing the first one's payload. */
export async function rerunInvocation(
  ctx: RequestContext,
  invocationId: string,
): Promise<TriggerInvocation> {
  requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      const previous = await uow.tx.triggerInvocation.findUnique({
        where: { id: invocationId },
        include: { trigger: true },
      });
      if (!previous) throw notFound('Invocation');
      if (previous.message === null)
        throw new AppError(
          'CONFLICT',
          'The invocation failed before it had a message: there is nothing to run again',
        );
      const conversationId = randomUUID();
      const created = await uow.tx.triggerInvocation.create({
        data: {
          tenantId: previous.tenantId,
          projectId: previous.projectId,
          webhookKey: previous.webhookKey,
          status: 'pending',
          requestPayload: previous.requestPayload ?? undefined,
          transformedPayload: previous.transformedPayload ?? undefined,
          message: previous.message,
          conversationId,
          correlationId: ctx.correlationId,
        },
      });
      const { agentId } = previous.trigger;
      const rerunId = uow.emit(
        triggerRerun,
        { invocationId: created.id, rerunOf: previous.id, agentId },
        { resourceId: previous.trigger.id },
      );
      const execution = await startExecution(
        uow,
        { agentId, conversationId, messages: [{ role: 'user', content: previous.message }] },
        rerunId,
      );
      const invocation = await uow.tx.triggerInvocation.update({
        where: { id: created.id },
        data: { executionId: execution.id },
      });
      uow.publish('triggerInvocationUpdated', invocation.tenantId, invocation);
      return invocation;
    },
    { refusal: { event: triggerRerun, resourceId: invocationId } },
  );
}

/**
 * A run ended: the invocation that started it ends with it, in the same transaction, and a failed
 * or cancelled run fails it (`trigger_invocation.failed`). An invocation already ended stays as it
 * is, so an ending recorded twice is announced once.
 */
const endInvocation: Reaction = async (uow, emitted) => {
  const { executionId, status, error } = emitted.payload as ExecutionOutcome;
  const failed = status !== 'completed';
  const errorMessage = failed ? (error ?? `The execution was ${status}`) : null;
  // One statement: the ending and what it is announced with (the trigger's id and agent).
  const [ended] = await uow.tx.$queryRaw<
    (TriggerInvocation & { triggerId: string; triggerAgentId: string })[]
  >`
    UPDATE "TriggerInvocation" i
    SET status = ${failed ? 'failed' : 'success'}::"TriggerInvocationStatus",
      "errorMessage" = ${errorMessage}, "updatedAt" = now()
    FROM "Trigger" t
    WHERE i."executionId" = ${executionId} AND i.status = 'pending' AND t."webhookKey" = i."webhookKey"
    RETURNING i.*, t.id AS "triggerId", t."agentId" AS "triggerAgentId"`;
  if (!ended) return;
  const { triggerId, triggerAgentId, ...invocation } = ended;
  uow.publish('triggerInvocationUpdated', invocation.tenantId, invocation);
  if (!failed) return;
  uow.emit(
    triggerInvocationFailed,
    {
      invocationId: invocation.id,
      triggerId,
      agentId: triggerAgentId,
      executionId,
      errorMessage,
    },
    {
      resourceId: invocation.id,
      tenantId: invocation.tenantId,
      projectId: invocation.projectId,
      causationId: emitted.id,
    },
  );
};

/** What the triggers module does when another module's event happens. */
export const triggersReactions: [string, Reaction][] = executionFinishedEvents.map((event) => [
  event.name,
  endInvocation,
]);
