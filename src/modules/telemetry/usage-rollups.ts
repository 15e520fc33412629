import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';

/**
 * Rebuilds LlmUsageRollup, LlmUsageLatency and LlmUsageLatencyBand from every LLM event (what the
 * usage_rollups migration did once): for rows written around the triggers, e.g. a bulk load with them disabled.
 */
export async function rebuildUsageRollups(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`SELECT rebuild_llm_usage_rollups()`;
}

/** Where one part of a range is read from; a null bound is open. */
export interface UsageSegment {
  source: 'month' | 'day' | 'hour' | 'raw';
  from: Date | null;
  to: Date | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const floorTo = (unit: number) => (date: Date) =>
  new Date(Math.floor(date.getTime() / unit) * unit);
const ceilTo = (unit: number) => (date: Date) => new Date(Math.ceil(date.getTime() / unit) * unit);
const monthOf = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth()));

/** The rollup grains from the finest, each with the UTC bucket boundaries at or around a time. */
const GRAINS = [
  { source: 'hour', floor: floorTo(HOUR_MS), ceil: ceilTo(HOUR_MS) },
  { source: 'day', floor: floorTo(DAY_MS), ceil: ceilTo(DAY_MS) },
  {
    source: 'month',
    floor: monthOf,
    ceil: (date: Date) =>
      monthOf(date).getTime() === date.getTime()
        ? date
        : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1)),
  },
] as const;

const before = (a: Date | null, b: Date | null) => !a || !b || a < b;

/**
 * Splits [from, to) into whole UTC months (up to the `coarsest` grain), then whole days and whole
 * hours, then the raw partial-hour edges, so that the rollups answer all but the edges exactly and
 * each part is read from the fewest rollup rows. Empty parts are left out.
 */
export function usageSegments(
  from: Date | null,
  to: Date | null,
  coarsest: 'day' | 'month',
): UsageSegment[] {
  const segments: UsageSegment[] = [];
  let outer: UsageSegment = { source: 'raw', from, to };
  for (const grain of GRAINS.slice(0, GRAINS.findIndex(({ source }) => source === coarsest) + 1)) {
    const inner: UsageSegment = {
      source: grain.source,
      from: outer.from && grain.ceil(outer.from),
      to: outer.to && grain.floor(outer.to),
    };
    if (!before(inner.from, inner.to)) break;
    segments.push(
      { source: outer.source, from: outer.from, to: inner.from },
      { source: outer.source, from: inner.to, to: outer.to },
    );
    outer = inner;
  }
  return [
    outer,
    ...segments.filter(
      (segment) => segment.from !== null && segment.to !== null && segment.from < segment.to,
    ),
  ];
}

/** The condition that selects a segment's rows: rollup buckets, or raw events' times. */
export function segmentCondition(segment: UsageSegment, alias: string): Prisma.Sql {
  const time = Prisma.raw(`${alias}.${segment.source === 'raw' ? '"createdAt"' : 'bucket'}`);
  const conditions = [
    ...(segment.source === 'raw'
      ? []
      : [Prisma.sql`${Prisma.raw(alias)}.grain = ${segment.source}`]),
    ...(segment.from ? [Prisma.sql`${time} >= ${segment.from}`] : []),
    ...(segment.to ? [Prisma.sql`${time} < ${segment.to}`] : []),
  ];
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}
