import { inBackground } from '../db/priority.ts';
import { connectionFailure } from './errors.ts';
import type { Logger } from './logger.ts';

/**
 * Runs `tick` until stopped: at once again when it found work, else after `pollMs` (or as soon as
 * `nudge()` says work is waiting). The background workers (executions, webhook deliveries) share it.
 */
export class PollingLoop {
  private wake: (() => void) | null = null;
  /** A nudge came while a round ran: that round may have looked before the work was there. */
  private nudged = false;
  private stopping = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly pollMs: number,
    /** Does one round of work; true when it found some. Errors are for it to handle. */
    private readonly tick: () => Promise<boolean>,
  ) {}

  get stopped() {
    return this.stopping;
  }

  /** Its rounds, and all they start, are background work: requests' statements go first. */
  start() {
    this.loop ??= inBackground(() => this.run());
  }

  nudge = () => {
    this.nudged = true;
    this.wake?.();
  };

  async stop() {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run() {
    while (!this.stopping) {
      this.nudged = false;
      if ((await this.tick()) || this.nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

/**
 * Logs a round's failure to claim work: a lost database connection as one warning every 10 s
 * (every poll fails until it returns, and it is no bug), anything else as an error with its stack.
 */
export function claimFailureLogger(logger: Logger, what: string) {
  let lastWarned = 0;
  return (error: unknown) => {
    const reason = connectionFailure(error);
    if (!reason) return logger.error({ err: error }, what);
    if (Date.now() - lastWarned < 10_000) return;
    lastWarned = Date.now();
    logger.warn({ reason }, `${what}: the database is unreachable; retrying`);
  };
}
