import { Prisma } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { LlmEventFilter } from './ingest.ts';

export const USAGE_DIMENSIONS = ['agent', 'version', 'model', 'provider', 'person', 'day'] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

export interface UsageGroup {
  agent: string | null;
  version: string | null;
  model: string | null;
  provider: string | null;
  person: string | null;
  day: Date | null;
  count: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Sum over the priced events; null when none of the group's events has a price. */
  costUsd: number | null;
  unpricedCount: number;
  errorCount: number;
  errorRate: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
}

/**
 * Each dimension: the LlmEvent column it groups by, and how the outer query names the group. A
 * version is named with its agent, since version names repeat across agents.
 */
const dimensionSql: {
  [D in UsageDimension]: { column: Prisma.Sql; label: Prisma.Sql; join?: Prisma.Sql };
} = {
  agent: {
    column: Prisma.sql`e."agentId"`,
    label: Prisma.sql`a.name`,
    join: Prisma.sql`JOIN "Agent" a ON a.id = g."agentId"`,
  },
  version: {
    column: Prisma.sql`e."agentVersionId"`,
    label: Prisma.sql`v.name`,
    join: Prisma.sql`JOIN "AgentVersion" v ON v.id = g."agentVersionId" JOIN "Agent" va ON va.id = v."agentId"`,
  },
  model: { column: Prisma.sql`e.model`, label: Prisma.sql`g.model` },
  provider: { column: Prisma.sql`e.provider`, label: Prisma.sql`g.provider` },
  person: {
    column: Prisma.sql`e."personRef"`,
    label: Prisma.sql`p."personId"`,
    join: Prisma.sql`LEFT JOIN "Person" p ON p.id = g."personRef"`,
  },
  day: { column: Prisma.sql`date_trunc('day', e."createdAt")`, label: Prisma.sql`g.day` },
};
const groupColumnName: { [D in UsageDimension]: string } = {
  agent: 'agentId',
  version: 'agentVersionId',
  model: 'model',
  provider: 'provider',
  person: 'personRef',
  day: 'day',
};

function labelOf(dimension: UsageDimension, dimensions: UsageDimension[]): Prisma.Sql {
  if (dimensions.includes(dimension)) return dimensionSql[dimension].label;
  if (dimension === 'agent' && dimensions.includes('version')) return Prisma.sql`va.name`;
  return Prisma.sql`NULL`;
}

/**
 * Count, tokens, cost, error rate and latency percentiles of the events a filter selects, per
 * group of the chosen dimensions (one group of everything when none), computed by the database:
 * the events are aggregated by their id columns first and the names joined to the groups after.
 */
export async function telemetryUsage(
  ctx: RequestContext,
  groupBy: UsageDimension[],
  filter: LlmEventFilter = {},
): Promise<UsageGroup[]> {
  const scope = requireScope(ctx);
  const dimensions = USAGE_DIMENSIONS.filter((dimension) => groupBy.includes(dimension));
  const conditions: Prisma.Sql[] = [Prisma.sql`e."tenantId" = ${scope.tenantId}`];
  if (scope.projectId) conditions.push(Prisma.sql`e."projectId" = ${scope.projectId}`);
  const inScope = Prisma.sql`"tenantId" = ${scope.tenantId} ${scope.projectId ? Prisma.sql`AND "projectId" = ${scope.projectId}` : Prisma.empty}`;
  if (filter.agent)
    conditions.push(
      Prisma.sql`e."agentId" IN (SELECT id FROM "Agent" WHERE ${inScope} AND name = ${filter.agent})`,
    );
  if (filter.version) {
    conditions.push(
      Prisma.sql`e."agentVersionId" IN (SELECT id FROM "AgentVersion" WHERE ${inScope} AND name = ${filter.version})`,
    );
  }
  if (filter.person)
    conditions.push(
      Prisma.sql`e."personRef" IN (SELECT id FROM "Person" WHERE ${inScope} AND "personId" = ${filter.person})`,
    );
  if (filter.session) {
    conditions.push(
      Prisma.sql`e."sessionRef" IN (SELECT id FROM "TelemetrySession" WHERE ${inScope} AND "sessionId" = ${filter.session})`,
    );
  }
  if (filter.model) conditions.push(Prisma.sql`e.model = ${filter.model}`);
  if (filter.provider) conditions.push(Prisma.sql`e.provider = ${filter.provider}`);
  if (filter.from) conditions.push(Prisma.sql`e."createdAt" >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`e."createdAt" < ${filter.to}`);
  if (filter.hasError === true) conditions.push(Prisma.sql`e.error IS NOT NULL`);
  if (filter.hasError === false) conditions.push(Prisma.sql`e.error IS NULL`);

  const groupColumns = dimensions.map(
    (dimension) =>
      Prisma.sql`${dimensionSql[dimension].column} AS ${Prisma.raw(`"${groupColumnName[dimension]}"`)}`,
  );
  const labels = USAGE_DIMENSIONS.map(
    (dimension) => Prisma.sql`${labelOf(dimension, dimensions)} AS ${Prisma.raw(`"${dimension}"`)}`,
  );
  const joins = dimensions.flatMap((dimension) =>
    dimensionSql[dimension].join ? [dimensionSql[dimension].join!] : [],
  );
  const rows = await ctx.services.prisma.$queryRaw<
    (Omit<UsageGroup, 'day'> & { day: Date | null })[]
  >`
    WITH g AS (
      SELECT ${Prisma.join([...groupColumns, Prisma.sql`count(*)::int AS count`], ', ')},
        COALESCE(sum(e."inputTokens"), 0)::float8 AS "inputTokens",
        COALESCE(sum(e."outputTokens"), 0)::float8 AS "outputTokens",
        COALESCE(sum(e."cachedInputTokens"), 0)::float8 AS "cachedInputTokens",
        sum(e."costUsd") AS "costUsd",
        count(*) FILTER (WHERE e."costUsd" IS NULL)::int AS "unpricedCount",
        count(*) FILTER (WHERE e.error IS NOT NULL)::int AS "errorCount",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY e."latencyMs") AS "p50LatencyMs",
        percentile_cont(0.95) WITHIN GROUP (ORDER BY e."latencyMs") AS "p95LatencyMs"
      FROM "LlmEvent" e
      WHERE ${Prisma.join(conditions, ' AND ')}
      ${
        dimensions.length
          ? Prisma.sql`GROUP BY ${Prisma.join(
              dimensions.map((_, index) => Prisma.raw(String(index + 1))),
              ', ',
            )}`
          : Prisma.empty
      }
    )
    SELECT ${Prisma.join(labels, ', ')}, g.count, g."inputTokens", g."outputTokens", g."cachedInputTokens", g."costUsd",
      g."unpricedCount", g."errorCount", g."p50LatencyMs", g."p95LatencyMs"
    FROM g ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}
    WHERE g.count > 0
    ORDER BY g.count DESC, ${Prisma.join(
      USAGE_DIMENSIONS.map((dimension) => Prisma.raw(`"${dimension}"`)),
      ', ',
    )}`;
  return rows.map((row) => ({ ...row, errorRate: row.count ? row.errorCount / row.count : 0 }));
}
