import { z } from 'zod';
import { hashSecret, secretMatches } from '../../auth/secrets.ts';
import type { WebhookRequest } from './signature.ts';

/** How callers authenticate, as sent: the secret parts are stored only as SHA-256 hashes. */
export const authenticationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), header: z.string().min(1), value: z.string().min(1) }),
  z.object({
    type: z.literal('api_key'),
    in: z.enum(['header', 'query']).default('header'),
    name: z.string().min(1).default('X-API-Key'),
    value: z.string().min(1),
  }),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
]);
export type StoredAuthentication =
  | { type: 'header'; header: string; valueHash: string }
  | { type: 'api_key'; in: 'header' | 'query'; name: string; valueHash: string }
  | { type: 'basic'; username: string; passwordHash: string };

export function storedAuthentication(
  input: z.output<typeof authenticationSchema>,
): StoredAuthentication {
  if (input.type === 'basic')
    return { type: 'basic', username: input.username, passwordHash: hashSecret(input.password) };
  if (input.type === 'header')
    return { type: 'header', header: input.header, valueHash: hashSecret(input.value) };
  return { type: 'api_key', in: input.in, name: input.name, valueHash: hashSecret(input.value) };
}

/** What the API shows of a trigger's authentication: never the hashes. */
export function publicAuthentication(stored: unknown) {
  if (!stored) return null;
  const {
    valueHash: _value,
    passwordHash: _password,
    ...shown
  } = stored as Record<string, unknown>;
  return shown;
}

/** Whether a webhook's caller presented the trigger's credentials: null when it did. */
export function authenticate(
  stored: StoredAuthentication,
  request: WebhookRequest,
): { status: 401 | 403; reason: string } | null {
  let presented: string | null;
  let expectedHash: string;
  if (stored.type === 'basic') {
    const header = request.headers.get('authorization');
    if (!header?.startsWith('Basic '))
      return { status: 401, reason: 'Basic credentials are required' };
    const [username, ...password] = Buffer.from(header.slice(6), 'base64')
      .toString('utf8')
      .split(':');
    if (username !== stored.username) return { status: 403, reason: 'Wrong credentials' };
    presented = password.join(':');
    expectedHash = stored.passwordHash;
  } else {
    presented =
      stored.type === 'header'
        ? request.headers.get(stored.header)
        : stored.in === 'query'
          ? request.query.get(stored.name)
          : request.headers.get(stored.name);
    expectedHash = stored.valueHash;
    if (!presented)
      return {
        status: 401,
        reason: `${stored.type === 'header' ? `Header ${stored.header}` : `API key ${stored.name}`} is required`,
      };
  }
  return secretMatches(presented, expectedHash)
    ? null
    : { status: 403, reason: 'Wrong credentials' };
}
