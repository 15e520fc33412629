-- Conversation ids are unique per (tenant, project) with projectId null for tenant-wide keys:
-- NULLS NOT DISTINCT, written by hand (Prisma cannot say it).
-- AlterTable
ALTER TABLE "AgentVersion" ADD COLUMN     "runConfig" JSONB;

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "conversationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationMessage" (
    "seq" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "conversationRef" TEXT NOT NULL,
    "executionId" TEXT,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "toolCalls" JSONB,
    "toolCallId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationMessage_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Execution" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT,
    "agentId" TEXT NOT NULL,
    "agentVersionId" TEXT NOT NULL,
    "conversationRef" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "input" JSONB NOT NULL,
    "forwardedHeaders" JSONB NOT NULL DEFAULT '{}',
    "correlationId" TEXT NOT NULL,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "claims" INTEGER NOT NULL DEFAULT 0,
    "journalLength" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutionEvent" (
    "executionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutionEvent_pkey" PRIMARY KEY ("executionId","seq")
);

-- CreateTable
CREATE TABLE "ExecutionToolCall" (
    "id" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "toolCallId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arguments" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "approved" BOOLEAN,
    "expired" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "result" JSONB,
    "expiresAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutionToolCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_tenantId_projectId_conversationId_key" ON "Conversation"("tenantId", "projectId", "conversationId") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "ConversationMessage_conversationRef_seq_idx" ON "ConversationMessage"("conversationRef", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Execution_seq_key" ON "Execution"("seq");

-- CreateIndex
CREATE INDEX "Execution_status_leaseExpiresAt_idx" ON "Execution"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Execution_tenantId_seq_idx" ON "Execution"("tenantId", "seq");

-- CreateIndex
CREATE INDEX "Execution_conversationRef_seq_idx" ON "Execution"("conversationRef", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ExecutionToolCall_executionId_toolCallId_key" ON "ExecutionToolCall"("executionId", "toolCallId");

-- AddForeignKey
ALTER TABLE "ConversationMessage" ADD CONSTRAINT "ConversationMessage_conversationRef_fkey" FOREIGN KEY ("conversationRef") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_agentVersionId_fkey" FOREIGN KEY ("agentVersionId") REFERENCES "AgentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_conversationRef_fkey" FOREIGN KEY ("conversationRef") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionEvent" ADD CONSTRAINT "ExecutionEvent_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionToolCall" ADD CONSTRAINT "ExecutionToolCall_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
