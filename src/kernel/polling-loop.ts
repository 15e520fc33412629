import { inBackground } from '../db/priority.ts';
import { connectionFailure } from './errors.ts';
import type { Logger } from './logger.ts';

/** The longest an idle loop waits between rounds, unless its `pollMs` is longer still. */
const IDLE_POLL_MS = 1000;

/**
 * Runs `tick` until stopped: at once again when it found work, else after `pollMs` (or as soon as
 * `nudge()` says work is waiting). Rounds that keep finding nothing wait twice as long each time, up
 * to 4 × `pollMs` or IDLE_POLL_MS (whichever is shorter): an idle server's claims cost a share of
 * every request's CPU. A nudge or a round that found work returns to `pollMs`. The background
 * workers (executions, webhook deliveries, webhook invocations) share it.
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
    const longestWait = Math.max(this.pollMs, Math.min(4 * this.pollMs, IDLE_POLL_MS));
    let wait = this.pollMs;
    while (!this.stopping) {
      this.nudged = false;
      if ((await this.tick()) || this.nudged) {
        wait = this.pollMs;
        continue;
      }
      const nudged = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.wake = null;
      wait = nudged ? this.pollMs : Math.min(2 * wait, longestWait);
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
