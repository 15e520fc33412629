-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "name" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMP(3),

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trigger" (
    "webhookKey" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "agentId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "inputSchema" JSONB,
    "messageTemplate" TEXT,
    "outputTransform" JSONB,
    "authentication" JSONB,
    "signatureVerification" JSONB,
    "signingSecretCredentialIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Trigger_pkey" PRIMARY KEY ("webhookKey")
);

-- CreateTable
CREATE TABLE "TriggerInvocation" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "webhookKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorMessage" TEXT,
    "deliveryId" TEXT,
    "requestPayload" JSONB,
    "transformedPayload" JSONB,
    "message" TEXT,
    "executionId" TEXT,
    "conversationId" TEXT,
    "correlationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TriggerInvocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Credential_tenantId_idx" ON "Credential"("tenantId");

-- CreateIndex
CREATE INDEX "Trigger_tenantId_idx" ON "Trigger"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Trigger_agentId_id_key" ON "Trigger"("agentId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TriggerInvocation_seq_key" ON "TriggerInvocation"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "TriggerInvocation_executionId_key" ON "TriggerInvocation"("executionId");

-- CreateIndex
CREATE INDEX "TriggerInvocation_webhookKey_seq_idx" ON "TriggerInvocation"("webhookKey", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "TriggerInvocation_webhookKey_deliveryId_key" ON "TriggerInvocation"("webhookKey", "deliveryId");

-- AddForeignKey
ALTER TABLE "Trigger" ADD CONSTRAINT "Trigger_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriggerInvocation" ADD CONSTRAINT "TriggerInvocation_webhookKey_fkey" FOREIGN KEY ("webhookKey") REFERENCES "Trigger"("webhookKey") ON DELETE CASCADE ON UPDATE CASCADE;
