/**
 * An async iterator its producer pushes into: values wait in order until read, then `end` (after
 * what waits, an error if given). A subscription of a popular channel has thousands of these, each
 * fed every payload: a push costs at most one promise, where a Repeater allocates several.
 * Like a Repeater, it starts (`start`) at the first read, and what `start` returns runs once when
 * the producer ends it or the reader returns (stops reading).
 */
export class Feed<T> implements AsyncIterableIterator<T> {
  private queue: T[] = [];
  private head = 0;
  private reader?: {
    resolve: (result: IteratorResult<T>) => void;
    reject: (error: unknown) => void;
  };
  /** Producers waiting for the reader to catch up (`whenUnreadBelow`). */
  private producers: { below: number; resume: () => void }[] = [];
  private isEnded = false;
  private error: unknown;
  private onEnd?: () => void;

  constructor(private start?: (feed: Feed<T>) => () => void) {}

  /** Whether it was ended (by its producer, or by its reader's return). */
  get ended() {
    return this.isEnded;
  }

  /** Values pushed and not read yet. */
  get unread() {
    return this.queue.length - this.head;
  }

  push(value: T) {
    if (this.isEnded) return;
    if (this.reader) {
      const { resolve } = this.reader;
      this.reader = undefined;
      resolve({ value, done: false });
    } else this.queue.push(value);
  }

  /** Ends the feed once what was pushed is read; with `error`, the reader then gets it. */
  end(error?: unknown) {
    if (this.isEnded) return;
    this.isEnded = true;
    this.error = error;
    this.start = undefined;
    this.onEnd?.();
    this.onEnd = undefined;
    if (this.reader && !this.unread) this.settleEnd(this.reader);
    this.wakeWaiters();
  }

  /** Resolves once fewer than `count` values wait to be read, or the feed ended. */
  whenUnreadBelow(count: number): Promise<void> | undefined {
    if (this.unread < count || this.isEnded) return undefined;
    return new Promise((resume) => this.producers.push({ below: count, resume }));
  }

  next(): Promise<IteratorResult<T>> {
    if (this.start) {
      const start = this.start;
      this.start = undefined;
      const onEnd = start(this);
      // Ended while starting: nothing is left to stop later.
      if (this.isEnded) onEnd();
      else this.onEnd = onEnd;
    }
    if (this.unread) {
      const value = this.queue[this.head];
      this.queue[this.head++] = undefined as T;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      }
      if (this.producers.length) this.wakeWaiters();
      return Promise.resolve({ value, done: false });
    }
    return new Promise((resolve, reject) => {
      if (this.isEnded) this.settleEnd({ resolve, reject });
      else this.reader = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.queue = [];
    this.head = 0;
    this.end();
    this.error = undefined;
    if (this.reader) this.settleEnd(this.reader);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private settleEnd(reader: NonNullable<Feed<T>['reader']>) {
    this.reader = undefined;
    const error = this.error;
    this.error = undefined;
    if (error === undefined) reader.resolve({ value: undefined, done: true });
    else reader.reject(error);
  }

  private wakeWaiters() {
    const waiting = this.producers;
    this.producers = [];
    for (const producer of waiting) {
      if (this.isEnded || this.unread < producer.below) producer.resume();
      else this.producers.push(producer);
    }
  }
}

/**
 * Values a source hands over in one piece (a page of a journal read from the database): a reader
 * that can takes them in one step (`src/http/shared-subscriptions.ts` answers a page as one batch,
 * written to its socket at once), where one value per step costs a chain of promises each.
 */
export class Page<T> {
  constructor(readonly values: readonly T[]) {}
}

/** The values of one step of a stream that hands over pages. */
export const valuesOf = <T>(step: T | Page<T>): readonly T[] =>
  step instanceof Page ? step.values : [step];
