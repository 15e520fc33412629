import { parseInput } from '../../kernel/parse-input.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Credential, Prisma } from '../../generated/prisma/client.ts';
import { CredentialKind } from '../../generated/prisma/enums.ts';
import { decryptSecret, encryptSecret } from '../../auth/credentials-key.ts';
import { requireScope } from '../../auth/require.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext, Services } from '../../kernel/context.ts';
import { work, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import { credentialCreated, credentialDeleted, credentialRotated } from './events.ts';

export { CredentialKind };

function sealingKey(ctx: Pick<RequestContext, 'services'>) {
  const key = ctx.services.credentialsKey;
  if (!key)
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Credentials cannot be stored: set CREDENTIALS_KEY (or SWITCHBOARD_ADMIN_KEY)',
    );
  return key;
}

const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const secretSchema = z.string().min(8).max(4096);

/** A new secret when none is given: only signing secrets can be made up, a model API key comes from its provider. */
function secretFor(kind: CredentialKind, secret: string | null | undefined) {
  if (secret) return secret;
  if (kind === CredentialKind.MODEL_API_KEY)
    throw badInput('A model API key credential needs its secret: the provider’s API key', [
      { path: ['secret'], message: 'is required for MODEL_API_KEY' },
    ]);
  return newSigningSecret();
}

const createInput = z.object({
  name: z.string().min(1).max(255),
  secret: secretSchema.nullish(),
  kind: z
    .enum(CredentialKind)
    .nullish()
    .transform((value) => value ?? CredentialKind.WEBHOOK_SIGNING_SECRET),
});

/** Stores a secret (for a signing secret, a new `whsec_…` one when none is given) and shows it this once. */
export async function createCredential(
  ctx: RequestContext,
  input: { name: string; secret?: string | null; kind?: CredentialKind | null },
) {
  const scope = requireScope(ctx);
  const id = randomUUID();
  return work(
    ctx,
    async (uow) => {
      const { name, secret, kind } = parseInput(createInput, input);
      const plaintext = secretFor(kind, secret);
      const credential = await uow.tx.credential.create({
        data: {
          id,
          tenantId: scope.tenantId,
          projectId: scope.projectId,
          name,
          kind,
          secret: encryptSecret(sealingKey(ctx), plaintext),
        },
      });
      uow.emit(credentialCreated, { name, kind }, { resourceId: id });
      return { credential, secret: plaintext };
    },
    { refusal: { event: credentialCreated, resourceId: id } },
  );
}

async function existingCredential(uow: UnitOfWork, id: string) {
  const credential = await uow.tx.credential.findUnique({ where: { id } });
  if (!credential) throw notFound('Credential');
  return credential;
}

/** A new secret; the previous one keeps verifying for `graceSeconds`. */
export async function rotateCredential(
  ctx: RequestContext,
  id: string,
  input: { secret?: string | null; graceSeconds?: number | null },
) {
  requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      const existing = await existingCredential(uow, id);
      const plaintext = secretFor(existing.kind, parseInput(secretSchema.nullish(), input.secret));
      const graceSeconds = input.graceSeconds ?? 24 * 3600;
      const credential = await uow.tx.credential.update({
        where: { id },
        data: {
          secret: encryptSecret(sealingKey(ctx), plaintext),
          previousSecret: existing.secret,
          previousExpiresAt: new Date(Date.now() + graceSeconds * 1000),
          rotatedAt: new Date(),
        },
      });
      uow.emit(credentialRotated, { graceSeconds }, { resourceId: id });
      return { credential, secret: plaintext };
    },
    { refusal: { event: credentialRotated, resourceId: id } },
  );
}

export async function deleteCredential(ctx: RequestContext, id: string) {
  const scope = requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      const existing = await existingCredential(uow, id);
      if (await uow.tx.trigger.count({ where: { signingSecretCredentialIds: { has: id } } })) {
        throw new AppError(
          'CONFLICT',
          'The credential signs a trigger’s webhooks: remove it from the trigger first',
        );
      }
      // Tenant-wide, not only the caller's project: a tenant-wide version may use a project's
      // credential. Raw, so the caller's project scope does not narrow it; in the transaction, as
      // the embedded database has one connection.
      const [using] = await uow.tx.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM "AgentVersion"
        WHERE "tenantId" = ${scope.tenantId}
          AND "runConfig" -> 'provider' ->> 'apiKeyCredentialId' = ${id}`;
      if (using.count) {
        throw new AppError(
          'CONFLICT',
          'The credential is an agent version’s model API key: change the version’s runConfig first',
        );
      }
      await uow.tx.credential.delete({ where: { id } });
      uow.emit(credentialDeleted, { name: existing.name }, { resourceId: id });
      return existing;
    },
    { refusal: { event: credentialDeleted, resourceId: id } },
  );
}

/** A signing credential's secrets, decrypted: its current one, and its previous one with the end of its grace. */
export interface SigningSecrets {
  current: string;
  previous: { secret: string; expiresAt: Date } | null;
}

/** Decrypts signing credentials once, for a cache to keep: `liveSigningSecrets` ends each grace on time. */
export function decryptSigningSecrets(
  key: Services['credentialsKey'],
  credentials: Credential[],
): SigningSecrets[] {
  if (!key) return [];
  return credentials.map((credential) => ({
    current: decryptSecret(key, credential.secret),
    previous:
      credential.previousSecret && credential.previousExpiresAt
        ? {
            secret: decryptSecret(key, credential.previousSecret),
            expiresAt: credential.previousExpiresAt,
          }
        : null,
  }));
}

/** The secrets that may sign a trigger's webhooks now: each current one, and each previous one in its grace period. */
export function liveSigningSecrets(secrets: SigningSecrets[], now = new Date()): string[] {
  return secrets.flatMap(({ current, previous }) =>
    previous && previous.expiresAt > now ? [current, previous.secret] : [current],
  );
}

/**
 * When a version is saved: its model API key credential must be the caller's (another tenant's
 * reads as missing: `db` is the caller's scoped client or transaction) and of kind MODEL_API_KEY.
 */
export async function checkModelApiKeyCredential(
  db: Pick<Prisma.TransactionClient, 'credential'>,
  id: string,
  path: (string | number)[],
) {
  const credential = await db.credential.findUnique({ where: { id } });
  if (!credential) throw badInput(`Credential "${id}" not found`, [{ path, message: 'not found' }]);
  if (credential.kind !== CredentialKind.MODEL_API_KEY) {
    throw badInput(`Credential "${id}" is a ${credential.kind}, not a MODEL_API_KEY`, [
      { path, message: 'must be a MODEL_API_KEY credential' },
    ]);
  }
}

/** The API key a version's model calls carry, decrypted at call time; it must belong to the version's tenant. */
export async function modelApiKey(
  services: Services,
  tenantId: string,
  id: string,
): Promise<string> {
  const credential = await services.prisma.credential.findFirst({
    where: { id, tenantId, kind: CredentialKind.MODEL_API_KEY },
  });
  if (!credential) throw notFound(`Model API key credential "${id}"`);
  if (!services.credentialsKey)
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Credentials cannot be read: set CREDENTIALS_KEY (or SWITCHBOARD_ADMIN_KEY)',
    );
  return decryptSecret(services.credentialsKey, credential.secret);
}
