import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The key that encrypts stored credentials: CREDENTIALS_KEY, else one derived from the admin key
 * (so the embedded default needs no setting; set CREDENTIALS_KEY to rotate the two apart); null
 * without either, when credentials cannot be stored.
 */
export function credentialsKey(
  configured: string | undefined,
  adminKeyHash: string | null,
): Buffer | null {
  if (configured) return Buffer.from(configured, 'base64');
  if (!adminKeyHash) return null;
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(adminKeyHash, 'hex'), 'switchboard', 'credentials-key', 32),
  );
}

/** AES-256-GCM: base64 of iv (12 bytes), tag (16) and ciphertext. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
