-- The claim walks the pending deliveries in seq order (WebhookDelivery_pending_seq) and stops at its
-- limit. This index let the planner read every due delivery and sort them instead, whenever the
-- statistics were stale (PGlite never analyzes; a burst of deliveries outruns autovacuum).
DROP INDEX "WebhookDelivery_status_nextAttemptAt_idx";
