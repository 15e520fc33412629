import { storableText } from '../../db/storable.ts';
import { systemContext, type Services } from '../../kernel/context.ts';
import { asAppError, isUniqueViolation, type AppError } from '../../kernel/errors.ts';
import { claimFailureLogger, PollingLoop } from '../../kernel/polling-loop.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { createExecution } from '../executions/service.ts';
import { triggerInvocationFailed, triggerInvoked } from './events.ts';

/** An accepted webhook's invocation whose execution does not exist yet. */
interface Waiting {
  id: string;
  tenantId: string;
  projectId: string | null;
  correlationId: string;
  triggerId: string;
  agentId: string;
  /** The webhook's `trigger.invoked` audit event: the start's cause. */
  invokedId: string | null;
  /** What its 202 promised, and the message the agent receives. */
  executionId: string;
  conversationId: string;
  message: string;
}

/** Invocations one round starts; the next round follows at once when there were this many. */
const BATCH = 20;

/**
 * Starts the executions of accepted webhooks, apart from their request: the invocation row (with
 * the execution id its 202 promised) is the queue. Woken after each accepted webhook commits, and
 * polling for those another instance accepted, or that a process which died left waiting. Each
 * start is caused by the webhook's `trigger.invoked` and is one statement (`createExecution`):
 * the execution's id, its primary key, makes it happen once, whichever instance gets there first.
 */
export class InvocationStarter {
  private readonly loop: PollingLoop;

  constructor(
    private readonly services: Services,
    pollMs: number,
  ) {
    const failed = claimFailureLogger(services.logger, 'starting a webhook’s execution failed');
    this.loop = new PollingLoop(pollMs, async () => {
      try {
        return await this.startWaiting();
      } catch (error) {
        failed(error);
        return false;
      }
    });
  }

  start() {
    this.loop.start();
  }

  nudge = () => this.loop.nudge();

  stop() {
    return this.loop.stop();
  }

  /** True when the round found a full batch: more may be waiting. */
  private async startWaiting() {
    const waiting = await this.services.prisma.$queryRaw<Waiting[]>`
      SELECT i.id, i."tenantId", i."projectId", i."correlationId", t.id AS "triggerId", t."agentId",
        i."executionId", i."conversationId", i.message,
        (SELECT a.id FROM "AuditEvent" a
          WHERE a."tenantId" = i."tenantId" AND a."correlationId" = i."correlationId"
            AND a."eventType" = ${triggerInvoked.name} AND a.outcome = 'success'
          LIMIT 1) AS "invokedId"
      FROM "TriggerInvocation" i JOIN "Trigger" t ON t."webhookKey" = i."webhookKey"
      WHERE i.status = 'pending' AND i."executionId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "Execution" e WHERE e.id = i."executionId")
      ORDER BY i.seq
      LIMIT ${BATCH}`;
    for (const invocation of waiting) {
      if (this.loop.stopped) return false;
      await this.startOne(invocation);
    }
    return waiting.length === BATCH;
  }

  private async startOne(invocation: Waiting) {
    const ctx = systemContext(
      this.services,
      { tenantId: invocation.tenantId, projectId: invocation.projectId },
      invocation.correlationId,
      { actorType: 'webhook', actorId: `trigger:${invocation.triggerId}` },
    );
    try {
      await createExecution(
        ctx,
        {
          agentId: invocation.agentId,
          conversationId: invocation.conversationId,
          messages: [{ role: 'user', content: invocation.message }],
        },
        { id: invocation.executionId, causationId: invocation.invokedId },
      );
    } catch (error) {
      // Another instance started it meanwhile (the execution's id is the invocation's).
      if (isUniqueViolation(error)) return;
      const refusal = asAppError(error);
      if (!refusal) throw error;
      await this.fail(ctx, invocation, refusal, invocation.invokedId);
    }
  }

  /** The execution cannot start (its agent has no version to run...): the invocation fails with why. */
  private fail(
    ctx: ReturnType<typeof systemContext>,
    invocation: Waiting,
    error: AppError,
    causationId: string | null,
  ) {
    return work(ctx, async (uow) => {
      const errorMessage = storableText(error.message);
      const { count } = await uow.tx.triggerInvocation.updateMany({
        where: { id: invocation.id, status: 'pending' },
        data: { status: 'failed', errorMessage, executionId: null },
      });
      if (!count) return;
      uow.emit(
        triggerInvocationFailed,
        {
          invocationId: invocation.id,
          triggerId: invocation.triggerId,
          agentId: invocation.agentId,
          errorMessage,
        },
        { resourceId: invocation.id, causationId },
      );
      uow.publish(
        'triggerInvocationUpdated',
        invocation.tenantId,
        await uow.tx.triggerInvocation.findUniqueOrThrow({ where: { id: invocation.id } }),
      );
    });
  }
}
