import { Prisma } from '../generated/prisma/client.ts';
import type { RequestContext } from '../kernel/context.ts';
import { modelColumns } from './model-columns.ts';
import { scopeFilter, type Scope } from './scoped.ts';

/**
 * A request's services and scope: raw reads take both from the context, never one alone. They go
 * to the driver adapter past Prisma's engine (`Services.query`), whose cost is most of a page's.
 */
type Reader = Pick<RequestContext, 'services' | 'scope'>;

/** How each column type travels in the page's JSON, and how it is read back. */
interface Codec {
  sql: (column: Prisma.Sql) => Prisma.Sql;
  read: (value: any) => any;
}
const CODECS: Record<string, Codec> = {
  String: { sql: (column) => column, read: (value) => value },
  Int: { sql: (column) => column, read: (value) => value },
  Boolean: { sql: (column) => column, read: (value) => value },
  Json: { sql: (column) => column, read: (value) => value },
  BigInt: {
    sql: (column) => Prisma.sql`${column}::text`,
    read: (value) => (value === null ? null : BigInt(value)),
  },
  // Prisma's DateTime columns hold milliseconds: the epoch in ms is exact.
  DateTime: {
    sql: (column) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::bigint`,
    read: (value) => (value === null ? null : new Date(value)),
  },
};

const COMPARISONS: Record<string, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<' };

/**
 * `where` as SQL conditions on `model` (equalities and comparisons, as `dateRange` writes, of
 * plain columns), and `scope`'s (null: the admin, unscoped): this is where a raw read of
 * tenant-owned rows is confined, as scopedClient confines Prisma's. Undefined for anything else.
 */
function scopedConditions(model: string, scope: Scope | null, where: Record<string, unknown>) {
  const columns = modelColumns.get(model);
  if (!columns) return undefined;
  const conditions: Prisma.Sql[] = [];
  for (const [name, condition] of Object.entries(where)) {
    const column = columns.get(name);
    if (condition === undefined) continue;
    if (column?.kind !== 'scalar' || column.type === 'Json') return undefined;
    const sql = Prisma.raw(`"${name}"`);
    if (condition === null) conditions.push(Prisma.sql`${sql} IS NULL`);
    else if (typeof condition !== 'object' || condition instanceof Date)
      conditions.push(Prisma.sql`${sql} = ${condition}`);
    else
      for (const [operator, value] of Object.entries(condition)) {
        if (value === undefined) continue;
        if (!COMPARISONS[operator] || value === null) return undefined;
        conditions.push(Prisma.sql`${sql} ${Prisma.raw(COMPARISONS[operator])} ${value}`);
      }
  }
  // The scope's conditions hold beside `where`'s, even on the same column (another tenant's id).
  for (const [name, value] of Object.entries(scope ? scopeFilter(model, scope) : {}))
    conditions.push(Prisma.sql`${Prisma.raw(`"${name}"`)} = ${value}`);
  return conditions;
}

const whereClause = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`true`;

/** How many rows of `model` in `scope` match `where`, or undefined as for `scopedConditions`. */
export function countRows(
  { services, scope }: Reader,
  model: string,
  where: Record<string, unknown>,
): Promise<number> | undefined {
  const conditions = scopedConditions(model, scope, where);
  if (!conditions) return undefined;
  const table = Prisma.raw(`"${model}"`);
  const statement = Prisma.sql`SELECT count(*)::int AS count FROM ${table} WHERE ${whereClause(conditions)}`;
  return services.query(statement).then(([{ count }]) => count as number);
}

/** What prismaConnection asks of a page: columns (`selectingColumns`), size and cursor. */
interface PageQuery {
  select?: Record<string, boolean>;
  take?: number;
  skip?: number;
  cursor?: Record<string, unknown>;
}

/**
 * A connection's page of `model`, newest first by `key`, read as one JSON array that the database
 * builds and that is parsed at once: Prisma's findMany costs more than the read itself per row.
 * The rows are confined to the context's scope (`scopedConditions`). `take`, `skip` and `cursor`
 * mean what they mean to Prisma (a negative take reads backwards from the cursor; a cursor row
 * that does not exist gives no rows). Undefined when the query asks more than plain columns, or
 * `where` more than `scopedConditions` writes: the caller reads that page through Prisma.
 */
export function readPageNewestFirst<Row>(
  { services, scope }: Reader,
  model: string,
  key: string,
  query: object,
  where: Record<string, unknown>,
): Promise<Row[]> | undefined {
  const { select, take, skip = 0, cursor, ...rest } = query as PageQuery;
  const modelFields = modelColumns.get(model);
  if (!modelFields || !select || typeof take !== 'number' || Object.keys(rest).length)
    return undefined;
  const columns = Object.keys(select).filter((name) => select[name]);
  // Enum columns have no codec: their pages go through Prisma.
  const codecs = columns.map((name) => {
    const field = modelFields.get(name);
    return field?.kind === 'scalar' ? CODECS[field.type] : undefined;
  });
  if (!columns.includes(key) || !codecs.every((codec): codec is Codec => codec !== undefined))
    return undefined;
  const conditions = scopedConditions(model, scope, where);
  if (!conditions) return undefined;
  const table = Prisma.raw(`"${model}"`);
  const keyColumn = Prisma.raw(`"${key}"`);
  const backwards = take < 0;
  if (cursor) {
    const at = Prisma.sql`(SELECT ${keyColumn} FROM ${table} WHERE ${keyColumn} = ${cursor[key]})`;
    conditions.push(Prisma.sql`${keyColumn} ${Prisma.raw(backwards ? '>=' : '<=')} ${at}`);
  }
  const order = Prisma.raw(backwards ? 'ASC' : 'DESC');
  const selected = Prisma.join(columns.map((name) => Prisma.raw(`"${name}"`)));
  const values = Prisma.join(columns.map((name, i) => codecs[i].sql(Prisma.raw(`"${name}"`))));
  const statement = Prisma.sql`
    SELECT coalesce(json_agg(json_build_array(${values}) ORDER BY ${keyColumn} DESC), '[]')::text AS rows
    FROM (SELECT ${selected} FROM ${table} WHERE ${whereClause(conditions)}
      ORDER BY ${keyColumn} ${order} LIMIT ${Math.abs(take)} OFFSET ${skip}) AS page`;
  return services
    .query(statement)
    .then(([{ rows }]) =>
      (JSON.parse(rows as string) as unknown[][]).map(
        (row) =>
          Object.fromEntries(columns.map((name, i) => [name, codecs[i].read(row[i])])) as Row,
      ),
    );
}
