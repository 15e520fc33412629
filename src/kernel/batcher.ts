export interface BatcherOptions {
  /** How long the first call of a batch waits for others. */
  waitMs: number;
  /** The most calls one batch takes; more start the next batch. */
  maxSize: number;
  /**
   * The most batches of one key running at once (group commit): calls that come meanwhile wait and
   * go together as soon as one ends, so the busier the key, the larger its batches. Unlimited when
   * absent.
   */
  inFlight?: number;
  /**
   * When a batch of several fails as a whole, run each of its calls again alone: the one at fault
   * fails, the others succeed.
   */
  aloneOnFailure?: boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/** One key's calls: those waiting for a batch, and how many of its batches run. */
interface Lane<I, O> {
  waiting: Waiting<I, O>[];
  running: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Coalesces concurrent calls that share a key (a tenant's scope) into batches, flushed `waitMs`
 * after a batch's first call, or as soon as a running batch of the key ends when `inFlight` of them
 * run. `run` answers every item of a batch, in order, with its value or the Error that this item
 * alone fails with; if it throws, every item of the batch fails with that error (or, with
 * `aloneOnFailure`, is run again alone).
 */
export class KeyedBatcher<I, O> {
  /** Only keys with calls waiting or batches running are kept, however many tenants come and go. */
  private readonly lanes = new Map<string, Lane<I, O>>();

  constructor(
    private readonly run: (items: readonly I[]) => Promise<(O | Error)[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(key: string, item: I): Promise<O> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { waiting: [], running: 0, timer: null };
      this.lanes.set(key, lane);
    }
    const added = new Promise<O>((resolve, reject) => lane.waiting.push({ item, resolve, reject }));
    this.schedule(key, lane, false);
    return added;
  }

  private schedule(key: string, lane: Lane<I, O>, waitedEnough: boolean) {
    if (!lane.waiting.length) {
      if (!lane.running) this.lanes.delete(key);
      return;
    }
    // A running batch's end flushes what waits.
    if (lane.running >= (this.options.inFlight ?? Infinity)) return;
    if (waitedEnough || lane.waiting.length >= this.options.maxSize) {
      this.flush(key, lane);
      return;
    }
    lane.timer ??= setTimeout(() => this.flush(key, lane), this.options.waitMs);
  }

  private flush(key: string, lane: Lane<I, O>) {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    const batch = lane.waiting.splice(0, this.options.maxSize);
    lane.running += 1;
    this.settle(batch).finally(() => {
      lane.running -= 1;
      this.schedule(key, lane, true);
    });
    // More than one batch's worth waited: the rest goes too, if the key may run another.
    this.schedule(key, lane, false);
  }

  private async settle(batch: Waiting<I, O>[]) {
    try {
      const results = await this.run(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => {
        const result = results[index];
        if (result instanceof Error) waiting.reject(result);
        else waiting.resolve(result);
      });
    } catch (error) {
      if (this.options.aloneOnFailure && batch.length > 1)
        await Promise.all(batch.map((waiting) => this.settle([waiting])));
      else for (const waiting of batch) waiting.reject(error);
    }
  }
}
