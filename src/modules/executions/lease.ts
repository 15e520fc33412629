import { Prisma, type Execution } from '../../generated/prisma/client.ts';
import type { RequestContext, Services } from '../../kernel/context.ts';
import { work, workInOneStatement, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import type { RunConfig } from '../agents/run-config.ts';
import { executionStarted } from './events.ts';
import { setStatus } from './status.ts';
import { appendJournal, appending, type JournalInput, type JournalWriter } from './journal.ts';

/** The run was taken from this worker: cancelled, or its lease lost. Nothing more may be written. */
export class RunStopped extends Error {}

/** A claimed execution, with the names and configuration of what it runs. */
export interface ClaimedExecution extends Execution {
  agentName: string;
  agentVersionName: string;
  runConfig: Prisma.JsonValue;
  /** The conversation's id as its clients name it. */
  conversationId: string;
  /** Whether other executions were queued when it was claimed: the runner looks again at once. */
  moreQueued: boolean;
}

/** An execution this worker holds, with what its steps need. */
export interface Run {
  /** The run's context: its audit events share the correlation id of the request that created it. */
  ctx: RequestContext;
  execution: ClaimedExecution;
  config: RunConfig;
  workerId: string;
  /** Whether the runner is shutting down: the run stops at its next write. */
  stopping: () => boolean;
  /**
   * The run's start (`startRun`), committing while its first model call is made: every write of
   * the run waits for it, so the journal says `running` before anything the run did.
   */
  started: Promise<void>;
}

/** The audit event the run's own events name as their cause: its execution.created. */
export const causeOf = (run: Pick<Run, 'execution'>) => run.execution.createdEventId;

/**
 * Claims one execution for `workerId` with a lease: a queued one, one whose worker died (not one
 * this process runs), or a suspended one whose approval expired. `FOR UPDATE SKIP LOCKED` hands
 * each to one worker, with what its run reads besides (its version, agent and conversation), in
 * the same statement, and whether more are queued. The claim is not yet a change anyone sees:
 * `startRun` journals and announces it.
 */
export async function claimExecution(
  services: Services,
  workerId: string,
  leaseMs: number,
  runningIds: string[],
): Promise<ClaimedExecution | null> {
  const rows = await services.prisma.$queryRaw<ClaimedExecution[]>`
    WITH claimed AS (
      UPDATE "Execution" SET status = 'running', "leaseOwner" = ${workerId},
        "leaseExpiresAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8), claims = claims + 1, "updatedAt" = now()
      WHERE id = (
        SELECT e.id FROM "Execution" e
        WHERE (e.status = 'queued'
           OR (e.status = 'running' AND e."leaseExpiresAt" < now() AND NOT (e.id = ANY(${runningIds}::text[])))
           OR (e.status = 'suspended' AND EXISTS (
                SELECT 1 FROM "ExecutionToolCall" t
                WHERE t."executionId" = e.id AND t.status = 'pending_approval' AND t."expiresAt" < now())))
        ORDER BY e.seq
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
      RETURNING *)
    SELECT claimed.*, a.name AS "agentName", v.name AS "agentVersionName", v."runConfig",
      c."conversationId",
      EXISTS (SELECT 1 FROM "Execution" q WHERE q.status = 'queued' AND q.id <> claimed.id)
        AS "moreQueued"
    FROM claimed
    JOIN "AgentVersion" v ON v.id = claimed."agentVersionId"
    JOIN "Agent" a ON a.id = v."agentId"
    JOIN "Conversation" c ON c.id = claimed."conversationRef"`;
  return rows[0] ?? null;
}

/**
 * The claimed run's start: journaled, audited and published in ONE statement, no transaction (the
 * first model call waits for nothing else). Throws `RunStopped` when the worker no longer holds it.
 */
export async function startRun(run: Omit<Run, 'started'>) {
  const { execution, workerId } = run;
  if (run.stopping()) throw new RunStopped();
  const entry = {
    type: 'status_changed' as const,
    data: { status: 'running', worker: workerId, claim: execution.claims },
  };
  let starting!: UnitOfWork;
  const [started] = await workInOneStatement<StartedRow>(
    [run.ctx],
    ([uow]) => {
      starting = uow;
      const eventId = uow.emit(
        executionStarted,
        { executionId: execution.id, agentId: execution.agentId, claim: execution.claims },
        { resourceId: execution.id, causationId: causeOf(run) },
      );
      return {
        // The claim made it `running`: the guard's status condition is the start's own.
        ctes: appending(
          execution.id,
          [entry],
          { leaseOwner: workerId },
          [],
          Prisma.sql`"journalLength", "updatedAt"`,
        ),
        counted: Prisma.sql`SELECT ${eventId}::text FROM counter`,
        returning: Prisma.sql`SELECT appended.seq, appended.data, counter."journalLength",
          extract(epoch FROM appended."createdAt") * 1000 AS "createdAt",
          extract(epoch FROM counter."updatedAt") * 1000 AS "updatedAt"
          FROM appended, counter`,
        prepare: true,
      };
    },
    ([row]) => row && publishStart(starting, run.execution, row),
  );
  if (!started) throw new RunStopped();
}

/**
 * What the start statement gives back: the entry as stored (its data in jsonb's key order, as a
 * replay reads it) and the counter row's new values (times in ms).
 */
type StartedRow = {
  seq: number;
  data: Record<string, unknown>;
  journalLength: number;
  createdAt: number;
  updatedAt: number;
};

/** Publishes the start's journal entry and the execution's row as it now is, once committed. */
function publishStart(uow: UnitOfWork, execution: ClaimedExecution, row: StartedRow) {
  const {
    agentName: _agent,
    agentVersionName: _version,
    runConfig: _config,
    conversationId: _conversation,
    moreQueued: _more,
    ...claimed
  } = execution;
  const { tenantId, projectId, id: executionId } = claimed;
  uow.publish('executionJournal', tenantId, {
    tenantId,
    projectId,
    executionId,
    seq: Number(row.seq),
    type: 'status_changed',
    data: row.data,
    createdAt: new Date(Number(row.createdAt)),
  });
  uow.publish('executionUpdated', tenantId, {
    ...claimed,
    journalLength: Number(row.journalLength),
    updatedAt: new Date(Number(row.updatedAt)),
  });
}

/** Ends the run in `uow`, unless this worker no longer holds it (it was cancelled, or its lease lost). */
export function endRun(uow: UnitOfWork, run: Run, status: 'completed' | 'failed', error?: string) {
  return setStatus(uow, run.execution.id, status, {
    error,
    leaseOwner: run.workerId,
    causationId: causeOf(run),
  });
}

/** Journals entries in `uow` under the run's lease; a worker that lost it stops there. */
export async function journal(run: Run, uow: JournalWriter, entries: JournalInput[]) {
  await run.started;
  if (run.stopping()) throw new RunStopped();
  const written = await appendJournal(uow, run.execution.id, entries, { leaseOwner: run.workerId });
  if (!written.length) throw new RunStopped();
}

/**
 * Journals entries in one statement that commits on its own, published once it has. Not a unit of
 * work: it emits no event, and a run streams hundreds of pieces (a transaction each would slow
 * every stream down).
 */
export function journalNow(run: Run, entries: JournalInput[]) {
  const { prisma, bus } = run.ctx.services;
  return journal(run, { tx: prisma, publish: bus.publish.bind(bus) }, entries);
}

/** The most entries one write of a streamed answer takes; a stream further ahead waits for it. */
const STREAMED_BATCH = 500;

/**
 * Journals what a model streams (text, tool call requests) as it comes, without holding the stream
 * up for each piece: the first is written at once, and those that arrive while a write runs go
 * together in the next one (group commit). A slow stream costs a statement per piece, a fast one a
 * few in all, and each entry is still numbered, committed and then published on its own: no
 * subscriber sees a piece the database does not have.
 */
export class StreamedJournal {
  private queued: JournalInput[] = [];
  private writing: Promise<void> | null = null;
  /** What a write threw (the run was taken from this worker): every later call throws it. */
  private failure: { error: unknown } | null = null;

  constructor(private readonly run: Run) {}

  async append(entry: JournalInput) {
    this.throwIfFailed();
    this.queued.push(entry);
    this.writing ??= this.writeQueued();
    if (this.queued.length >= STREAMED_BATCH) await this.writing;
    this.throwIfFailed();
  }

  /** Waits until everything appended is journaled. */
  async flush() {
    await this.writing;
    this.throwIfFailed();
  }

  private async writeQueued() {
    try {
      while (this.queued.length && !this.failure) {
        await journalNow(this.run, this.queued.splice(0, STREAMED_BATCH));
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.writing = null;
    }
  }

  private throwIfFailed() {
    if (this.failure) throw this.failure.error;
  }
}

/** Renews the run's lease while it runs; returns what stops renewing. */
export function keepLease(services: Services, run: Run, leaseMs: number) {
  const heartbeat = setInterval(() => {
    services.prisma.execution
      .updateMany({
        where: { id: run.execution.id, leaseOwner: run.workerId, status: 'running' },
        data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
      })
      .catch((error) =>
        services.logger.warn({ err: error, executionId: run.execution.id }, 'lease renewal failed'),
      );
  }, leaseMs / 3);
  return () => clearInterval(heartbeat);
}

/** Shutting down: the run is handed over now rather than when its lease would expire. */
export async function handOver(services: Services, run: Run) {
  await services.prisma.execution.updateMany({
    where: { id: run.execution.id, leaseOwner: run.workerId },
    data: { leaseExpiresAt: new Date() },
  });
}
