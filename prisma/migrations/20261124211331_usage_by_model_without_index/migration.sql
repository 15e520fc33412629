-- Grouping by model walked this index with a random heap read per row (31x a count(*) over 1M
-- events); without it the planner hashes. Filters by model use (tenantId, createdAt).
-- DropIndex
DROP INDEX "LlmEvent_tenantId_model_createdAt_idx";
