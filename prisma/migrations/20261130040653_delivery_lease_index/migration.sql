-- CreateIndex
CREATE INDEX "WebhookDelivery_leaseUntil_idx" ON "WebhookDelivery"("leaseUntil");
