import { z } from '@hono/zod-openapi';

/**
 * Fields documented with a real-looking example: without one, /docs shows "string" for an id or a
 * timestamp. Ids are UUIDs, as the database makes them.
 */
export const EXAMPLE_ID = '3f2b8c1e-7d4a-4e9b-a6c5-0d1e2f3a4b5c';

export const idField = (description?: string) =>
  z.string().openapi({ format: 'uuid', example: EXAMPLE_ID, description });
export const timestampField = (description?: string) =>
  z.string().openapi({ format: 'date-time', example: '2026-01-15T09:30:00.000Z', description });
/** A free-form string with an example of what it holds. */
export const exampleString = (example: string, description?: string) =>
  z.string().openapi({ example, description });
