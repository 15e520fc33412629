import type { z } from 'zod';
import { badInput, type FieldIssue } from './errors.ts';

/** A zod error's issues as the API reports them, under `prefix` (a batch item's index). */
export function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((part) => part as string | number)],
    message: issue.message,
  }));
}

/** `input` as `schema` reads it, or a BAD_USER_INPUT error naming every issue. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw badInput(`Invalid ${issues[0].path.join('.') || 'input'}: ${issues[0].message}`, issues);
}
