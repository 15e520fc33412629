-- Latency bands for telemetryUsage's percentiles: counts per band of each rollup row, so that a
-- percentile is found in its band before the counts per latency of that band alone are read. The
-- rollups' trigger becomes one static statement (its plan kept per session) and keeps the bands too.
-- CreateTable
CREATE TABLE "LlmUsageLatencyBand" (
    "rollupId" BIGINT NOT NULL,
    "band" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "LlmUsageLatencyBand_pkey" PRIMARY KEY ("rollupId","band")
);

-- AddForeignKey
ALTER TABLE "LlmUsageLatencyBand" ADD CONSTRAINT "LlmUsageLatencyBand_rollupId_fkey" FOREIGN KEY ("rollupId") REFERENCES "LlmUsageRollup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Latency bands: band b holds the latencies from llm_usage_latency_band_start(b) up to the next
-- band's start, 4 bands per doubling (about 19% wide); band 0 holds everything under 2^(1/4) ms
-- and band 255 everything from 2^(255/4) ms. The band is computed from the same starts it is
-- compared with, so a band's latencies are exactly a range of the LlmUsageLatency key.
CREATE FUNCTION llm_usage_latency_band_start(band int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN band <= 0 THEN '-Infinity'::float8 WHEN band >= 256 THEN 'NaN'::float8 ELSE 2 ^ (band / 4.0::float8) END
$$;

-- One expression (so that it is inlined): an estimate from the logarithm, corrected by the starts.
CREATE FUNCTION llm_usage_latency_band(latency float8) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(least(greatest(floor(ln(greatest(latency, 1)) * 4 / ln(2)), 0), 255)::int
    - (latency < llm_usage_latency_band_start(least(greatest(floor(ln(greatest(latency, 1)) * 4 / ln(2)), 0), 255)::int))::int
    + (latency >= llm_usage_latency_band_start(least(greatest(floor(ln(greatest(latency, 1)) * 4 / ln(2)), 0), 255)::int + 1))::int, 255)
$$;

-- The rows a removal empties are found among the rows it changed (see the trigger), so no index
-- on count: an upsert of a row's count can then be a HOT update, with no new index entries.
DROP INDEX "LlmUsageRollup_empty";
DROP INDEX "LlmUsageLatency_empty";

INSERT INTO "LlmUsageLatencyBand" ("rollupId", band, count)
SELECT "rollupId", llm_usage_latency_band("latencyMs"), sum(count)::int
FROM "LlmUsageLatency" GROUP BY 1, 2;

-- What the rollups keep of an event, with a sign: +1 added, -1 removed (an UPDATE removes its old
-- row and adds its new one).
CREATE TYPE llm_usage_change AS (
  sign int, "createdAt" timestamp(3), "tenantId" text, "projectId" text, "agentId" text, "agentVersionId" text,
  model text, provider text, "personRef" text, errored boolean, "inputTokens" int, "outputTokens" int,
  "cachedInputTokens" int, "costUsd" float8, "latencyMs" float8
);

CREATE FUNCTION llm_usage_change(e "LlmEvent", sign int) RETURNS llm_usage_change LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(sign, e."createdAt", e."tenantId", e."projectId", e."agentId", e."agentVersionId", e.model, e.provider,
    e."personRef", e.error IS NOT NULL, e."inputTokens", e."outputTokens", e."cachedInputTokens", e."costUsd",
    e."latencyMs")::llm_usage_change
$$;

-- The rollup change for a set of changes, as static SQL: its plan is kept for the session, where the
-- EXECUTE of the migration usage_rollups planned it again at every statement. Rows are upserted in
-- key order so that concurrent writers lock them in the same order. Returns the rollup rows changed.
CREATE FUNCTION llm_usage_rollup_apply(changes llm_usage_change[]) RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
  changed bigint[];
BEGIN
  WITH
  bucketed AS (
    SELECT g.grain, date_trunc(g.grain, c."createdAt") AS bucket, c."tenantId", c."projectId", c."agentId",
      c."agentVersionId", c.model, c.provider, c."personRef", c.errored, c.sign,
      c."inputTokens", c."outputTokens", c."cachedInputTokens", c."costUsd", c."latencyMs"
    FROM unnest(changes) c CROSS JOIN (VALUES ('hour'), ('day')) AS g(grain)
  ),
  totals AS (
    SELECT grain, bucket, "tenantId", "projectId", "agentId", "agentVersionId", model, provider, "personRef", errored,
      sum(sign)::int AS count,
      COALESCE(sum(sign * "inputTokens"), 0) AS "inputTokens",
      COALESCE(sum(sign * "outputTokens"), 0) AS "outputTokens",
      COALESCE(sum(sign * "cachedInputTokens"), 0) AS "cachedInputTokens",
      COALESCE(sum(sign * "costUsd"::numeric), 0) AS "costUsd",
      COALESCE(sum(sign) FILTER (WHERE "costUsd" IS NULL), 0)::int AS "unpricedCount"
    FROM bucketed
    GROUP BY grain, bucket, "tenantId", "projectId", "agentId", "agentVersionId", model, provider, "personRef", errored
    ORDER BY "tenantId", grain, bucket, "agentVersionId", model, provider, "personRef", errored
  ),
  rollups AS (
    INSERT INTO "LlmUsageRollup" AS r (grain, bucket, "tenantId", "projectId", "agentId", "agentVersionId", model,
      provider, "personRef", errored, count, "inputTokens", "outputTokens", "cachedInputTokens", "costUsd", "unpricedCount")
    SELECT * FROM totals
    ON CONFLICT ("tenantId", grain, bucket, "agentVersionId", model, provider, "personRef", errored) DO UPDATE SET
      count = r.count + excluded.count,
      "inputTokens" = r."inputTokens" + excluded."inputTokens",
      "outputTokens" = r."outputTokens" + excluded."outputTokens",
      "cachedInputTokens" = r."cachedInputTokens" + excluded."cachedInputTokens",
      "costUsd" = r."costUsd" + excluded."costUsd",
      "unpricedCount" = r."unpricedCount" + excluded."unpricedCount"
    RETURNING id, grain, bucket, "agentVersionId", model, provider, "personRef", errored
  ),
  latencies AS (
    SELECT r.id, b."latencyMs", b.sign
    FROM bucketed b JOIN rollups r ON r.grain = b.grain AND r.bucket = b.bucket AND r."agentVersionId" = b."agentVersionId"
      AND r.errored = b.errored AND r.model IS NOT DISTINCT FROM b.model AND r.provider IS NOT DISTINCT FROM b.provider
      AND r."personRef" IS NOT DISTINCT FROM b."personRef"
    WHERE b."latencyMs" IS NOT NULL
  ),
  per_latency AS (
    INSERT INTO "LlmUsageLatency" AS l ("rollupId", "latencyMs", count)
    SELECT id, "latencyMs", sum(sign)::int FROM latencies
    GROUP BY id, "latencyMs"
    ORDER BY id, "latencyMs"
    ON CONFLICT ("rollupId", "latencyMs") DO UPDATE SET count = l.count + excluded.count
  ),
  per_band AS (
    INSERT INTO "LlmUsageLatencyBand" AS l ("rollupId", band, count)
    SELECT id, llm_usage_latency_band("latencyMs"), sum(sign)::int FROM latencies
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT ("rollupId", band) DO UPDATE SET count = l.count + excluded.count
  )
  SELECT array_agg(id) INTO changed FROM rollups;
  RETURN changed;
END
$$;

CREATE OR REPLACE FUNCTION llm_usage_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM llm_usage_rollup_apply(ARRAY(SELECT llm_usage_change(n::"LlmEvent", 1) FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    changed := llm_usage_rollup_apply(ARRAY(SELECT llm_usage_change(o::"LlmEvent", -1) FROM old_rows o));
  ELSE
    changed := llm_usage_rollup_apply(ARRAY(
      SELECT llm_usage_change(o::"LlmEvent", -1) FROM old_rows o
      UNION ALL
      SELECT llm_usage_change(n::"LlmEvent", 1) FROM new_rows n
    ));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "LlmUsageLatency" WHERE "rollupId" = ANY(changed) AND count = 0;
    DELETE FROM "LlmUsageLatencyBand" WHERE "rollupId" = ANY(changed) AND count = 0;
    DELETE FROM "LlmUsageRollup" WHERE id = ANY(changed) AND count = 0;
  END IF;
  RETURN NULL;
END
$$;

-- The rollups from all events, from scratch (also rebuildUsageRollups in usage-rollups.ts), one
-- agent version's day at a time: a rollup row has one agent version and lies in one day, so each
-- row is written once.
CREATE OR REPLACE FUNCTION rebuild_llm_usage_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part record;
BEGIN
  TRUNCATE "LlmUsageRollup", "LlmUsageLatency", "LlmUsageLatencyBand";
  FOR part IN SELECT DISTINCT "agentVersionId" AS version, date_trunc('day', "createdAt") AS day FROM "LlmEvent" LOOP
    PERFORM llm_usage_rollup_apply(ARRAY(
      SELECT llm_usage_change(e, 1) FROM "LlmEvent" e
      WHERE e."agentVersionId" = part.version AND e."createdAt" >= part.day AND e."createdAt" < part.day + interval '1 day'
    ));
  END LOOP;
END
$$;

DROP FUNCTION llm_usage_rollup_sql(text);
