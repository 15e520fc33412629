-- CreateEnum
CREATE TYPE "ExecutionStatus" AS ENUM ('queued', 'running', 'suspended', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "ExecutionToolCallStatus" AS ENUM ('pending_approval', 'ready', 'completed');

-- AlterTable: the statuses keep their values (the column changes type in place; its index is rebuilt).
ALTER TABLE "Execution" ADD COLUMN     "causationId" TEXT,
ADD COLUMN     "createdEventId" TEXT,
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "ExecutionStatus" USING "status"::"ExecutionStatus",
ALTER COLUMN "status" SET DEFAULT 'queued';

-- AlterTable
ALTER TABLE "ExecutionToolCall" ADD COLUMN     "approvalRequestedEventId" TEXT,
ADD COLUMN     "decisionEventId" TEXT,
ALTER COLUMN "status" TYPE "ExecutionToolCallStatus" USING "status"::"ExecutionToolCallStatus";
