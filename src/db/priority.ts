import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs `work`, and everything it starts, as background work (the runner, the invocation starter,
 * the delivery worker): its statements give way to those of requests (`StatementGate`).
 */
export const inBackground = <T>(work: () => T): T => background.run(true, work);

/** Request turns in a row while background work waits, before it gets one: it still progresses. */
const FOREGROUND_TURNS = 8;

/**
 * Hands the database out, a statement (or a whole transaction) at a time: to requests first, to
 * background work only up to `backgroundSlots` at once. Embedded, PGlite runs one statement at a
 * time: a request's statement waits for the one running, not for every runner statement queued
 * before it. On PostgreSQL, background work never holds more than its share of the pool.
 */
export class StatementGate {
  private busy = 0;
  private busyBackground = 0;
  private foregroundTurns = 0;
  private readonly waiting = { foreground: [] as (() => void)[], background: [] as (() => void)[] };

  constructor(
    private readonly slots: number,
    private readonly backgroundSlots: number,
  ) {}

  /** Waits for a turn; returns what ends it (once). */
  async enter(): Promise<() => void> {
    const isBackground = background.getStore() === true;
    await new Promise<void>((resolve) => {
      this.waiting[isBackground ? 'background' : 'foreground'].push(resolve);
      this.dispatch();
    });
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.busy -= 1;
      if (isBackground) this.busyBackground -= 1;
      this.dispatch();
    };
  }

  /** Runs `statement` in a turn of its own. */
  async run<T>(statement: () => Promise<T>): Promise<T> {
    const leave = await this.enter();
    try {
      return await statement();
    } finally {
      leave();
    }
  }

  private dispatch() {
    const { foreground, background } = this.waiting;
    while (this.busy < this.slots) {
      const backgroundNext =
        background.length > 0 &&
        this.busyBackground < this.backgroundSlots &&
        (!foreground.length || this.foregroundTurns >= FOREGROUND_TURNS);
      if (backgroundNext) {
        // A statement's promises resolve as microtasks: granted at once, runs would follow runs
        // without the event loop ever reading a request. Background turns start on a turn of
        // their own, after pending I/O.
        if (!this.inBackgroundTurn) return this.scheduleBackgroundTurn();
        this.foregroundTurns = 0;
        this.busy += 1;
        this.busyBackground += 1;
        background.shift()!();
      } else if (foreground.length) {
        if (background.length) this.foregroundTurns += 1;
        this.busy += 1;
        foreground.shift()!();
      } else return;
    }
  }

  private inBackgroundTurn = false;
  private backgroundTurnScheduled = false;

  private scheduleBackgroundTurn() {
    if (this.backgroundTurnScheduled) return;
    this.backgroundTurnScheduled = true;
    setImmediate(() => {
      this.backgroundTurnScheduled = false;
      this.inBackgroundTurn = true;
      try {
        this.dispatch();
      } finally {
        this.inBackgroundTurn = false;
      }
    });
  }
}
