import { Prisma } from '../generated/prisma/client.ts';
import type { ReturnedRow, UnitOfWork } from './unit-of-work.ts';
import type { QueryOptions } from '../db/direct-query.ts';

/** A change written as the leading parts of its commit statement (`workInOneStatement`). */
export interface StatementChange {
  /** Its CTEs (`name AS (…)`, comma-separated), before the commit steps' parts. */
  ctes: Prisma.Sql;
  /** A query of the ids of the emitted events whose change happened. */
  counted: Prisma.Sql;
  /** A query of the rows the change's caller gets back. */
  returning: Prisma.Sql;
  /**
   * The statement's text never changes with the data (every list goes as a JSON parameter, as the
   * commit steps' do): prepared once per connection (`QueryOptions.prepare`).
   */
  prepare?: boolean;
}

/** Sends one statement: a transaction's client's `$queryRaw`, or `Services.query` outside one. */
export type SendStatement = (
  statement: Prisma.Sql,
  options: QueryOptions,
) => Promise<Record<string, unknown>[]>;

/**
 * Writes the commit steps' rows for the events of `units`, after `change`'s own rows, in ONE
 * statement (atomic on its own: one round trip whatever the steps). Returns `change`'s rows and
 * what runs once it has committed: the steps' effects, then each unit's own publishes.
 */
export async function writeCommit(
  send: SendStatement,
  units: UnitOfWork[],
  change?: StatementChange,
) {
  const emitted = units.flatMap((uow) => uow.emitted);
  const { services } = units[0].ctx;
  const steps = services.unitOfWork.commitSteps;
  const parts = emitted.length
    ? steps.flatMap((step, index) => {
        const write = step.write?.(emitted, change?.counted ?? null);
        return write ? [{ index, name: Prisma.raw(`step${index}`), write }] : [];
      })
    : [];
  const ctes = [
    ...(change ? [change.ctes] : []),
    ...parts.map(({ name, write }) => Prisma.sql`${name} AS (${write})`),
  ];
  // Each part's rows as one JSON array, told apart by the part's number: -2 the change's, -1 the
  // counted ids. One row per part, not one per event and part: each row costs the driver (and
  // PGlite's protocol) its own decoding.
  const selects = [
    ...(change
      ? [
          Prisma.sql`SELECT -2 AS part, jsonb_agg(to_jsonb(r)) AS returned FROM (${change.returning}) r`,
          Prisma.sql`SELECT -1, jsonb_agg(jsonb_build_object('id', c.id)) FROM (${change.counted}) c(id)`,
        ]
      : []),
    ...parts.map(
      ({ index, name }) =>
        Prisma.sql`SELECT ${Prisma.raw(String(index))}, jsonb_agg(to_jsonb(${name})) FROM ${name}`,
    ),
  ];
  const rows = selects.length
    ? ((await send(
        Prisma.sql`WITH ${Prisma.join(ctes, ', ')} ${Prisma.join(selects, ' UNION ALL ')}`,
        { prepare: change?.prepare },
      )) as { part: number; returned: ReturnedRow[] | null }[])
    : [];
  const rowsOf = (part: number) => rows.find((row) => row.part === part)?.returned ?? [];
  const counted = change && new Set(rowsOf(-1).map((row) => row.id));
  const events = counted ? emitted.filter((event) => counted.has(event.id)) : emitted;
  const publish = () => {
    if (events.length)
      steps.forEach((step, index) => step.committed?.(events, rowsOf(index), services));
    for (const uow of units) uow.runPublishes();
  };
  return { returned: rowsOf(-2), publish };
}
