import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** API keys read `sb_<key id without dashes>_<secret>`: the id finds the row, the secret is checked against its hash. */
const KEY_PATTERN = /^sb_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Constant-time comparison of a presented secret with a stored SHA-256 hex digest. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function newApiKey(): { id: string; secret: string; token: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `sb_${id.replaceAll('-', '')}_${secret}` };
}

export function parseApiKey(token: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(token);
  if (!match) return null;
  const hex = match[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2] };
}

export const newAdminKey = () => `sb_admin_${randomBytes(32).toString('base64url')}`;
