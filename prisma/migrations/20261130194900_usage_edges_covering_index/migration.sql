-- telemetryUsage reads the raw events of a range's partial-hour edges by ("tenantId", "createdAt"):
-- these indexes carry what those reads use, so they are index-only scans instead of one heap page
-- per event (the events of an hour lie all over the table). The error text is not carried (it has
-- no bound, an index entry has one): the events with and without an error have an index each.
-- Partial indexes, which prisma/schema.prisma cannot say (nor INCLUDE), and its diff leaves alone.
CREATE INDEX "LlmEvent_usage_edges" ON "LlmEvent"("tenantId", "createdAt")
  INCLUDE ("projectId", "agentId", "agentVersionId", "personRef", model, provider, "inputTokens", "outputTokens",
    "cachedInputTokens", "costUsd", "latencyMs")
  WHERE error IS NULL;
CREATE INDEX "LlmEvent_usage_edges_errored" ON "LlmEvent"("tenantId", "createdAt")
  INCLUDE ("projectId", "agentId", "agentVersionId", "personRef", model, provider, "inputTokens", "outputTokens",
    "cachedInputTokens", "costUsd", "latencyMs")
  WHERE error IS NOT NULL;
