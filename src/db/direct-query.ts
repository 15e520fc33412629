// Statements sent past Prisma's query engine, on the Prisma client's own driver adapter: a hot
// statement's cost is mostly the engine's. They keep the adapter's statement gate (priority.ts).
import { createHash } from 'node:crypto';
import {
  ColumnTypeEnum,
  type ArgType,
  type SqlDriverAdapter,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { inSpan, SpanKind } from '../kernel/tracing.ts';

export interface QueryOptions {
  /**
   * The statement's text is one of a few that never change with the data (lists go as JSON
   * parameters): on PostgreSQL each connection parses and plans it once, then only binds it.
   */
  prepare?: boolean;
}

/** A parameter the driver takes as it is (the adapters convert only Dates, bytes and lists). */
const UNKNOWN_ARG: ArgType = { scalarType: 'unknown', arity: 'scalar' };

/** The names of the statements `directQuery` sends prepared; the others go unnamed. */
export const statementNames = new WeakMap<SqlQuery, string>();
const preparedName = (text: string) =>
  `sb_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;

/**
 * Runs one statement on `prisma`'s adapter (connected by the client on first use): its rows as
 * objects, JSON columns parsed; reported to `onQuery` as Prisma's own statements are.
 */
export function directQuery(
  prisma: PrismaClient,
  clientAdapter: () => Promise<SqlDriverAdapter> | undefined,
  onQuery?: (sql: string) => void,
) {
  return async (statement: Prisma.Sql, { prepare }: QueryOptions = {}) => {
    if (!clientAdapter()) await prisma.$connect();
    onQuery?.(statement.text);
    const sqlQuery: SqlQuery = {
      sql: statement.text,
      args: statement.values,
      argTypes: statement.values.map(() => UNKNOWN_ARG),
    };
    if (prepare) statementNames.set(sqlQuery, preparedName(statement.text));
    // Named as Prisma names its own statements' spans: it is Prisma's driver adapter that runs it.
    const { columnNames, columnTypes, rows } = await inSpan(
      'prisma:adapter:query',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql', 'db.query.text': statement.text },
      },
      async () => (await clientAdapter()!).queryRaw(sqlQuery),
    );
    return rows.map((row) =>
      Object.fromEntries(
        columnNames.map((name, index) => [
          name,
          columnTypes[index] === ColumnTypeEnum.Json && typeof row[index] === 'string'
            ? JSON.parse(row[index] as string)
            : row[index],
        ]),
      ),
    );
  };
}
