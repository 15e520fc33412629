-- The (tenantId, projectId, ...) unique indexes are NULLS NOT DISTINCT (written by hand: Prisma
-- cannot say it): a tenant-wide key works with projectId null, and names must be unique there too.
-- CreateTable
CREATE TABLE "Fingerprint" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "contentHash" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "languageVersion" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "openaiSdkVersion" TEXT,
    "anthropicSdkVersion" TEXT,
    "geminiSdkVersion" TEXT,
    "vokerSdkVersion" TEXT,
    "allPackages" JSONB,
    "gitRepositoryUrl" TEXT,
    "gitBranch" TEXT,
    "gitCommitHash" TEXT,
    "gitCommitDate" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Fingerprint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "number" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deprecatedAt" TIMESTAMP(3),

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentVersion" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "agentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "number" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deprecatedAt" TIMESTAMP(3),

    CONSTRAINT "AgentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "personId" TEXT NOT NULL,
    "properties" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TelemetrySession" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "sessionId" TEXT NOT NULL,
    "personRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelemetrySession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmEvent" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "fingerprintId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "agentVersionId" TEXT NOT NULL,
    "personRef" TEXT,
    "sessionRef" TEXT,
    "properties" JSONB NOT NULL,
    "provider" TEXT,
    "model" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "cachedInputTokens" INTEGER,
    "toolCalls" JSONB NOT NULL DEFAULT '[]',
    "finishReason" TEXT,
    "error" TEXT,
    "latencyMs" DOUBLE PRECISION,
    "costUsd" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Fingerprint_tenantId_projectId_contentHash_key" ON "Fingerprint"("tenantId", "projectId", "contentHash") NULLS NOT DISTINCT;

-- CreateIndex
CREATE UNIQUE INDEX "Agent_tenantId_projectId_name_key" ON "Agent"("tenantId", "projectId", "name") NULLS NOT DISTINCT;

-- CreateIndex
CREATE UNIQUE INDEX "Agent_tenantId_projectId_number_key" ON "Agent"("tenantId", "projectId", "number") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "AgentVersion_tenantId_idx" ON "AgentVersion"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "AgentVersion_agentId_name_key" ON "AgentVersion"("agentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AgentVersion_agentId_number_key" ON "AgentVersion"("agentId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_projectId_personId_key" ON "Person"("tenantId", "projectId", "personId") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "TelemetrySession_personRef_idx" ON "TelemetrySession"("personRef");

-- CreateIndex
CREATE UNIQUE INDEX "TelemetrySession_tenantId_projectId_sessionId_key" ON "TelemetrySession"("tenantId", "projectId", "sessionId") NULLS NOT DISTINCT;

-- CreateIndex
CREATE UNIQUE INDEX "LlmEvent_seq_key" ON "LlmEvent"("seq");

-- CreateIndex
CREATE INDEX "LlmEvent_tenantId_createdAt_idx" ON "LlmEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmEvent_agentId_createdAt_idx" ON "LlmEvent"("agentId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmEvent_agentVersionId_createdAt_idx" ON "LlmEvent"("agentVersionId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmEvent_personRef_createdAt_idx" ON "LlmEvent"("personRef", "createdAt");

-- CreateIndex
CREATE INDEX "LlmEvent_sessionRef_seq_idx" ON "LlmEvent"("sessionRef", "seq");

-- CreateIndex
CREATE INDEX "LlmEvent_tenantId_model_createdAt_idx" ON "LlmEvent"("tenantId", "model", "createdAt");

-- AddForeignKey
ALTER TABLE "AgentVersion" ADD CONSTRAINT "AgentVersion_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetrySession" ADD CONSTRAINT "TelemetrySession_personRef_fkey" FOREIGN KEY ("personRef") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmEvent" ADD CONSTRAINT "LlmEvent_fingerprintId_fkey" FOREIGN KEY ("fingerprintId") REFERENCES "Fingerprint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmEvent" ADD CONSTRAINT "LlmEvent_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmEvent" ADD CONSTRAINT "LlmEvent_agentVersionId_fkey" FOREIGN KEY ("agentVersionId") REFERENCES "AgentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmEvent" ADD CONSTRAINT "LlmEvent_personRef_fkey" FOREIGN KEY ("personRef") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmEvent" ADD CONSTRAINT "LlmEvent_sessionRef_fkey" FOREIGN KEY ("sessionRef") REFERENCES "TelemetrySession"("id") ON DELETE SET NULL ON UPDATE CASCADE;
