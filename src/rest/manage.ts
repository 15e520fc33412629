import { z } from '@hono/zod-openapi';
import { EXAMPLE_ID } from './fields.ts';

/** Reference 002's pages (`?page=&limit=`) and their `pagination` object, for the `/manage/` routes. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(10),
};
export const pagination = z
  .object({ page: z.number(), limit: z.number(), total: z.number(), pages: z.number() })
  .openapi('Pagination', { example: { page: 1, limit: 10, total: 1, pages: 1 } });
export const pageOf = (page: number, limit: number, total: number) => ({
  page,
  limit,
  total,
  pages: Math.ceil(total / limit),
});

/** The tenant and project every `/manage/` path names: the caller's own (`default` for a tenant-wide key). */
export const projectPath = z.object({
  tenantId: z.string().openapi({ example: EXAMPLE_ID }),
  projectId: z.string().openapi({ example: 'default' }),
});
