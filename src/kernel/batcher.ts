import DataLoader from 'dataloader';

export interface BatcherOptions {
  /** How long the first call of a batch waits for others. */
  waitMs: number;
  /** The most calls one batch takes; more start the next batch. */
  maxSize: number;
}

/**
 * Coalesces concurrent calls that share a key (a tenant's scope) into batches: dataloader without
 * its cache, flushed `waitMs` after a batch's first call. `run` answers every item of a batch, in
 * order, with its value or the Error that this item alone fails with.
 */
export class KeyedBatcher<I, O> {
  private readonly filling = new Map<string, DataLoader<I, O>>();

  constructor(
    private readonly run: (items: readonly I[]) => Promise<(O | Error)[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(key: string, item: I): Promise<O> {
    let loader = this.filling.get(key);
    if (!loader) {
      const created = new DataLoader<I, O>(
        (items) => {
          // Only keys with a batch filling are kept, however many tenants come and go.
          if (this.filling.get(key) === created) this.filling.delete(key);
          return this.run(items);
        },
        {
          cache: false,
          maxBatchSize: this.options.maxSize,
          batchScheduleFn: (flush) => setTimeout(flush, this.options.waitMs),
        },
      );
      loader = created;
      this.filling.set(key, loader);
    }
    return loader.load(item);
  }
}
