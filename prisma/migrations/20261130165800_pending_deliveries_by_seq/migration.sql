-- The claim walks due deliveries in seq order: through the pending ones only, not every delivery
-- sent so far (which grow without bound and all sort before the pending ones).
CREATE INDEX "WebhookDelivery_pending_seq" ON "WebhookDelivery"(seq) WHERE status = 'pending';
