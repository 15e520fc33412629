-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('WEBHOOK_SIGNING_SECRET', 'MODEL_API_KEY');

-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "kind" "CredentialKind" NOT NULL DEFAULT 'WEBHOOK_SIGNING_SECRET';

-- Run configurations no longer name environment variables: a stored `apiKeyEnv` is dropped, so
-- such a version sends no key until it names a MODEL_API_KEY credential (apiKeyCredentialId).
UPDATE "AgentVersion" SET "runConfig" = "runConfig" #- '{provider,apiKeyEnv}' WHERE "runConfig" #> '{provider,apiKeyEnv}' IS NOT NULL;
