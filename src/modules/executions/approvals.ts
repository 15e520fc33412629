import { requireScope } from '../../auth/require.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { executionResumed, toolCallApproved, toolCallDenied } from './events.ts';
import { appendJournal, isTerminal } from './journal.ts';
import { setStatus } from './status.ts';

export interface ToolCallDecision {
  executionId: string;
  toolCallId: string;
  approved: boolean;
  reason?: string | null;
}

/**
 * Records a decision on a tool call waiting for approval, on whichever instance, and requeues the
 * execution when nothing else waits. The same decision again succeeds; a contrary one conflicts.
 * A refused decision is audited as a failure.
 */
export async function approveToolCall(ctx: RequestContext, input: ToolCallDecision) {
  requireScope(ctx);
  const toolCallNotFound = () =>
    notFound(`Tool call "${input.toolCallId}" of execution "${input.executionId}"`);
  const execution = await ctx.db.execution.findUnique({ where: { id: input.executionId } });
  const decided = input.approved ? toolCallApproved : toolCallDenied;
  // The run's audit trail is one chain: the decision joins the execution's correlation id.
  const runCtx = execution ? { ...ctx, correlationId: execution.correlationId } : ctx;
  await work(
    runCtx,
    async (uow) => {
      if (!execution) throw toolCallNotFound();
      const { tx } = uow;
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
      if (!toolCall) throw toolCallNotFound();
      if (toolCall.status !== 'pending_approval') {
        if (toolCall.approved === input.approved && !toolCall.expired) return;
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
      const reason = input.reason ?? null;
      const decisionEventId = uow.emit(
        decided,
        {
          executionId: execution.id,
          agentId: execution.agentId,
          toolCallId: toolCall.toolCallId,
          name: toolCall.name,
          reason,
          expired: false,
        },
        {
          resourceId: `${execution.id}:${toolCall.toolCallId}`,
          causationId: toolCall.approvalRequestedEventId,
        },
      );
      await tx.executionToolCall.update({
        where: { id: toolCall.id },
        data: {
          approved: input.approved,
          reason,
          status: 'ready',
          decidedAt: new Date(),
          decisionEventId,
        },
      });
      await appendJournal(uow, execution.id, [
        {
          type: 'approval_decided',
          data: {
            toolCallId: toolCall.toolCallId,
            approved: input.approved,
            reason,
            expired: false,
          },
        },
      ]);
      const waiting = await tx.executionToolCall.count({
        where: { executionId: execution.id, status: 'pending_approval' },
      });
      if (waiting === 0 && current.status === 'suspended') {
        await setStatus(uow, execution.id, 'queued');
        uow.emit(
          executionResumed,
          { executionId: execution.id, agentId: execution.agentId },
          { resourceId: execution.id, causationId: decisionEventId },
        );
        uow.afterCommit(() => ctx.services.wakeRunner());
      }
    },
    {
      refusal: { event: decided, resourceId: `${input.executionId}:${input.toolCallId}` },
    },
  );
  return { success: true as const };
}
