-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "name" TEXT NOT NULL,
    "actorType" TEXT NOT NULL DEFAULT 'api_key',
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppEvent" (
    "seq" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "agentId" TEXT,
    "conversationId" TEXT,
    "messageId" TEXT,
    "properties" JSONB,
    "userProperties" JSONB,
    "metadata" JSONB,
    "serverMetadata" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "eventType" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "correlationId" TEXT NOT NULL,
    "causationId" TEXT,
    "outcome" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Project_tenantId_idx" ON "Project"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_tenantId_name_key" ON "Project"("tenantId", "name");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE INDEX "AppEvent_tenantId_type_seq_idx" ON "AppEvent"("tenantId", "type", "seq");

-- CreateIndex
CREATE INDEX "AppEvent_tenantId_conversationId_seq_idx" ON "AppEvent"("tenantId", "conversationId", "seq");

-- CreateIndex
CREATE INDEX "AppEvent_tenantId_agentId_seq_idx" ON "AppEvent"("tenantId", "agentId", "seq");

-- CreateIndex
CREATE INDEX "AppEvent_tenantId_createdAt_idx" ON "AppEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AppEvent_tenantId_id_key" ON "AppEvent"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_occurredAt_idx" ON "AuditEvent"("tenantId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_eventType_occurredAt_idx" ON "AuditEvent"("tenantId", "eventType", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_resourceType_resourceId_occurredAt_idx" ON "AuditEvent"("tenantId", "resourceType", "resourceId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_correlationId_occurredAt_idx" ON "AuditEvent"("tenantId", "correlationId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorId_occurredAt_idx" ON "AuditEvent"("tenantId", "actorId", "occurredAt");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
