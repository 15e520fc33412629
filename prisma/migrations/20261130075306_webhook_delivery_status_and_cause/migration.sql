-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- AlterTable: the status keeps its values (cast in place, not dropped and added again)
ALTER TABLE "WebhookDelivery" ADD COLUMN     "causationId" TEXT,
ADD COLUMN     "correlationId" TEXT,
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "DeliveryStatus" USING "status"::"DeliveryStatus",
ALTER COLUMN "status" SET DEFAULT 'pending';
