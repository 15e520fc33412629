// telemetryUsage reads hourly and daily rollups, kept by the statement that writes the events, and
// raw events only at partial-hour edges: every groupBy, filter and range must give what the raw
// events give, computed here from the rows themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { chatCompletion } from '../support/llm.ts';
import { CreateApiKey, CreateProject } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';
import { rebuildUsageRollups } from '../../src/modules/telemetry/usage-rollups.ts';

const RollupFingerprint = graphql(`
  mutation RollupFingerprint($input: CreateFingerprintInput!) {
    createFingerprint(input: $input) {
      fingerprint {
        id
      }
    }
  }
`);

const RollupLlmEvents = graphql(`
  mutation RollupLlmEvents($inputs: [CreateLlmEventInput!]!) {
    createLlmEvents(inputs: $inputs) {
      id
    }
  }
`);

const RollupUsage = graphql(`
  query RollupUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {
    telemetryUsage(groupBy: $groupBy, filter: $filter) {
      agent
      version
      model
      provider
      person
      day
      count
      inputTokens
      outputTokens
      cachedInputTokens
      costUsd
      unpricedCount
      errorCount
      p50LatencyMs
      p95LatencyMs
    }
  }
`);

// The percentiles through a named fragment, an inline fragment and an alias: they are computed only
// when selected, so each way of selecting them must count.
const RollupUsageLatencyFragments = graphql(`
  query RollupUsageLatencyFragments {
    telemetryUsage(groupBy: [MODEL]) {
      model
      count
      ...RollupUsageP95
      ... on TelemetryUsageGroup {
        median: p50LatencyMs
      }
    }
  }
  fragment RollupUsageP95 on TelemetryUsageGroup {
    p95LatencyMs
  }
`);

// One percentile alone: only its latency band is read, and it must still be the right one.
const RollupUsageP95Only = graphql(`
  query RollupUsageP95Only {
    telemetryUsage(groupBy: [MODEL]) {
      model
      count
      p95LatencyMs
    }
  }
`);

type Dimension = 'AGENT' | 'VERSION' | 'MODEL' | 'PROVIDER' | 'PERSON' | 'DAY';
interface Filter {
  agent?: string;
  version?: string;
  person?: string;
  session?: string;
  model?: string;
  provider?: string;
  hasError?: boolean;
  from?: string;
  to?: string;
}
interface RawEvent {
  createdAt: Date;
  agent: string;
  version: string;
  model: string | null;
  provider: string | null;
  person: string | null;
  session: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  costUsd: number | null;
  error: string | null;
  latencyMs: number | null;
}

// Three days across the end of a month (February 2026 has 28 days).
const BASE = Date.parse('2026-02-28T00:00:00Z');
const at = (days: number, hours: number, minutes = 0, seconds = 0) =>
  new Date(BASE + ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000);

/** A seeded generator (mulberry32): the same events at every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(13);
const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)];

let server: TestServer;
let key: string;
let tenantId: string;
let fingerprintId: string;

function llmEvent() {
  const model = pick(['test-model-a', 'test-model-b']);
  // Several latencies per latency band (about 19% wide), 128 ms on the start of one.
  const latency = next() < 0.15 ? {} : { latency_ms: 100 + Math.floor(next() * 40) };
  const usage =
    next() < 0.15
      ? null
      : { prompt: Math.floor(next() * 500), completion: Math.floor(next() * 200) };
  return {
    agent: pick(['alpha', 'beta']),
    agentVersion: pick(['v1', 'v2']),
    person: pick(['p1', 'p2', null]),
    session: pick(['s1', null]),
    properties: chatCompletion(model, usage, latency),
  };
}

/** The events as stored, with their names. */
function rawEvents() {
  return server.switchboard.services.prisma.$queryRaw<RawEvent[]>`
    SELECT e."createdAt", a.name AS agent, v.name AS version, e.model, e.provider, p."personId" AS person,
      s."sessionId" AS session, e."inputTokens", e."outputTokens", e."cachedInputTokens", e."costUsd", e.error,
      e."latencyMs"
    FROM "LlmEvent" e JOIN "Agent" a ON a.id = e."agentId" JOIN "AgentVersion" v ON v.id = e."agentVersionId"
      LEFT JOIN "Person" p ON p.id = e."personRef" LEFT JOIN "TelemetrySession" s ON s.id = e."sessionRef"
    WHERE e."tenantId" = ${tenantId}`;
}

/** percentile_cont as PostgreSQL computes it. */
function percentile(sorted: number[], fraction: number) {
  if (!sorted.length) return null;
  const position = fraction * (sorted.length - 1);
  const lower = sorted[Math.floor(position)];
  return lower + (sorted[Math.ceil(position)] - lower) * (position - Math.floor(position));
}

/** telemetryUsage computed from the raw events, one line per group (sorted). */
function expectedUsage(events: RawEvent[], groupBy: Dimension[], filter: Filter) {
  const selected = events.filter(
    (event) =>
      (!filter.agent || event.agent === filter.agent) &&
      (!filter.version || event.version === filter.version) &&
      (!filter.person || event.person === filter.person) &&
      (!filter.session || event.session === filter.session) &&
      (!filter.model || event.model === filter.model) &&
      (!filter.provider || event.provider === filter.provider) &&
      (filter.hasError === undefined || (event.error !== null) === filter.hasError) &&
      (!filter.from || event.createdAt >= new Date(filter.from)) &&
      (!filter.to || event.createdAt < new Date(filter.to)),
  );
  const groups = new Map<string, RawEvent[]>();
  for (const event of selected) {
    const day = new Date(Math.floor(event.createdAt.getTime() / 86_400_000) * 86_400_000);
    const group = JSON.stringify({
      agent: groupBy.includes('AGENT') || groupBy.includes('VERSION') ? event.agent : null,
      version: groupBy.includes('VERSION') ? event.version : null,
      model: groupBy.includes('MODEL') ? event.model : null,
      provider: groupBy.includes('PROVIDER') ? event.provider : null,
      person: groupBy.includes('PERSON') ? event.person : null,
      day: groupBy.includes('DAY') ? day.toISOString() : null,
    });
    groups.set(group, [...(groups.get(group) ?? []), event]);
  }
  const sum = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  return [...groups].map(([group, members]) => {
    const priced = members.filter((event) => event.costUsd !== null);
    const latencies = members
      .flatMap((event) => (event.latencyMs === null ? [] : [event.latencyMs]))
      .sort((a, b) => a - b);
    return line({
      ...JSON.parse(group),
      count: members.length,
      inputTokens: sum(members.map((event) => event.inputTokens)),
      outputTokens: sum(members.map((event) => event.outputTokens)),
      cachedInputTokens: sum(members.map((event) => event.cachedInputTokens)),
      costUsd: priced.length ? sum(priced.map((event) => event.costUsd)) : null,
      unpricedCount: members.length - priced.length,
      errorCount: members.filter((event) => event.error !== null).length,
      p50LatencyMs: percentile(latencies, 0.5),
      p95LatencyMs: percentile(latencies, 0.95),
    });
  });
}

/** A group as comparable text: floats rounded past what summing order can change. */
function line(group: Record<string, unknown>) {
  return JSON.stringify(group, (_key, value) =>
    typeof value === 'number' ? Number(value.toPrecision(12)) : value,
  );
}

async function usage(groupBy: Dimension[], filter: Filter, withKey = key) {
  const result = await server.graphql(RollupUsage, { groupBy, filter }, { key: withKey });
  expect(result.errors).toBeUndefined();
  return result.data!.telemetryUsage.map(line).sort();
}

async function expectExact(groupBys: Dimension[][], ranges: Filter[], filters: Filter[] = [{}]) {
  const events = await rawEvents();
  for (const groupBy of groupBys)
    for (const range of ranges)
      for (const filter of filters) {
        const query = { ...range, ...filter };
        expect(await usage(groupBy, query), JSON.stringify({ groupBy, query })).toEqual(
          expectedUsage(events, groupBy, query).sort(),
        );
      }
}

const EVERY_GROUP_BY: Dimension[][] = [
  [],
  ['AGENT'],
  ['VERSION'],
  ['MODEL'],
  ['PROVIDER'],
  ['PERSON'],
  ['DAY'],
  ['AGENT', 'VERSION', 'MODEL', 'PROVIDER', 'PERSON', 'DAY'],
];
const iso = (date: Date) => date.toISOString();
const RANGES: Filter[] = [
  {},
  { from: iso(at(0, 5)), to: iso(at(0, 9)) }, // whole hours
  { from: iso(at(1, 0)), to: iso(at(2, 0)) }, // a whole day
  { from: iso(at(0, 3, 17, 23.5)), to: iso(at(2, 4, 42)) }, // days, hours and both edges
  { from: iso(at(1, 7, 10)), to: iso(at(1, 7, 11)) }, // one minute
  { from: iso(at(1, 7, 10)), to: iso(at(1, 7, 10)) }, // empty
  { from: iso(at(1, 0, 30)) },
  { to: iso(at(1, 23, 0, 1)) },
  { from: iso(at(-30, 5, 20)), to: iso(at(2, 4, 42)) }, // edges, hours, days, a whole month, days, hours
  { from: iso(at(0, 12)), to: iso(at(40, 0)) }, // from mid-day: hours, a whole month, days
  { to: iso(at(1, 12, 30)) }, // every month before, a day, hours
];

/**
 * How many months have rollup rows, and how many of their totals, counts per latency and counts per
 * band differ from the sums of their days' (none should).
 */
async function monthsAgainstDays() {
  const [counts] = await server.switchboard.services.prisma.$queryRaw<
    { months: number; mismatched: number }[]
  >`
    WITH rollups AS (
      SELECT id, grain, date_trunc('month', bucket) AS month, "agentVersionId", model, provider, "personRef",
        errored, count, "inputTokens", "costUsd"
      FROM "LlmUsageRollup" WHERE "tenantId" = ${tenantId} AND grain IN ('day', 'month')
    ), measures AS (
      SELECT r.*, NULL::float8 AS "latencyMs", NULL::int AS band FROM rollups r
      UNION ALL
      SELECT r.id, r.grain, r.month, r."agentVersionId", r.model, r.provider, r."personRef", r.errored, l.count, 0, 0,
        l."latencyMs", NULL
      FROM rollups r JOIN "LlmUsageLatency" l ON l."rollupId" = r.id
      UNION ALL
      SELECT r.id, r.grain, r.month, r."agentVersionId", r.model, r.provider, r."personRef", r.errored, b.count, 0, 0,
        NULL, b.band
      FROM rollups r JOIN "LlmUsageLatencyBand" b ON b."rollupId" = r.id
    ), totals AS (
      SELECT grain, month, "agentVersionId", model, provider, "personRef", errored, "latencyMs", band,
        sum(count) AS count, sum("inputTokens") AS "inputTokens", sum("costUsd") AS cost
      FROM measures
      GROUP BY grain, month, "agentVersionId", model, provider, "personRef", errored, "latencyMs", band
    ), days AS (
      SELECT month, "agentVersionId", model, provider, "personRef", errored, "latencyMs", band, count, "inputTokens", cost
      FROM totals WHERE grain = 'day'
    ), months AS (
      SELECT month, "agentVersionId", model, provider, "personRef", errored, "latencyMs", band, count, "inputTokens", cost
      FROM totals WHERE grain = 'month'
    )
    SELECT (SELECT count(DISTINCT month)::int FROM months) AS months,
      (SELECT count(*)::int FROM ((SELECT * FROM days EXCEPT ALL SELECT * FROM months)
        UNION ALL (SELECT * FROM months EXCEPT ALL SELECT * FROM days)) d) AS mismatched`;
  return counts;
}

beforeAll(async () => {
  server = await startServer({
    env: { LLM_PRICES: JSON.stringify({ 'test-model-a': { input: 1, output: 2 } }) },
  });
  ({ key, tenantId } = await server.newTenant('usage-rollups'));
  const fingerprint = await server.graphql(
    RollupFingerprint,
    { input: { language: 'node', languageVersion: '20.20.2', system: 'linux' } },
    { key },
  );
  fingerprintId = fingerprint.data!.createFingerprint.fingerprint.id;
});
afterAll(() => server?.stop());

describe('telemetryUsage from rollups', () => {
  it('counts what GraphQL and REST ingest record, as they record it', async () => {
    const result = await server.graphql(
      RollupLlmEvents,
      { inputs: Array.from({ length: 80 }, () => ({ fingerprintId, ...llmEvent() })) },
      { key },
    );
    expect(result.errors).toBeUndefined();
    for (let i = 0; i < 6; i++) {
      const { agentVersion, ...event } = llmEvent();
      const response = await fetch(`${server.url}/telemetry/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          ...event,
          agent_version: agentVersion,
          event_name: 'llm',
          fingerprint_id: fingerprintId,
        }),
      });
      expect(response.status).toBe(200);
    }
    const [total] = await usage([], {});
    expect(JSON.parse(total).count).toBe(86);
    await expectExact(EVERY_GROUP_BY, [{}]);
  });

  it('gives the latency percentiles however they are selected', async () => {
    const result = await server.graphql(RollupUsageLatencyFragments, {}, { key });
    expect(result.errors).toBeUndefined();
    const expected = expectedUsage(await rawEvents(), ['MODEL'], {}).map((group) =>
      JSON.parse(group),
    );
    expect(result.data!.telemetryUsage.map(line).sort()).toEqual(
      expected
        .map(({ model, count, p50LatencyMs, p95LatencyMs }) =>
          line({ model, count, p95LatencyMs, median: p50LatencyMs }),
        )
        .sort(),
    );
    expect(expected.some((group) => group.p95LatencyMs !== null)).toBe(true);
    const p95Only = await server.graphql(RollupUsageP95Only, {}, { key });
    expect(p95Only.errors).toBeUndefined();
    expect(p95Only.data!.telemetryUsage.map(line).sort()).toEqual(
      expected.map(({ model, count, p95LatencyMs }) => line({ model, count, p95LatencyMs })).sort(),
    );
  });

  it('is exact for every groupBy over whole days, whole hours, edges, a minute and empty ranges', async () => {
    // Times spread over three days: some exactly on hour and day boundaries, some in the edges and
    // the minute of RANGES.
    const base = new Date(BASE);
    await server.switchboard.services.prisma.$executeRaw`
      UPDATE "LlmEvent" SET "createdAt" = CASE seq % 7
        WHEN 0 THEN ${base}::timestamp + (seq % 72) * interval '1 hour'
        WHEN 1 THEN ${at(0, 3, 17, 23.5)}::timestamp + (seq % 40) * interval '1 minute'
        WHEN 2 THEN ${at(2, 4)}::timestamp + (seq % 42) * interval '1 minute'
        WHEN 3 THEN ${at(1, 7, 10)}::timestamp + (seq % 60) * interval '1 second'
        ELSE ${base}::timestamp + ((seq * 7919) % 259200000) * interval '1 millisecond' END
      WHERE "tenantId" = ${tenantId}`;
    await expectExact(EVERY_GROUP_BY, RANGES);
  });

  it('is exact under every filter, sessions included (read from the raw events)', async () => {
    const filters: Filter[] = [
      { agent: 'alpha' },
      { version: 'v2' },
      { person: 'p1' },
      { session: 's1' },
      { model: 'test-model-a' },
      { provider: 'openai' },
      { hasError: true },
      { hasError: false },
    ];
    await expectExact([[], ['MODEL', 'DAY']], [RANGES[0], RANGES[3], RANGES[8]], filters);
  });

  it('stays exact when events are removed and their person is deleted', async () => {
    const prisma = server.switchboard.services.prisma;
    await prisma.$executeRaw`DELETE FROM "LlmEvent" WHERE "tenantId" = ${tenantId} AND seq % 5 = 0`;
    // The person's events keep their rows with no person (ON DELETE SET NULL): an update.
    await prisma.$executeRaw`DELETE FROM "Person" WHERE "tenantId" = ${tenantId} AND "personId" = 'p1'`;
    await expectExact(EVERY_GROUP_BY, [RANGES[0], RANGES[3], RANGES[8]]);
  });

  it('keeps a row per month whose counts are its days’ sums, and rebuilds them so', async () => {
    // Whole months are read from their own rows: each must hold what its days hold, latencies and
    // bands too, after the inserts, updates and deletes above, and after a rebuild from the events.
    expect(await monthsAgainstDays()).toEqual({ months: 2, mismatched: 0 });
    await rebuildUsageRollups(server.switchboard.services.prisma);
    expect(await monthsAgainstDays()).toEqual({ months: 2, mismatched: 0 });
    await expectExact(EVERY_GROUP_BY, [RANGES[0], RANGES[8]]);
  });

  it('puts every latency in the one band whose range holds it', async () => {
    // The percentiles read a band's latencies as the range from its start to the next band's.
    const [{ misplaced }] = await server.switchboard.services.prisma.$queryRaw<
      { misplaced: number }[]
    >`
      WITH latencies AS (
        SELECT llm_usage_latency_band_start(b) * factor AS latency
        FROM generate_series(1, 255) AS b, unnest(ARRAY[1 - 1e-15, 1, 1 + 1e-15]) AS factor
        UNION ALL SELECT unnest(ARRAY[0, 0.5, 1, 1.5, 99.999, 128, 3600000, 1e300]::float8[])
      )
      SELECT count(*)::int AS misplaced FROM latencies
      WHERE NOT (latency >= llm_usage_latency_band_start(llm_usage_latency_band(latency))
        AND latency < llm_usage_latency_band_start(llm_usage_latency_band(latency) + 1))`;
    expect(misplaced).toBe(0);
  });

  it('keeps a project key to its project’s events', async () => {
    const project = await server.graphql(CreateProject, { name: 'usage-app' }, { key });
    const projectKey = (
      await server.graphql(
        CreateApiKey,
        { name: 'usage-app', projectId: project.data!.createProject.id },
        { key },
      )
    ).data!.createApiKey.secret;
    const fingerprint = await server.graphql(
      RollupFingerprint,
      { input: { language: 'node', languageVersion: '20.20.2', system: 'linux' } },
      { key: projectKey },
    );
    const inputs = Array.from({ length: 3 }, () => ({
      ...llmEvent(),
      fingerprintId: fingerprint.data!.createFingerprint.fingerprint.id,
    }));
    const result = await server.graphql(RollupLlmEvents, { inputs }, { key: projectKey });
    expect(result.errors).toBeUndefined();
    const [own] = await usage([], {}, projectKey);
    expect(JSON.parse(own).count).toBe(3);
    await expectExact([[]], [{}]); // the tenant-wide key sees them all
  });
});
