-- CreateIndex
CREATE INDEX "TriggerInvocation_status_seq_idx" ON "TriggerInvocation"("status", "seq");
