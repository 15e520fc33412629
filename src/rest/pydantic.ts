import type { z } from 'zod';
import type { FieldIssue } from '../kernel/errors.ts';

type Issue = z.core.$ZodIssue;

const valueAt = (input: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>(
    (value, key) =>
      value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
const quoted = (values: unknown[]) => {
  const names = values.map((value) => `'${String(value)}'`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
};

/** pydantic's `greater_than[_equal]` / `less_than[_equal]` for a number past `bound`. */
const numberBound = (
  type: 'greater_than' | 'less_than',
  inclusive: boolean | undefined,
  bound: number | bigint,
) => {
  const relation = type.replace('_', ' ');
  return inclusive
    ? { type: `${type}_equal`, message: `Input should be ${relation} or equal to ${bound}` }
    : { type, message: `Input should be ${relation} ${bound}` };
};

/**
 * A zod issue as FastAPI (pydantic v2) names the same mistake: its `type` and its message. A custom
 * issue names its own type in `params.type`; an issue pydantic has no name for stays `value_error`.
 */
export function pydanticIssue(issue: Issue, input: unknown): Pick<FieldIssue, 'type' | 'message'> {
  if (valueAt(input, issue.path) === undefined && issue.code === 'invalid_type')
    return { type: 'missing', message: 'Field required' };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') {
        return {
          type: 'int_parsing',
          message: 'Input should be a valid integer, unable to parse string as an integer',
        };
      }
      break;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int')
        return numberBound('greater_than', issue.inclusive, issue.minimum);
      if (issue.origin === 'string') {
        return {
          type: 'string_too_short',
          message: `String should have at least ${issue.minimum} character${issue.minimum === 1 ? '' : 's'}`,
        };
      }
      break;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int')
        return numberBound('less_than', issue.inclusive, issue.maximum);
      break;
    case 'invalid_value':
      return { type: 'enum', message: `Input should be ${quoted(issue.values)}` };
    case 'custom':
      if (typeof issue.params?.type === 'string')
        return { type: issue.params.type, message: issue.message };
      break;
  }
  return { type: 'value_error', message: issue.message };
}
