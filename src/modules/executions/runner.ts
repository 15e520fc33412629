import { randomUUID } from 'node:crypto';
import { systemContext, type Services } from '../../kernel/context.ts';
import { claimFailureLogger, PollingLoop } from '../../kernel/polling-loop.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { inSpan } from '../../kernel/tracing.ts';
import { runConfigOf } from '../agents/run-config.ts';
import {
  claimExecution,
  endRun,
  handOver,
  journalNow,
  keepLease,
  RunStopped,
  startRun,
  type ClaimedExecution,
  type Run,
} from './lease.ts';
import { callModel, loadState } from './model-step.ts';
import { runTools } from './tools.ts';

export interface RunnerOptions {
  /** How long a claim lasts without a heartbeat; a crashed worker's executions resume after it. */
  leaseMs: number;
  /** How often an idle runner looks for work that another instance queued. */
  pollMs: number;
  /** Executions one process runs at once. */
  concurrency: number;
}

/**
 * Claims queued executions (and those whose worker died, and those whose approvals expired) with a
 * lease, runs them, renews the lease while it runs. Every journal write checks the lease, so a
 * worker that lost it writes nothing more. Each change of the run is a unit of work: what it
 * journals and publishes is seen only once committed.
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
  /** A round found no place for a run: the next run to end looks for work. */
  private full = false;

  constructor(
    private readonly services: Services,
    private readonly options: RunnerOptions,
  ) {
    this.claimFailed = claimFailureLogger(services.logger, 'claiming an execution failed');
    this.loop = new PollingLoop(options.pollMs, async () => {
      if (this.running.size >= this.options.concurrency) {
        this.full = true;
        return false;
      }
      let claimed: ClaimedExecution | null = null;
      try {
        claimed = await claimExecution(services, this.workerId, options.leaseMs, [
          ...this.runningIds,
        ]);
      } catch (error) {
        this.claimFailed(error);
      }
      if (!claimed) return false;
      const execution = claimed;
      const executionId = execution.id;
      this.runningIds.add(executionId);
      const run = inSpan('execution.run', { attributes: { executionId } }, () =>
        this.run(execution),
      ).catch((error) =>
        this.services.logger.error({ err: error, executionId }, 'execution run failed'),
      );
      this.running.add(run);
      void run.finally(() => {
        this.running.delete(run);
        this.runningIds.delete(executionId);
        if (this.full) {
          this.full = false;
          this.loop.nudge();
        }
      });
      // A claim that would find nothing costs as much as one that finds a run: none is made
      // until a creation, a freed place or the poll says there may be work.
      return execution.moreQueued;
    });
  }

  start() {
    if (this.options.concurrency > 0) this.loop.start();
  }

  /** Looks for work now instead of at the next poll. */
  nudge = () => this.loop.nudge();

  async stop() {
    await this.loop.stop();
    await Promise.allSettled(this.running);
  }

  private async run(execution: ClaimedExecution) {
    const scope = { tenantId: execution.tenantId, projectId: execution.projectId };
    const claimed = {
      ctx: systemContext(this.services, scope, execution.correlationId, {
        actorType: 'system',
        actorId: 'execution-runner',
      }),
      execution,
      config: runConfigOf(execution.runConfig),
      workerId: this.workerId,
      stopping: () => this.loop.stopped,
    };
    // The state is read, and the model called, while the start commits: the start changes nothing
    // they read, and the run's writes wait for it (`Run.started`). A first claim's run has done
    // nothing yet: only its conversation is read.
    let loading = loadState(this.services, claimed, execution.claims === 1);
    const run: Run = { ...claimed, started: startRun(claimed) };
    run.started.catch(() => {}); // a failed start fails the run's first write
    const stopRenewing = keepLease(this.services, run, this.options.leaseMs);
    try {
      for (; ; loading = loadState(this.services, run)) {
        const state = await loading;
        if (state.pending.length) {
          await run.started; // suspending is a write too
          if (await runTools(this.services, run, state.pending)) return;
          continue;
        }
        const step = state.completedSteps + 1;
        if (state.startedSteps >= step)
          await journalNow(run, [{ type: 'step_restarted', data: { step } }]);
        const answer = await callModel(this.services, run, step, state.messages);
        if (!answer.toolCalls.length) return;
      }
    } catch (error) {
      if (error instanceof RunStopped) {
        if (this.loop.stopped) await handOver(this.services, run);
        return;
      }
      await run.started.catch(() => {}); // the failure is journaled after the start
      await work(run.ctx, (uow) => endRun(uow, run, 'failed', (error as Error).message)).catch(
        () => {},
      );
    } finally {
      stopRenewing();
    }
  }
}
