import DataLoader from 'dataloader';

/**
 * The batch loaders of one request (or one WebSocket operation): rows that resolvers look up one
 * parent at a time, where the Prisma plugin cannot join them, are read in one query per tick.
 * Nothing is cached past the batch, so a long-lived subscription never sees a stale row.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  /**
   * The row under `key`, read together with every other key asked of the loader `name` in the same
   * tick. `batch` returns the rows it found; `keyOf` names each one's key.
   */
  load<Row>(
    name: string,
    key: string,
    batch: (keys: string[]) => Promise<Row[]>,
    keyOf: (row: Row) => string,
  ): Promise<Row | null> {
    let loader = this.loaders.get(name) as DataLoader<string, Row | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, Row | null>(
        async (keys) => {
          const rows = new Map((await batch([...keys])).map((row) => [keyOf(row), row]));
          return keys.map((wanted) => rows.get(wanted) ?? null);
        },
        { cache: false },
      );
      this.loaders.set(name, loader as DataLoader<string, unknown>);
    }
    return loader.load(key);
  }
}

/** A loader name for `parts` (a field's arguments and Prisma selection, whose cursors may be BigInts). */
export const loaderName = (...parts: unknown[]) =>
  JSON.stringify(parts, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value));

/** A Prisma plugin selection with `columns` added, so that batched rows can be matched to their keys. */
export const withColumns = <Query extends { select?: object }>(
  query: Query,
  ...columns: string[]
): Query =>
  query.select
    ? {
        ...query,
        select: { ...query.select, ...Object.fromEntries(columns.map((column) => [column, true])) },
      }
    : query;

/** Whether a Prisma plugin selection asks for relations (anything the payload row itself lacks). */
export const selectsRelations = (query: { include?: object; select?: object }) =>
  Boolean(query.include && Object.keys(query.include).length) ||
  Object.values(query.select ?? {}).some((value) => typeof value === 'object');
