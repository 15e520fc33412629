import { z } from '@hono/zod-openapi';

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON object, kept exactly as sent, within optional limits. zod's `record` rebuilds objects and
 * drops `__proto__` keys, which in a tenant's JSON are data like any other key.
 */
export const jsonObject = (limits: { maxBytes?: number; maxKeys?: number } = {}) =>
  z
    .custom<Record<string, unknown>>(isJsonObject, { message: 'must be a JSON object' })
    .refine(
      (value) => limits.maxKeys === undefined || Object.keys(value).length <= limits.maxKeys,
      { message: `must have at most ${limits.maxKeys} keys` },
    )
    .refine(
      (value) =>
        limits.maxBytes === undefined ||
        Buffer.byteLength(JSON.stringify(value)) <= limits.maxBytes,
      {
        message: `must be at most ${(limits.maxBytes ?? 0) / 1024} KiB as JSON`,
      },
    )
    .openapi({ type: 'object', additionalProperties: {} });
