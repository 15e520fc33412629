import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Trigger } from '../../generated/prisma/client.ts';
import { badInput } from '../../kernel/errors.ts';
import type { Services } from '../../kernel/context.ts';
import { re2Engine } from './regex.ts';

// Input schemas, checked and compiled when a trigger is saved (not when a webhook arrives).

/**
 * Compiled input schemas by tenant and content hash. Each is compiled by its own Ajv instance, so
 * a schema's `$id` is known to that schema alone (never to another trigger or tenant), and its
 * patterns run on RE2. Bounded; an entry leaves when its trigger changes or is deleted.
 */
const validators = new Map<string, ValidateFunction>();
const MAX_VALIDATORS = 500;

const validatorKey = (tenantId: string, schema: unknown) =>
  createHash('sha256')
    .update(tenantId)
    .update('\0')
    .update(JSON.stringify(schema))
    .digest('base64url');

function compileSchema(schema: object): ValidateFunction {
  return new Ajv({ allErrors: true, strict: false, code: { regExp: re2Engine() } }).compile(schema);
}

function cacheValidator(key: string, validate: ValidateFunction) {
  validators.delete(key);
  if (validators.size >= MAX_VALIDATORS) validators.delete(validators.keys().next().value!);
  validators.set(key, validate);
}

/** The size cap first (before anything walks the schema), then a compilation, whose result is cached only once the trigger is saved. */
export function checkInputSchema(services: Services, schema: object): ValidateFunction {
  const bytes = Buffer.byteLength(JSON.stringify(schema));
  const limit = services.config.TRIGGER_MAX_SCHEMA_BYTES;
  if (bytes > limit)
    throw badInput(`Invalid inputSchema: is ${bytes} bytes, more than the ${limit} allowed`, [
      { path: ['inputSchema'], message: `must be at most ${limit} bytes` },
    ]);
  try {
    return compileSchema(schema);
  } catch (error) {
    const message = `is not a valid JSON Schema: ${(error as Error).message}`;
    throw badInput(`Invalid inputSchema: ${message}`, [{ path: ['inputSchema'], message }]);
  }
}

/** Keeps the validator a saved trigger's schema compiled to. */
export function rememberValidator(
  saved: Pick<Trigger, 'tenantId' | 'inputSchema'>,
  validate: ValidateFunction | null,
) {
  if (validate) cacheValidator(validatorKey(saved.tenantId, saved.inputSchema), validate);
}

/** Drops the validator of a schema that was replaced or deleted. */
export function forgetValidator({
  tenantId,
  inputSchema,
}: Pick<Trigger, 'tenantId' | 'inputSchema'>) {
  if (inputSchema) validators.delete(validatorKey(tenantId, inputSchema));
}

/** The trigger's input schema validator, compiled once per content (see `validators`). */
export function validatorOf(trigger: Trigger): ValidateFunction {
  const key = validatorKey(trigger.tenantId, trigger.inputSchema);
  const validate = validators.get(key) ?? compileSchema(trigger.inputSchema as object);
  cacheValidator(key, validate);
  return validate;
}
