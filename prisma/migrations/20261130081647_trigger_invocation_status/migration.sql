-- CreateEnum
CREATE TYPE "TriggerInvocationStatus" AS ENUM ('pending', 'success', 'failed');

-- AlterTable: the statuses stored so far are kept (they were always one of the three).
ALTER TABLE "TriggerInvocation" ALTER COLUMN "status" TYPE "TriggerInvocationStatus" USING "status"::"TriggerInvocationStatus";
