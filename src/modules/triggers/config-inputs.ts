import { badInput } from '../../kernel/errors.ts';
import { builder } from '../../schema/builder.ts';
import {
  Algorithm,
  ApiKeyLocation,
  AuthenticationType,
  ComponentSource,
  Encoding,
  JoinStrategy,
  SecretEncoding,
  ValueSource,
} from './config-enums.ts';

// The GraphQL inputs of a trigger's authentication, signature verification and output transform.

const locationFields = (t: LocationFields, what: string) => ({
  source: t.field({ type: ValueSource, required: true, description: 'The part of the request.' }),
  key: t.string({
    required: true,
    description: 'Header or query parameter name, or a dot path into the JSON body.',
  }),
  regex: t.string({
    description: `RE2 pattern (no lookaround or backreferences); its first group (or the whole match) is the ${what}.`,
  }),
});
type LocationFields = Parameters<NonNullable<Parameters<typeof builder.inputType>[1]['fields']>>[0];

const SignatureLocationInput = builder.inputType('SignatureLocationInput', {
  description: 'Where the signature is read.',
  fields: (t) => ({
    ...locationFields(t, 'signature'),
    prefix: t.string({ description: 'Removed from the value first (e.g. `sha256=`).' }),
    separator: t.string({
      description:
        'Splits a value holding several signatures (e.g. Standard Webhooks’ space-separated `v1,<sig>`); any may match.',
    }),
  }),
});

const SignedComponentInput = builder.inputType('SignedComponentInput', {
  description: 'One part of the content the signature covers.',
  fields: (t) => ({
    source: t.field({
      type: ComponentSource,
      required: true,
      description: 'Where the part comes from.',
    }),
    key: t.string({
      description:
        'Header or query name, or a dot path into the JSON body; none with BODY: the raw body.',
    }),
    value: t.string({ description: 'LITERAL: the text itself.' }),
    regex: t.string({
      description: 'RE2 pattern; its first group (or the whole match) is the part.',
    }),
    required: t.boolean({
      description: 'Whether a missing part refuses the webhook; default true.',
    }),
  }),
});

const ComponentJoinInput = builder.inputType('ComponentJoinInput', {
  description: 'How the signed components are put together.',
  fields: (t) => ({
    strategy: t.field({
      type: JoinStrategy,
      description: 'The joining rule; default CONCATENATE.',
    }),
    separator: t.string({ description: 'Put between the components; default empty.' }),
  }),
});

const SignatureValidationInput = builder.inputType('SignatureValidationInput', {
  description: 'Details of how strictly a request is read; each defaults to false.',
  fields: (t) => ({
    allowEmptyBody: t.boolean({ description: 'Whether a request without a body may pass.' }),
    headerCaseSensitive: t.boolean({ description: 'Whether header names must match in case.' }),
    normalizeUnicode: t.boolean({
      description: 'Whether the signed content is NFC-normalized first.',
    }),
  }),
});

const SignatureTimestampInput = builder.inputType('SignatureTimestampInput', {
  description:
    'Replay protection: where the sender’s timestamp (Unix seconds) is read, and how far from now it may be.',
  fields: (t) => ({
    ...locationFields(t, 'timestamp'),
    toleranceSeconds: t.int({
      description: 'The largest accepted difference from the server’s clock; default 300.',
    }),
  }),
});

const DeliveryIdLocationInput = builder.inputType('DeliveryIdLocationInput', {
  description: 'Where the sender’s delivery id is read: the same delivery twice is one invocation.',
  fields: (t) => locationFields(t, 'id'),
});

export const SignatureVerificationInput = builder.inputType('SignatureVerificationInput', {
  description:
    'How the trigger checks the HMAC signature of each webhook; absent fields take their defaults.',
  fields: (t) => ({
    algorithm: t.field({ type: Algorithm, description: 'The HMAC hash function; default SHA256.' }),
    encoding: t.field({
      type: Encoding,
      description: 'How the signature is written; default HEX.',
    }),
    signature: t.field({
      type: SignatureLocationInput,
      required: true,
      description: 'Where the signature is read.',
    }),
    signedComponents: t.field({
      type: [SignedComponentInput],
      description: 'The parts the signature covers, in order (at most 20); default the raw body.',
    }),
    componentJoin: t.field({
      type: ComponentJoinInput,
      description: 'How the parts are put together; default concatenated.',
    }),
    validation: t.field({
      type: SignatureValidationInput,
      description: 'How strictly the request is read.',
    }),
    secretEncoding: t.field({
      type: SecretEncoding,
      description: 'How the signing secret becomes the HMAC key; default UTF8.',
    }),
    secretPrefix: t.string({
      description: 'Removed from the secret before it is decoded (e.g. `whsec_`).',
    }),
    timestamp: t.field({
      type: SignatureTimestampInput,
      description: 'Replay protection; none by default.',
    }),
    deliveryId: t.field({
      type: DeliveryIdLocationInput,
      description: 'Deduplication by the sender’s delivery id; none by default.',
    }),
  }),
});

export const TriggerAuthenticationInput = builder.inputType('TriggerAuthenticationInput', {
  description:
    'How callers of the webhook authenticate: `type`, then the fields of that kind. Secrets are stored hashed and never shown.',
  fields: (t) => ({
    type: t.field({
      type: AuthenticationType,
      required: true,
      description: 'The kind of authentication.',
    }),
    header: t.string({ description: 'HEADER (required): the header that carries the value.' }),
    value: t.string({ description: 'HEADER, API_KEY (required): the expected value.' }),
    in: t.field({
      type: ApiKeyLocation,
      description: 'API_KEY: where the key is read; default HEADER.',
    }),
    name: t.string({
      description: 'API_KEY: the header or query parameter name; default X-API-Key.',
    }),
    username: t.string({ description: 'BASIC (required): the expected user name.' }),
    password: t.string({ description: 'BASIC (required): the expected password.' }),
  }),
});

const OutputFieldInput = builder.inputType('OutputFieldInput', {
  description: 'One key of a transformed payload.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The key in the transformed payload.' }),
    expression: t.string({
      required: true,
      description: 'The JMESPath expression over the webhook body that gives its value.',
    }),
  }),
});

export const OutputTransformInput = builder.inputType('OutputTransformInput', {
  description:
    'How a webhook body becomes the payload the message template sees: exactly one of `expression` or `fields`.',
  isOneOf: true,
  fields: (t) => ({
    expression: t.string({ description: 'A JMESPath expression whose result is the payload.' }),
    fields: t.field({
      type: [OutputFieldInput],
      description: 'An object payload, one key per field.',
    }),
  }),
});

/** The service's shape of an outputTransform input: the expression, or an object of expressions by name. */
export function outputTransformOf(
  input: typeof OutputTransformInput.$inferInput | null | undefined,
) {
  if (!input) return input;
  if (input.expression !== undefined && input.expression !== null) return input.expression;
  const fields = input.fields ?? [];
  const duplicate = fields.find(
    (field, index) => fields.findIndex((other) => other.name === field.name) !== index,
  );
  if (duplicate)
    throw badInput(`Invalid outputTransform.fields: "${duplicate.name}" appears twice`, [
      { path: ['outputTransform', 'fields'], message: `"${duplicate.name}" appears twice` },
    ]);
  return Object.fromEntries(fields.map((field) => [field.name, field.expression]));
}
