/**
 * Runs `tick` until stopped: at once again when it found work, else after `pollMs` (or as soon as
 * `nudge()` says work is waiting). The background workers (executions, webhook deliveries) share it.
 */
export class PollingLoop {
  private wake: (() => void) | null = null;
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

  start() {
    this.loop ??= this.run();
  }

  nudge = () => this.wake?.();

  async stop() {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run() {
    while (!this.stopping) {
      if (await this.tick()) continue;
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
