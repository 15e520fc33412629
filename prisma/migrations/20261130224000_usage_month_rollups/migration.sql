-- Monthly usage rollups beside the hourly and daily ones: telemetryUsage reads whole UTC months from
-- one row per group instead of one per day, so a range of months reads about 30 times fewer rollup
-- rows (and their latency bands and counts). The trigger's statement writes the three grains; the
-- rebuild (and this migration) fills the month rows from the day rows once, in one statement, rather
-- than adding to each once per day.
DROP FUNCTION llm_usage_rollup_apply(llm_usage_change[]);

CREATE FUNCTION llm_usage_rollup_apply(
  changes llm_usage_change[], grains text[] DEFAULT ARRAY['hour', 'day', 'month']
) RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
  changed bigint[];
BEGIN
  WITH
  bucketed AS (
    SELECT g.grain, date_trunc(g.grain, c."createdAt") AS bucket, c."tenantId", c."projectId", c."agentId",
      c."agentVersionId", c.model, c.provider, c."personRef", c.errored, c.sign,
      c."inputTokens", c."outputTokens", c."cachedInputTokens", c."costUsd", c."latencyMs"
    FROM unnest(changes) c CROSS JOIN unnest(grains) AS g(grain)
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

-- The month rows, from the day rows, where there are none yet.
CREATE FUNCTION fill_llm_usage_month_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "LlmUsageRollup" (grain, bucket, "tenantId", "projectId", "agentId", "agentVersionId", model, provider,
    "personRef", errored, count, "inputTokens", "outputTokens", "cachedInputTokens", "costUsd", "unpricedCount")
  SELECT 'month', date_trunc('month', bucket), "tenantId", "projectId", "agentId", "agentVersionId", model, provider,
    "personRef", errored, sum(count)::int, sum("inputTokens"), sum("outputTokens"), sum("cachedInputTokens"),
    sum("costUsd"), sum("unpricedCount")::int
  FROM "LlmUsageRollup" WHERE grain = 'day'
  GROUP BY date_trunc('month', bucket), "tenantId", "projectId", "agentId", "agentVersionId", model, provider, "personRef", errored;

  -- Their counts per latency and per band: the sums of their days'.
  WITH month_of_day AS (
    SELECT d.id AS day_id, m.id AS month_id
    FROM "LlmUsageRollup" d JOIN "LlmUsageRollup" m ON m.grain = 'month' AND m.bucket = date_trunc('month', d.bucket)
      AND m."tenantId" = d."tenantId" AND m."agentVersionId" = d."agentVersionId" AND m.errored = d.errored
      AND m.model IS NOT DISTINCT FROM d.model AND m.provider IS NOT DISTINCT FROM d.provider
      AND m."personRef" IS NOT DISTINCT FROM d."personRef"
    WHERE d.grain = 'day'
  ), latencies AS (
    INSERT INTO "LlmUsageLatency" ("rollupId", "latencyMs", count)
    SELECT month_id, "latencyMs", sum(count)::int
    FROM month_of_day JOIN "LlmUsageLatency" ON "rollupId" = day_id
    GROUP BY 1, 2
  )
  INSERT INTO "LlmUsageLatencyBand" ("rollupId", band, count)
  SELECT month_id, band, sum(count)::int
  FROM month_of_day JOIN "LlmUsageLatencyBand" ON "rollupId" = day_id
  GROUP BY 1, 2;
END
$$;

SELECT fill_llm_usage_month_rollups();

-- The rollups from all events, from scratch, one agent version's day at a time for the hours and days
-- (each row written once), then the months from the days.
CREATE OR REPLACE FUNCTION rebuild_llm_usage_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part record;
BEGIN
  TRUNCATE "LlmUsageRollup", "LlmUsageLatency", "LlmUsageLatencyBand";
  FOR part IN SELECT DISTINCT "agentVersionId" AS version, date_trunc('day', "createdAt") AS day FROM "LlmEvent" LOOP
    PERFORM llm_usage_rollup_apply(ARRAY(
      SELECT llm_usage_change(e, 1) FROM "LlmEvent" e
      WHERE e."agentVersionId" = part.version AND e."createdAt" >= part.day AND e."createdAt" < part.day + interval '1 day'
    ), ARRAY['hour', 'day']);
  END LOOP;
  PERFORM fill_llm_usage_month_rollups();
END
$$;
