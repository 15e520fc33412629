import { z } from '@hono/zod-openapi';
import type { FieldIssue } from '../kernel/errors.ts';
import { EXAMPLE_ID } from './fields.ts';

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

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T t_](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Why pydantic would refuse `value` as a datetime: the few cases its parser names first. */
function dateTimeProblem(value: string) {
  if (value.length < 10) return 'input is too short';
  if (!/^\d{4}/.test(value)) return 'invalid character in year';
  return 'invalid datetime';
}

/**
 * A date-time query parameter as FastAPI reads one: ISO 8601 with `T`, space or `_`, or a date alone (midnight);
 * without an offset it is UTC. Anything else is pydantic's `datetime_from_date_parsing`.
 */
export const pydanticDateTime = z
  .string()
  .transform((value, ctx) => {
    const match = DATE_TIME.exec(value);
    const [
      ,
      year,
      month,
      day,
      hour = '00',
      minute = '00',
      second = '00',
      fraction = '',
      offset = 'Z',
    ] = match ?? [];
    const zone =
      offset.length === 5
        ? `${offset.slice(0, 3)}:${offset.slice(3)}`
        : offset.length === 3
          ? `${offset}:00`
          : offset.toUpperCase();
    const date =
      match &&
      new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zone}`);
    // Date rolls 2024-02-30 over to March: a day it changed was no real day.
    if (
      date &&
      !Number.isNaN(date.getTime()) &&
      (offset !== 'Z' || date.toISOString().startsWith(`${year}-${month}-${day}`))
    )
      return date;
    ctx.addIssue({
      code: 'custom',
      message: `Input should be a valid datetime or date, ${match ? 'invalid datetime' : dateTimeProblem(value)}`,
      params: { type: 'datetime_from_date_parsing' },
    });
    return z.NEVER;
  })
  .optional()
  .openapi({
    type: 'string',
    format: 'date-time',
    description: 'ISO 8601; without an offset, UTC',
    example: '2026-01-15T09:30:00Z',
  });

const UUID =
  /^(?:urn:uuid:)?\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** A UUID as pydantic reads one (any version, hyphens optional), in its canonical form. */
export const pydanticUuid = z
  .string()
  .transform((value, ctx) => {
    const match = UUID.exec(value);
    if (match) return match.slice(1).join('-').toLowerCase();
    const bad = [...value].findIndex((char) => !/[0-9a-f-]/i.test(char));
    ctx.addIssue({
      code: 'custom',
      message:
        bad >= 0
          ? `Input should be a valid UUID, invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${value[bad]}\` at ${bad + 1}`
          : `Input should be a valid UUID, invalid length: expected length 32 for simple format, found ${value.replaceAll('-', '').length}`,
      params: { type: 'uuid_parsing' },
    });
    return z.NEVER;
  })
  .openapi({ type: 'string', format: 'uuid', example: EXAMPLE_ID });
