import { createHmac } from 'node:crypto';
import type { WebhookEndpoint } from '../../generated/prisma/client.ts';
import { decryptSecret } from '../../auth/credentials-key.ts';
import type { Services } from '../../kernel/context.ts';

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per Standard Webhooks, once per secret. */
export function signatures(
  secrets: string[],
  messageId: string,
  timestamp: number,
  body: string,
): string {
  return secrets
    .map(
      (secret) =>
        `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
          .update(`${messageId}.${timestamp}.${body}`)
          .digest('base64')}`,
    )
    .join(' ');
}

/** The endpoint's secret, and its previous one while its grace period lasts. */
export function signingSecrets(
  services: Services,
  endpoint: Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
) {
  const key = services.credentialsKey;
  if (!key) return [];
  return [
    endpoint.secret,
    ...(endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
      ? [endpoint.previousSecret]
      : []),
  ].map((sealed) => decryptSecret(key, sealed));
}
