import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { WebhookEndpoint } from '../../generated/prisma/client.ts';
import { decryptSecret } from '../../auth/credentials-key.ts';

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per Standard Webhooks, once per key. */
export function signatures(
  keys: KeyObject[],
  messageId: string,
  timestamp: number,
  body: string,
): string {
  return keys
    .map(
      (key) =>
        `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`,
    )
    .join(' ');
}

/**
 * The HMAC keys of endpoints' secrets, by the sealed secret they come from: every delivery to an
 * endpoint is signed with the same secret, worth decrypting once rather than once per delivery.
 * A rotated secret is sealed anew, so it is never confused with the one it replaces.
 */
export class SigningKeys {
  private readonly keys = new LRUCache<string, KeyObject>({ max: 10_000 });

  constructor(private readonly credentialsKey: Buffer | null) {}

  /** The keys of the endpoint's secret, and of its previous one while its grace period lasts. */
  of(
    endpoint: Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
    now: Date,
  ) {
    if (!this.credentialsKey) return [];
    return [
      endpoint.secret,
      ...(endpoint.previousSecret &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
        ? [endpoint.previousSecret]
        : []),
    ].map((sealed) => this.keyOf(this.credentialsKey!, sealed));
  }

  private keyOf(credentialsKey: Buffer, sealed: string) {
    let key = this.keys.get(sealed);
    if (!key) {
      const secret = decryptSecret(credentialsKey, sealed).replace(/^whsec_/, '');
      key = createSecretKey(Buffer.from(secret, 'base64'));
      this.keys.set(sealed, key);
    }
    return key;
  }
}
