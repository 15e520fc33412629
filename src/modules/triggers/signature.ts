import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { execTenantRegex, tenantRegex } from './regex.ts';

/**
 * A regular expression, checked when the trigger is saved; its first group (or the whole match) is
 * the value. It runs on RE2 (linear time), so lookaround and backreferences are refused.
 */
const regex = z.string().superRefine((source, context) => {
  try {
    tenantRegex(source);
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: `must be a regular expression RE2 can run (no lookaround or backreferences): ${(error as Error).message}`,
    });
  }
});
const source = z.enum(['header', 'query', 'body']);

/** Reference 002's signatureVerification, and beyond it: timestamp tolerance, delivery ids, encoded secrets. */
export const signatureVerificationSchema = z.object({
  algorithm: z.enum(['sha1', 'sha256', 'sha384', 'sha512', 'md5']).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  signature: z.object({
    source,
    /** Header or query parameter name, or a dot path into the JSON body. */
    key: z.string().min(1),
    prefix: z.string().optional(),
    regex: regex.optional(),
    /** Several signatures in one value (e.g. Standard Webhooks' space-separated `v1,<sig>`): any may match. */
    separator: z.string().min(1).optional(),
  }),
  signedComponents: z
    .array(
      z.object({
        source: z.enum(['header', 'query', 'body', 'literal']),
        /** Header or query name, or a dot path into the JSON body; none with `body`: the raw body. */
        key: z.string().optional(),
        value: z.string().optional(),
        regex: regex.optional(),
        required: z.boolean().default(true),
      }),
    )
    .max(20)
    .default([{ source: 'body', required: true }]),
  componentJoin: z
    .object({
      strategy: z.literal('concatenate').default('concatenate'),
      separator: z.string().default(''),
    })
    .default({ strategy: 'concatenate', separator: '' }),
  validation: z
    .object({
      allowEmptyBody: z.boolean().default(false),
      headerCaseSensitive: z.boolean().default(false),
      normalizeUnicode: z.boolean().default(false),
    })
    .default({ allowEmptyBody: false, headerCaseSensitive: false, normalizeUnicode: false }),
  /** How the signing secret is turned into the HMAC key: as text, or base64 after `secretPrefix` (e.g. `whsec_`). */
  secretEncoding: z.enum(['utf8', 'base64']).default('utf8'),
  secretPrefix: z.string().optional(),
  /** Replay protection: the sender's timestamp (Unix seconds) must be within the tolerance of now. */
  timestamp: z
    .object({
      source,
      key: z.string().min(1),
      regex: regex.optional(),
      toleranceSeconds: z.number().int().positive().default(300),
    })
    .optional(),
  /** The sender's delivery id: the same delivery twice is one invocation. */
  deliveryId: z.object({ source, key: z.string().min(1), regex: regex.optional() }).optional(),
});
export type SignatureVerification = z.output<typeof signatureVerificationSchema>;

export interface WebhookRequest {
  headers: Headers;
  /** Name, value, name, value... as received, for case-sensitive header matching. */
  rawHeaders: string[];
  query: URLSearchParams;
  rawBody: string;
  /** The body parsed as JSON, or undefined. */
  body: unknown;
}

type Located = {
  source: 'header' | 'query' | 'body' | 'literal';
  key?: string;
  value?: string;
  regex?: string;
};

function header(request: WebhookRequest, name: string, caseSensitive: boolean): string | null {
  if (!caseSensitive) return request.headers.get(name);
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index] === name) return request.rawHeaders[index + 1];
  }
  return null;
}

function bodyPath(body: unknown, path: string): string | null {
  let value: unknown = body;
  for (const part of path.split('.'))
    value =
      value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The value a component, signature, timestamp or delivery id names in the request, after its regex; null when absent. */
export function locate(
  request: WebhookRequest,
  where: Located,
  caseSensitive = false,
): string | null {
  const raw =
    where.source === 'literal'
      ? (where.value ?? null)
      : where.source === 'header'
        ? header(request, where.key ?? '', caseSensitive)
        : where.source === 'query'
          ? request.query.get(where.key ?? '')
          : where.key
            ? bodyPath(request.body, where.key)
            : request.rawBody;
  if (raw === null || !where.regex) return raw;
  const match = execTenantRegex(where.regex, raw);
  return match ? (match[1] ?? match[0] ?? null) : null;
}

export type VerificationResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * Checks a webhook's HMAC signature against each of the trigger's signing secrets (several during
 * a rotation), in constant time: 401 when something it needs is missing (or the timestamp is out of
 * tolerance), 403 when the signature does not match.
 */
export function verifySignature(
  config: SignatureVerification,
  request: WebhookRequest,
  secrets: string[],
  now = new Date(),
): VerificationResult {
  const caseSensitive = config.validation.headerCaseSensitive;
  if (!request.rawBody && !config.validation.allowEmptyBody)
    return { ok: false, status: 401, reason: 'The request body is empty' };
  const presented = locate(request, { ...config.signature, regex: undefined }, caseSensitive);
  if (!presented)
    return {
      ok: false,
      status: 401,
      reason: `Missing signature (${config.signature.source} "${config.signature.key}")`,
    };
  if (config.timestamp) {
    const timestamp = Number(locate(request, config.timestamp, caseSensitive));
    if (!Number.isFinite(timestamp) || timestamp <= 0)
      return { ok: false, status: 401, reason: 'Missing or invalid signature timestamp' };
    if (Math.abs(now.getTime() / 1000 - timestamp) > config.timestamp.toleranceSeconds) {
      return {
        ok: false,
        status: 401,
        reason: `The signature timestamp is more than ${config.timestamp.toleranceSeconds} s from now`,
      };
    }
  }
  const components: string[] = [];
  for (const [index, component] of config.signedComponents.entries()) {
    const value = locate(request, component, caseSensitive);
    if (value === null) {
      if (component.required)
        return {
          ok: false,
          status: 401,
          reason: `Missing signed component ${index + 1} (${component.source}${component.key ? ` "${component.key}"` : ''})`,
        };
      continue;
    }
    components.push(config.validation.normalizeUnicode ? value.normalize('NFC') : value);
  }
  const payload = components.join(config.componentJoin.separator);

  const candidates = (
    config.signature.separator ? presented.split(config.signature.separator) : [presented]
  )
    .map((candidate) => candidate.trim())
    .map((candidate) =>
      config.signature.prefix && candidate.startsWith(config.signature.prefix)
        ? candidate.slice(config.signature.prefix.length)
        : candidate,
    )
    .map((candidate) =>
      config.signature.regex
        ? (execTenantRegex(config.signature.regex, candidate)?.slice(-1)[0] ?? '')
        : candidate,
    )
    .filter(Boolean)
    .map((candidate) => Buffer.from(candidate, config.encoding));
  for (const secret of secrets) {
    const key =
      config.secretEncoding === 'base64'
        ? Buffer.from(
            secret.slice(
              secret.startsWith(config.secretPrefix ?? '\0') ? config.secretPrefix!.length : 0,
            ),
            'base64',
          )
        : Buffer.from(secret);
    const expected = createHmac(config.algorithm, key).update(payload).digest();
    if (
      candidates.some(
        (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
      )
    )
      return { ok: true };
  }
  return { ok: false, status: 403, reason: 'The signature does not match' };
}
