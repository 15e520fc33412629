import type { Execution, ExecutionToolCall, Prisma } from '../../generated/prisma/client.ts';
import { storableJson, storableText } from '../../db/storable.ts';
import type { Services } from '../../kernel/context.ts';
import { work } from '../../kernel/unit-of-work.ts';
import type { ToolConfig } from '../agents/run-config.ts';
import { executionSuspended, toolCallDenied, toolCallExecuted } from './events.ts';
import { causeOf, journal, RunStopped, type Run } from './lease.ts';
import { storeMessage, toolOf } from './model-step.ts';
import { setStatus } from './status.ts';

const EXPIRED = 'The approval request expired';

/**
 * Runs the step's tool calls that are ready; a call still waiting for approval suspends the run
 * (true; false when it was decided meanwhile: the caller reads the state again), an expired one
 * counts as a denial. Each result is stored before it is journaled, so a resumed run never calls
 * a completed tool again.
 */
export async function runTools(
  services: Services,
  run: Run,
  pending: ExecutionToolCall[],
): Promise<boolean> {
  for (const call of pending) {
    if (call.status === 'pending_approval') {
      if (call.expiresAt && call.expiresAt > new Date()) return suspend(run);
      Object.assign(call, await expire(run, call));
    }
    const tool = toolOf(run.config, call.name);
    const { result, isError } =
      call.approved === false
        ? { result: { denied: true, reason: call.reason ?? 'Denied' }, isError: true }
        : tool
          ? await runTool(services, tool, call, run.execution)
          : { result: { error: `No tool named "${call.name}"` }, isError: true };
    await work(run.ctx, async (uow) => {
      await uow.tx.executionToolCall.update({
        where: { id: call.id },
        data: {
          status: 'completed',
          result: result as Prisma.InputJsonObject,
          completedAt: new Date(),
        },
      });
      await storeMessage(uow.tx, run.execution, {
        role: 'tool',
        content: JSON.stringify(result),
        toolCallId: call.toolCallId,
      });
      await journal(run, uow, [
        {
          type: 'tool_result',
          data: { toolCallId: call.toolCallId, name: call.name, result, isError },
        },
      ]);
      uow.emit(
        toolCallExecuted,
        { ...toolCallFacts(run, call), isError },
        { resourceId: toolCallResource(call), causationId: call.decisionEventId ?? causeOf(run) },
      );
    });
  }
  return false;
}

const toolCallFacts = (run: Run, call: ExecutionToolCall) => ({
  executionId: run.execution.id,
  agentId: run.execution.agentId,
  toolCallId: call.toolCallId,
  name: call.name,
});
const toolCallResource = (call: ExecutionToolCall) => `${call.executionId}:${call.toolCallId}`;

/**
 * Suspends the run while approvals wait. Under the execution's row lock, which approvals also
 * take: a decision that came in since the state was read is seen here, and the run goes on.
 */
function suspend(run: Run) {
  const { execution } = run;
  return work(run.ctx, async (uow) => {
    const held = await uow.tx.execution.updateMany({
      where: { id: execution.id, leaseOwner: run.workerId, status: 'running' },
      data: { updatedAt: new Date() },
    });
    if (!held.count) throw new RunStopped();
    const waiting = await uow.tx.executionToolCall.count({
      where: { executionId: execution.id, status: 'pending_approval' },
    });
    if (!waiting) return false;
    if (!(await setStatus(uow, execution.id, 'suspended', { leaseOwner: run.workerId })))
      throw new RunStopped();
    uow.emit(
      executionSuspended,
      { executionId: execution.id, agentId: execution.agentId, waitingApprovals: waiting },
      { resourceId: execution.id, causationId: causeOf(run) },
    );
    return true;
  });
}

/** An approval request that expired is denied: journaled and audited as a denial. */
function expire(run: Run, call: ExecutionToolCall) {
  return work(run.ctx, async (uow) => {
    const decisionEventId = uow.emit(
      toolCallDenied,
      { ...toolCallFacts(run, call), reason: EXPIRED, expired: true },
      { resourceId: toolCallResource(call), causationId: call.approvalRequestedEventId },
    );
    const decided = await uow.tx.executionToolCall.update({
      where: { id: call.id },
      data: {
        status: 'ready',
        approved: false,
        expired: true,
        reason: EXPIRED,
        decidedAt: new Date(),
        decisionEventId,
      },
    });
    await journal(run, uow, [
      {
        type: 'approval_decided',
        data: { toolCallId: call.toolCallId, approved: false, reason: EXPIRED, expired: true },
      },
    ]);
    return decided;
  });
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
