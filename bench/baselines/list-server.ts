// Baseline: a minimal graphql-yoga + `pg` server answering `appEvents(first:)` with totalCount,
// edges and pageInfo from hand-written SQL over the same table and tenant (BENCH_TENANT). Embedded
// mode reads a copy of the server's PGlite folder (BENCH_TARGET), a database only it opens.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { openSql, type Target } from '../lib/db.ts';
import { report } from '../lib/processes.ts';

const target = JSON.parse(process.env.BENCH_TARGET!) as Target;
const tenantId = process.env.BENCH_TENANT!;
const sql = await openSql(target, 10);

const typeDefs = `
  scalar JSON
  type AppEvent { id: ID!, type: String!, createdAt: String!, properties: JSON }
  type AppEventEdge { cursor: String!, node: AppEvent! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
  type AppEventConnection { totalCount: Int!, edges: [AppEventEdge!]!, pageInfo: PageInfo! }
  type Query { appEvents(first: Int): AppEventConnection! }`;

interface Row {
  seq: string;
  id: string;
  type: string;
  createdAt: Date;
  properties: unknown;
}
const yoga = createYoga({
  schema: createSchema({
    typeDefs,
    resolvers: {
      Query: {
        appEvents: async (_: unknown, { first }: { first: number }) => {
          const [rows, [{ count }]] = await Promise.all([
            sql.query<Row>(
              `SELECT seq, id, type, "createdAt", properties FROM "AppEvent"
               WHERE "tenantId" = $1 ORDER BY seq DESC LIMIT $2`,
              [tenantId, first + 1],
            ),
            sql.query<{ count: number }>(
              'SELECT count(*)::int AS count FROM "AppEvent" WHERE "tenantId" = $1',
              [tenantId],
            ),
          ]);
          const edges = rows.slice(0, first).map((row) => ({
            cursor: String(row.seq),
            node: { ...row, createdAt: new Date(row.createdAt).toISOString() },
          }));
          return {
            totalCount: count,
            edges,
            pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor },
          };
        },
      },
    },
  }),
  logging: false,
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  report('ready', { port: (server.address() as { port: number }).port });
});
