-- Usage rollups (telemetryUsage): totals per hour and per day and per group, with counts per
-- latency value for exact percentiles. Statement-level triggers on "LlmEvent" keep them current in
-- the statement that writes the events (every ingest path, and cascaded deletes or SET NULLs too).
-- The group key is NULLS NOT DISTINCT (written by hand: Prisma cannot say it).
-- CreateTable
CREATE TABLE "LlmUsageRollup" (
    "id" BIGSERIAL NOT NULL,
    "grain" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "agentId" TEXT NOT NULL,
    "agentVersionId" TEXT NOT NULL,
    "model" TEXT,
    "provider" TEXT,
    "personRef" TEXT,
    "errored" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "cachedInputTokens" BIGINT NOT NULL,
    "costUsd" DECIMAL(65,30) NOT NULL,
    "unpricedCount" INTEGER NOT NULL,

    CONSTRAINT "LlmUsageRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmUsageLatency" (
    "rollupId" BIGINT NOT NULL,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "LlmUsageLatency_pkey" PRIMARY KEY ("rollupId","latencyMs")
);

-- CreateIndex
CREATE UNIQUE INDEX "LlmUsageRollup_tenantId_grain_bucket_agentVersionId_model_p_key" ON "LlmUsageRollup"("tenantId", "grain", "bucket", "agentVersionId", "model", "provider", "personRef", "errored") NULLS NOT DISTINCT;

-- AddForeignKey
ALTER TABLE "LlmUsageLatency" ADD CONSTRAINT "LlmUsageLatency_rollupId_fkey" FOREIGN KEY ("rollupId") REFERENCES "LlmUsageRollup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rollup change for a set of LLM event rows with a sign (+1 added, -1 removed): one template,
-- used by the trigger on its transition tables and by the rebuild on the whole table. Rows are
-- upserted in key order so that concurrent writers lock them in the same order.
CREATE FUNCTION llm_usage_rollup_sql(changed text) RETURNS text LANGUAGE sql IMMUTABLE AS $template$
SELECT format($sql$
WITH changed AS (%s),
bucketed AS (
  SELECT g.grain, date_trunc(g.grain, c."createdAt") AS bucket, c."tenantId", c."projectId", c."agentId",
    c."agentVersionId", c.model, c.provider, c."personRef", c.error IS NOT NULL AS errored, c.sign,
    c."inputTokens", c."outputTokens", c."cachedInputTokens", c."costUsd", c."latencyMs"
  FROM changed c CROSS JOIN (VALUES ('hour'), ('day')) AS g(grain)
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
)
INSERT INTO "LlmUsageLatency" AS l ("rollupId", "latencyMs", count)
SELECT r.id, b."latencyMs", sum(b.sign)::int
FROM bucketed b JOIN rollups r ON r.grain = b.grain AND r.bucket = b.bucket AND r."agentVersionId" = b."agentVersionId"
  AND r.errored = b.errored AND r.model IS NOT DISTINCT FROM b.model AND r.provider IS NOT DISTINCT FROM b.provider
  AND r."personRef" IS NOT DISTINCT FROM b."personRef"
WHERE b."latencyMs" IS NOT NULL
GROUP BY r.id, b."latencyMs"
ORDER BY r.id, b."latencyMs"
ON CONFLICT ("rollupId", "latencyMs") DO UPDATE SET count = l.count + excluded.count
$sql$, changed)
$template$;

CREATE FUNCTION llm_usage_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE llm_usage_rollup_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
    ELSE 'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 FROM new_rows'
  END);
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "LlmUsageRollup" WHERE count = 0;
    DELETE FROM "LlmUsageLatency" WHERE count = 0;
  END IF;
  RETURN NULL;
END
$$;

-- Rows that removed events emptied, found without a scan.
CREATE INDEX "LlmUsageRollup_empty" ON "LlmUsageRollup"(id) WHERE count = 0;
CREATE INDEX "LlmUsageLatency_empty" ON "LlmUsageLatency"("rollupId") WHERE count = 0;

-- Transition tables allow one event per trigger.
CREATE TRIGGER "LlmEvent_usage_insert" AFTER INSERT ON "LlmEvent"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION llm_usage_rollup_trigger();
CREATE TRIGGER "LlmEvent_usage_update" AFTER UPDATE ON "LlmEvent"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION llm_usage_rollup_trigger();
CREATE TRIGGER "LlmEvent_usage_delete" AFTER DELETE ON "LlmEvent"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION llm_usage_rollup_trigger();

-- The rollups from all events, from scratch (also rebuildUsageRollups in usage-rollups.ts).
CREATE FUNCTION rebuild_llm_usage_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "LlmUsageRollup", "LlmUsageLatency";
  EXECUTE llm_usage_rollup_sql('SELECT *, 1 AS sign FROM "LlmEvent"');
END
$$;

SELECT rebuild_llm_usage_rollups();
