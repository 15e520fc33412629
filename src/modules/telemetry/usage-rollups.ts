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
  source: 'day' | 'hour' | 'raw';
  from: Date | null;
  to: Date | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const floorTo = (date: Date, unit: number) => new Date(Math.floor(date.getTime() / unit) * unit);
const ceilTo = (date: Date, unit: number) => new Date(Math.ceil(date.getTime() / unit) * unit);
const before = (a: Date | null, b: Date | null) => !a || !b || a < b;

/**
 * Splits [from, to) into whole UTC days, then whole hours, then the raw partial-hour edges, so
 * that the rollups answer all but the edges exactly. Empty parts are left out.
 */
export function usageSegments(from: Date | null, to: Date | null): UsageSegment[] {
  const hoursFrom = from && ceilTo(from, HOUR_MS);
  const hoursTo = to && floorTo(to, HOUR_MS);
  if (!before(hoursFrom, hoursTo)) return [{ source: 'raw', from, to }];
  const daysFrom = hoursFrom && ceilTo(hoursFrom, DAY_MS);
  const daysTo = hoursTo && floorTo(hoursTo, DAY_MS);
  const segments: UsageSegment[] = before(daysFrom, daysTo)
    ? [
        { source: 'day', from: daysFrom, to: daysTo },
        { source: 'hour', from: hoursFrom, to: daysFrom },
        { source: 'hour', from: daysTo, to: hoursTo },
      ]
    : [{ source: 'hour', from: hoursFrom, to: hoursTo }];
  segments.push({ source: 'raw', from, to: hoursFrom }, { source: 'raw', from: hoursTo, to });
  return segments.filter(
    (segment) =>
      segment.source === 'day' ||
      (segment.from !== null && segment.to !== null && segment.from < segment.to),
  );
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
