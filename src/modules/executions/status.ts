import { Prisma, type Execution } from '../../generated/prisma/client.ts';
import type { ExecutionStatus } from '../../generated/prisma/enums.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import { executionCancelled, executionCompleted, executionFailed } from './events.ts';
import { appendJournalChanging, isTerminal, type TerminalStatus } from './journal.ts';

const finishedEvents = {
  completed: executionCompleted,
  failed: executionFailed,
  cancelled: executionCancelled,
} satisfies Record<TerminalStatus, unknown>;

export interface StatusChange {
  /** Why the run failed. */
  error?: string;
  /** Changes nothing unless this worker still holds the running execution's lease. */
  leaseOwner?: string;
  /** What the journal's status entry says besides the status (the worker that took the run). */
  details?: Record<string, unknown>;
  /** The cause of the finish event (the execution.created audit event, for the runner). */
  causationId?: string | null;
}

/**
 * Moves an execution to `status` in `uow`: journals it (and `finished` when the run ends), emits
 * the finish event of an ended run, and publishes the row once the change commits. Null when the
 * execution is gone, or (with `leaseOwner`) when that worker no longer holds it.
 */
export async function setStatus(
  uow: UnitOfWork,
  id: string,
  status: ExecutionStatus,
  change: StatusChange = {},
): Promise<Execution | null> {
  const ended = isTerminal(status);
  const updated = await appendJournalChanging(
    uow,
    id,
    [
      ...(change.error ? [{ type: 'error' as const, data: { message: change.error } }] : []),
      { type: 'status_changed', data: { status, ...change.details } },
      ...(ended ? [{ type: 'finished' as const, data: { status } }] : []),
    ],
    { leaseOwner: change.leaseOwner },
    [
      Prisma.sql`status = ${status}::"ExecutionStatus"`,
      ...(change.error === undefined ? [] : [Prisma.sql`error = ${change.error}`]),
      ...(status === 'running' ? [] : [Prisma.sql`"leaseOwner" = NULL, "leaseExpiresAt" = NULL`]),
      ...(ended ? [Prisma.sql`"endedAt" = now()`] : []),
    ],
  );
  if (!updated) return null;
  uow.publish('executionUpdated', updated.tenantId, updated);
  if (ended) {
    uow.emit(
      finishedEvents[status],
      { executionId: id, agentId: updated.agentId, status, error: change.error ?? null },
      { resourceId: id, causationId: change.causationId },
    );
  }
  return updated;
}
