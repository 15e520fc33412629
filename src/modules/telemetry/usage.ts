import { Prisma } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { LlmEventFilter } from './ingest.ts';
import { segmentCondition, usageSegments, type UsageSegment } from './usage-rollups.ts';

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
 * Each dimension: the column it groups by (the same name in LlmEvent and LlmUsageRollup, the day
 * from the event's time or the rollup's bucket), and how the outer query names the group. A
 * version is named with its agent, since version names repeat across agents.
 */
const dimensionSql: {
  [D in UsageDimension]: { column: string; label: Prisma.Sql; join?: Prisma.Sql };
} = {
  agent: {
    column: '"agentId"',
    label: Prisma.sql`a.name`,
    join: Prisma.sql`JOIN "Agent" a ON a.id = g."agentId"`,
  },
  version: {
    column: '"agentVersionId"',
    label: Prisma.sql`v.name`,
    join: Prisma.sql`JOIN "AgentVersion" v ON v.id = g."agentVersionId" JOIN "Agent" va ON va.id = v."agentId"`,
  },
  model: { column: 'model', label: Prisma.sql`g.model` },
  provider: { column: 'provider', label: Prisma.sql`g.provider` },
  person: {
    column: '"personRef"',
    label: Prisma.sql`p."personId"`,
    join: Prisma.sql`LEFT JOIN "Person" p ON p.id = g."personRef"`,
  },
  day: { column: 'day', label: Prisma.sql`g.day` },
};

function labelOf(dimension: UsageDimension, dimensions: UsageDimension[]): Prisma.Sql {
  if (dimensions.includes(dimension)) return dimensionSql[dimension].label;
  if (dimension === 'agent' && dimensions.includes('version')) return Prisma.sql`va.name`;
  return Prisma.sql`NULL`;
}

/**
 * The scope and filter conditions on rows of LlmEvent or LlmUsageRollup (`alias`), time aside;
 * `errored` tells a row with an error.
 */
function filterConditions(
  alias: 'e' | 'r',
  scope: { tenantId: string; projectId: string | null },
  filter: LlmEventFilter,
  errored: Prisma.Sql,
): Prisma.Sql[] {
  const column = (name: string) => Prisma.raw(`${alias}.${name}`);
  const inScope = Prisma.sql`"tenantId" = ${scope.tenantId} ${scope.projectId ? Prisma.sql`AND "projectId" = ${scope.projectId}` : Prisma.empty}`;
  const named = (
    name: string | null | undefined,
    columnName: string,
    table: string,
    key: string,
  ) =>
    name
      ? [
          Prisma.sql`${column(columnName)} IN (SELECT id FROM ${Prisma.raw(`"${table}"`)} WHERE ${inScope} AND ${Prisma.raw(key)} = ${name})`,
        ]
      : [];
  return [
    Prisma.sql`${column('"tenantId"')} = ${scope.tenantId}`,
    ...(scope.projectId ? [Prisma.sql`${column('"projectId"')} = ${scope.projectId}`] : []),
    ...named(filter.agent, '"agentId"', 'Agent', 'name'),
    ...named(filter.version, '"agentVersionId"', 'AgentVersion', 'name'),
    ...named(filter.person, '"personRef"', 'Person', '"personId"'),
    // Rollups do not key sessions: a session filter reads raw events only.
    ...(alias === 'e'
      ? named(filter.session, '"sessionRef"', 'TelemetrySession', '"sessionId"')
      : []),
    ...(filter.model ? [Prisma.sql`${column('model')} = ${filter.model}`] : []),
    ...(filter.provider ? [Prisma.sql`${column('provider')} = ${filter.provider}`] : []),
    ...(filter.hasError === true ? [errored] : []),
    ...(filter.hasError === false ? [Prisma.sql`NOT ${errored}`] : []),
  ];
}

/** The fractions of the latency percentiles, with the fields that expose them. */
const PERCENTILES = [
  { fraction: 0.5, field: 'p50LatencyMs' },
  { fraction: 0.95, field: 'p95LatencyMs' },
] as const;
export type PercentileField = (typeof PERCENTILES)[number]['field'];
export const PERCENTILE_FIELDS: readonly PercentileField[] = PERCENTILES.map(({ field }) => field);

/** Where percentile_cont(fraction) interpolates in a group of `total` latencies (0-based ranks). */
const positionOf = (fraction: number) => Prisma.sql`${fraction}::float8 * (total - 1)`;

/** percentile_cont(fraction) over latencies ranked in their group (`upto`: rank past the last). */
function percentileFromRanks(fraction: number): Prisma.Sql {
  const position = positionOf(fraction);
  const at = (index: Prisma.Sql) => Prisma.sql`min(latency) FILTER (WHERE upto > ${index})`;
  const lower = at(Prisma.sql`floor(${position})`);
  return Prisma.sql`${lower} + (${at(Prisma.sql`ceil(${position})`)} - ${lower}) * (max(${position}) - floor(max(${position})))`;
}

/**
 * The latency percentiles `wanted` of each group (CTE `l`) of the rollup rows `r` and, when the
 * range has raw edges, the raw events `e` (with their latency band). The groups' counts per
 * latency band (about 19% wide) give the bands that hold the ranks percentile_cont interpolates
 * between, and only those bands' counts per latency are read, so the result is exact while most
 * latency counts stay untouched; a percentile not asked for adds no band to read. Both are read
 * per rollup row (OFFSET 0 keeps each an index lookup): the planner would rather scan a whole
 * table.
 */
const latencyPercentiles = (
  percentiles: readonly (typeof PERCENTILES)[number][],
  raw: boolean,
) => Prisma.sql`
  bands AS (
    SELECT "group", band, sum(n) AS n
    FROM (
      SELECT r."group", b.band, b.n
      FROM r CROSS JOIN LATERAL (
        SELECT band, count AS n FROM "LlmUsageLatencyBand" WHERE "rollupId" = r.id OFFSET 0
      ) b
      ${raw ? Prisma.sql`UNION ALL SELECT "group", band, count FROM e WHERE "latencyMs" IS NOT NULL` : Prisma.empty}
    ) u
    GROUP BY "group", band
  ), banded AS (
    SELECT "group", band, n, sum(n) OVER (PARTITION BY "group" ORDER BY band) - n AS below,
      sum(n) OVER (PARTITION BY "group") AS total
    FROM bands WHERE n > 0
  ), wanted AS (
    SELECT DISTINCT "group", band, below, total FROM banded
    WHERE ${Prisma.join(
      percentiles.map(
        ({ fraction }) =>
          Prisma.sql`(below <= ceil(${positionOf(fraction)}) AND floor(${positionOf(fraction)}) < below + n)`,
      ),
      ' OR ',
    )}
  ), counted AS (
    SELECT "group", band, below, total, latency, sum(n) AS n
    FROM (
      SELECT w."group", w.band, w.below, w.total, l.latency, l.n
      FROM wanted w JOIN r ON r."group" = w."group" CROSS JOIN LATERAL (
        SELECT "latencyMs" AS latency, count AS n FROM "LlmUsageLatency"
        WHERE "rollupId" = r.id AND "latencyMs" >= llm_usage_latency_band_start(w.band)
          AND "latencyMs" < llm_usage_latency_band_start(w.band + 1)
        OFFSET 0
      ) l
      ${
        raw
          ? Prisma.sql`UNION ALL SELECT w."group", w.band, w.below, w.total, e."latencyMs", e.count
            FROM wanted w JOIN e ON e."group" = w."group" AND e.band = w.band`
          : Prisma.empty
      }
    ) u
    GROUP BY "group", band, below, total, latency
  ), ranked AS (
    SELECT "group", latency, total, below + sum(n) OVER (PARTITION BY "group", band ORDER BY latency) AS upto
    FROM counted WHERE n > 0
  ), l AS (
    SELECT "group", ${Prisma.join(
      percentiles.map(
        ({ fraction, field }) =>
          Prisma.sql`${percentileFromRanks(fraction)} AS ${Prisma.raw(`"${field}"`)}`,
      ),
      ', ',
    )}
    FROM ranked GROUP BY "group"
  ),`;

/**
 * Count, tokens, cost, error rate and latency percentiles of the events a filter selects, per
 * group of the chosen dimensions (one group of everything when none), computed by the database
 * from the rollups (whole months, days and hours, see usage-rollups.ts) and the raw events at a range's
 * partial-hour edges; a session filter, which the rollups do not key, reads raw events only.
 * Percentiles merge the counts per latency value, so they are exact too; those not in
 * `percentiles` are left null (and unread). The names are joined to the groups last.
 */
export async function telemetryUsage(
  ctx: RequestContext,
  groupBy: UsageDimension[],
  filter: LlmEventFilter = {},
  { percentiles = PERCENTILE_FIELDS }: { percentiles?: readonly PercentileField[] } = {},
): Promise<UsageGroup[]> {
  const scope = requireScope(ctx);
  const wanted = PERCENTILES.filter(({ field }) => percentiles.includes(field));
  const dimensions = USAGE_DIMENSIONS.filter((dimension) => groupBy.includes(dimension));
  const segments = filter.session
    ? [{ source: 'raw' as const, from: filter.from ?? null, to: filter.to ?? null }]
    : // A month's rows cannot tell its days apart.
      usageSegments(
        filter.from ?? null,
        filter.to ?? null,
        dimensions.includes('day') ? 'day' : 'month',
      );
  const rollupSegments = segments.filter((segment) => segment.source !== 'raw');
  const rawSegments = segments.filter((segment) => segment.source === 'raw');
  const anyOf = (alias: string, parts: UsageSegment[]) =>
    parts.length
      ? Prisma.sql`(${Prisma.join(
          parts.map((segment) => Prisma.sql`(${segmentCondition(segment, alias)})`),
          ' OR ',
        )})`
      : Prisma.sql`FALSE`;

  const groupExpression = (dimension: UsageDimension, alias: 'e' | 'r') =>
    dimension === 'day'
      ? `date_trunc('day', ${alias}.${alias === 'r' ? 'bucket' : '"createdAt"'})`
      : `${alias}.${dimensionSql[dimension].column}`;
  const keys = dimensions.map((dimension) => Prisma.raw(dimensionSql[dimension].column));
  const select = (columns: Prisma.Sql[]) =>
    columns.length ? Prisma.sql`${Prisma.join(columns, ', ')},` : Prisma.empty;
  // The group columns of a row of LlmUsageRollup or LlmEvent, and one text key per group (a JSON
  // array tells null from '') on which its sums, latency bands and latencies meet.
  const groupColumns = (alias: 'e' | 'r') =>
    Prisma.sql`${select(
      dimensions.map((dimension) =>
        Prisma.raw(`${groupExpression(dimension, alias)} AS ${dimensionSql[dimension].column}`),
      ),
    )} ${
      dimensions.length
        ? Prisma.raw(
            `json_build_array(${dimensions.map((dimension) => groupExpression(dimension, alias)).join(', ')})::text`,
          )
        : Prisma.sql`''`
    } AS "group"`;
  const labels = USAGE_DIMENSIONS.map(
    (dimension) => Prisma.sql`${labelOf(dimension, dimensions)} AS ${Prisma.raw(`"${dimension}"`)}`,
  );
  const joins = dimensions.flatMap((dimension) =>
    dimensionSql[dimension].join ? [dimensionSql[dimension].join!] : [],
  );
  // A range without raw edges (no partial hour) reads no LlmEvent row: its query leaves `e` out,
  // and is planned in about a quarter less time.
  const raw = rawSegments.length > 0;
  // Each raw segment (an edge, or all of a session filter's range) is read in two branches, the
  // events without an error and those with one: each is one range of an index on ("tenantId",
  // "createdAt") that carries what is read but the error (migration usage_edges_covering_index), so
  // the edges are index-only scans. An OR of ranges, or the error read, would visit the table.
  const rawBranch = (segment: UsageSegment, errored: boolean) => Prisma.sql`
      SELECT e."agentId", e."agentVersionId", e.model, e.provider, e."personRef", e."createdAt", e."latencyMs",
        e."inputTokens", e."outputTokens", e."cachedInputTokens", e."costUsd", ${Prisma.raw(errored ? '1' : '0')} AS errored
      FROM "LlmEvent" e
      WHERE ${Prisma.join(filterConditions('e', scope, filter, Prisma.raw(String(errored))), ' AND ')}
        AND e.error IS ${Prisma.raw(errored ? 'NOT NULL' : 'NULL')} AND ${segmentCondition(segment, 'e')}`;
  // The raw events are summed per group and latency first: the steps after them read those sums.
  const rawGroupBy = [
    ...dimensions.map((dimension) => Prisma.raw(groupExpression(dimension, 'e'))),
    Prisma.sql`e."latencyMs"`,
  ];
  const measures = Prisma.sql`count, "inputTokens", "outputTokens", "cachedInputTokens", "costUsd", "unpricedCount", "errorCount"`;
  // One statement, no transaction: the pool's connections already run without JIT (db/adapters.ts).
  const rows = await ctx.services.prisma.$queryRaw<
    (Omit<UsageGroup, 'day'> & { day: Date | null })[]
  >`
    WITH r AS (
      SELECT r.id, ${groupColumns('r')}, r.count, r."inputTokens", r."outputTokens", r."cachedInputTokens",
        r."costUsd", r."unpricedCount", CASE WHEN r.errored THEN r.count ELSE 0 END AS "errorCount"
      FROM "LlmUsageRollup" r
      WHERE ${Prisma.join(filterConditions('r', scope, filter, Prisma.sql`r.errored`), ' AND ')} AND ${anyOf('r', rollupSegments)}
    )${
      raw
        ? Prisma.sql`, e AS (
      SELECT ${groupColumns('e')}, e."latencyMs", count(*) AS count, sum(COALESCE(e."inputTokens", 0)) AS "inputTokens",
        sum(COALESCE(e."outputTokens", 0)) AS "outputTokens", sum(COALESCE(e."cachedInputTokens", 0)) AS "cachedInputTokens",
        sum(COALESCE(e."costUsd"::numeric, 0)) AS "costUsd", count(*) FILTER (WHERE e."costUsd" IS NULL) AS "unpricedCount",
        sum(e.errored) AS "errorCount"${
          wanted.length ? Prisma.sql`, llm_usage_latency_band(e."latencyMs") AS band` : Prisma.empty
        }
      FROM (${Prisma.join(
        rawSegments.flatMap((segment) => [rawBranch(segment, false), rawBranch(segment, true)]),
        ' UNION ALL ',
      )}) e
      GROUP BY ${Prisma.join(rawGroupBy, ', ')}
    )`
        : Prisma.empty
    }, sums AS (
      SELECT ${select(keys)} "group", sum(count)::int AS count, sum("inputTokens")::float8 AS "inputTokens",
        sum("outputTokens")::float8 AS "outputTokens", sum("cachedInputTokens")::float8 AS "cachedInputTokens",
        CASE WHEN sum(count) > sum("unpricedCount") THEN sum("costUsd")::float8 END AS "costUsd",
        sum("unpricedCount")::int AS "unpricedCount", sum("errorCount")::int AS "errorCount"
      FROM (
        SELECT ${select(keys)} "group", ${measures} FROM r
        ${raw ? Prisma.sql`UNION ALL SELECT ${select(keys)} "group", ${measures} FROM e` : Prisma.empty}
      ) u
      GROUP BY ${Prisma.join([Prisma.sql`"group"`, ...keys], ', ')}
    ), ${wanted.length ? latencyPercentiles(wanted, raw) : Prisma.empty}
    g AS (
      SELECT s.*, ${Prisma.join(
        PERCENTILES.map(({ field }) =>
          Prisma.raw(percentiles.includes(field) ? `l."${field}"` : `NULL::float8 AS "${field}"`),
        ),
        ', ',
      )} FROM sums s ${wanted.length ? Prisma.sql`LEFT JOIN l USING ("group")` : Prisma.empty}
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
