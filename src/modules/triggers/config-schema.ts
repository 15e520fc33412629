import { badInput } from '../../kernel/errors.ts';
import { builder } from '../../schema/builder.ts';
import type { SignatureVerification as SignatureConfig } from './signature.ts';

// The GraphQL shape of a trigger's authentication, signature verification and output transform.
// Inputs go to the service's zod schemas (service.ts, signature.ts), which stay the one place that
// checks them; only outputTransform changes shape on the way (see `outputTransformOf`).

const ValueSource = builder.enumType('WebhookValueSource', {
  description: 'Where in a webhook request a value is read.',
  values: {
    HEADER: { value: 'header', description: 'A request header, by name.' },
    QUERY: { value: 'query', description: 'A query parameter, by name.' },
    BODY: { value: 'body', description: 'The JSON body, by dot path.' },
  } as const,
});

const ComponentSource = builder.enumType('SignedComponentSource', {
  description: 'Where a part of the signed content comes from.',
  values: {
    HEADER: { value: 'header', description: 'A request header, by name.' },
    QUERY: { value: 'query', description: 'A query parameter, by name.' },
    BODY: {
      value: 'body',
      description: 'The raw body, or with a key the value at that dot path of the JSON body.',
    },
    LITERAL: { value: 'literal', description: 'The fixed text in `value`.' },
  } as const,
});

const Algorithm = builder.enumType('SignatureAlgorithm', {
  description: 'The HMAC hash function.',
  values: {
    SHA1: { value: 'sha1', description: 'HMAC-SHA1 (legacy senders only).' },
    SHA256: { value: 'sha256', description: 'HMAC-SHA256.' },
    SHA384: { value: 'sha384', description: 'HMAC-SHA384.' },
    SHA512: { value: 'sha512', description: 'HMAC-SHA512.' },
    MD5: { value: 'md5', description: 'HMAC-MD5 (legacy senders only).' },
  } as const,
});

const Encoding = builder.enumType('SignatureEncoding', {
  description: 'How the signature is written in the request.',
  values: {
    HEX: { value: 'hex', description: 'Hexadecimal digits.' },
    BASE64: { value: 'base64', description: 'Standard base64.' },
  } as const,
});

const SecretEncoding = builder.enumType('SigningSecretEncoding', {
  description: 'How the signing secret becomes the HMAC key.',
  values: {
    UTF8: { value: 'utf8', description: 'The secret’s text as it is.' },
    BASE64: {
      value: 'base64',
      description: 'The base64 after `secretPrefix`, decoded (e.g. Standard Webhooks’ `whsec_`).',
    },
  } as const,
});

const JoinStrategy = builder.enumType('ComponentJoinStrategy', {
  description: 'How the signed components are put together.',
  values: {
    CONCATENATE: {
      value: 'concatenate',
      description: 'One after another, with `separator` between them.',
    },
  } as const,
});

const AuthenticationType = builder.enumType('TriggerAuthenticationType', {
  description: 'How callers of a trigger’s webhook prove who they are.',
  values: {
    HEADER: { value: 'header', description: 'A fixed value in a named header.' },
    API_KEY: { value: 'api_key', description: 'A key in a header or query parameter.' },
    BASIC: { value: 'basic', description: 'HTTP Basic authentication.' },
  } as const,
});

const ApiKeyLocation = builder.enumType('ApiKeyLocation', {
  description: 'Where an API_KEY authentication reads the key.',
  values: {
    HEADER: { value: 'header', description: 'A request header.' },
    QUERY: { value: 'query', description: 'A query parameter.' },
  } as const,
});

// ---------------------------------------------------------------------------------------------
// Outputs

type Location = { source: 'header' | 'query' | 'body'; key: string; regex?: string };

const SignatureLocation = builder
  .objectRef<SignatureConfig['signature']>('SignatureLocation')
  .implement({
    description: 'Where the signature is read.',
    fields: (t) => ({
      source: t.field({
        type: ValueSource,
        description: 'The part of the request.',
        resolve: (location) => location.source,
      }),
      key: t.exposeString('key', {
        description: 'Header or query parameter name, or a dot path into the JSON body.',
      }),
      prefix: t.exposeString('prefix', {
        nullable: true,
        description: 'Removed from the value first (e.g. `sha256=`).',
      }),
      regex: t.exposeString('regex', {
        nullable: true,
        description: 'RE2 pattern; its first group (or the whole match) is the signature.',
      }),
      separator: t.exposeString('separator', {
        nullable: true,
        description: 'Splits a value holding several signatures; any may match.',
      }),
    }),
  });

const SignedComponent = builder
  .objectRef<SignatureConfig['signedComponents'][number]>('SignedComponent')
  .implement({
    description: 'One part of the content the signature covers.',
    fields: (t) => ({
      source: t.field({
        type: ComponentSource,
        description: 'Where the part comes from.',
        resolve: (component) => component.source,
      }),
      key: t.exposeString('key', {
        nullable: true,
        description:
          'Header or query name, or a dot path into the JSON body; none with BODY: the raw body.',
      }),
      value: t.exposeString('value', { nullable: true, description: 'LITERAL: the text itself.' }),
      regex: t.exposeString('regex', {
        nullable: true,
        description: 'RE2 pattern; its first group (or the whole match) is the part.',
      }),
      required: t.exposeBoolean('required', {
        description: 'Whether a missing part refuses the webhook (otherwise it counts as empty).',
      }),
    }),
  });

const ComponentJoin = builder
  .objectRef<SignatureConfig['componentJoin']>('ComponentJoin')
  .implement({
    description: 'How the signed components are put together.',
    fields: (t) => ({
      strategy: t.field({
        type: JoinStrategy,
        description: 'The joining rule.',
        resolve: (join) => join.strategy,
      }),
      separator: t.exposeString('separator', { description: 'Put between the components.' }),
    }),
  });

const SignatureValidation = builder
  .objectRef<SignatureConfig['validation']>('SignatureValidation')
  .implement({
    description: 'Details of how strictly a request is read.',
    fields: (t) => ({
      allowEmptyBody: t.exposeBoolean('allowEmptyBody', {
        description: 'Whether a request without a body may pass.',
      }),
      headerCaseSensitive: t.exposeBoolean('headerCaseSensitive', {
        description: 'Whether header names must match in case.',
      }),
      normalizeUnicode: t.exposeBoolean('normalizeUnicode', {
        description: 'Whether the signed content is NFC-normalized first.',
      }),
    }),
  });

const TimestampLocation = builder
  .objectRef<NonNullable<SignatureConfig['timestamp']>>('SignatureTimestamp')
  .implement({
    description:
      'Replay protection: where the sender’s timestamp (Unix seconds) is read, and how far from now it may be.',
    fields: (t) => ({
      source: t.field({
        type: ValueSource,
        description: 'The part of the request.',
        resolve: (location) => location.source,
      }),
      key: t.exposeString('key', {
        description: 'Header or query parameter name, or a dot path into the JSON body.',
      }),
      regex: t.exposeString('regex', {
        nullable: true,
        description: 'RE2 pattern; its first group (or the whole match) is the timestamp.',
      }),
      toleranceSeconds: t.exposeInt('toleranceSeconds', {
        description: 'The largest accepted difference from the server’s clock.',
      }),
    }),
  });

const DeliveryIdLocation = builder.objectRef<Location>('DeliveryIdLocation').implement({
  description: 'Where the sender’s delivery id is read: the same delivery twice is one invocation.',
  fields: (t) => ({
    source: t.field({
      type: ValueSource,
      description: 'The part of the request.',
      resolve: (location) => location.source,
    }),
    key: t.exposeString('key', {
      description: 'Header or query parameter name, or a dot path into the JSON body.',
    }),
    regex: t.exposeString('regex', {
      nullable: true,
      description: 'RE2 pattern; its first group (or the whole match) is the id.',
    }),
  }),
});

export const SignatureVerification = builder
  .objectRef<SignatureConfig>('SignatureVerification')
  .implement({
    description: 'How a trigger checks the HMAC signature of each webhook.',
    fields: (t) => ({
      algorithm: t.field({
        type: Algorithm,
        description: 'The HMAC hash function.',
        resolve: (config) => config.algorithm,
      }),
      encoding: t.field({
        type: Encoding,
        description: 'How the signature is written.',
        resolve: (config) => config.encoding,
      }),
      signature: t.field({
        type: SignatureLocation,
        description: 'Where the signature is read.',
        resolve: (config) => config.signature,
      }),
      signedComponents: t.field({
        type: [SignedComponent],
        description: 'The parts the signature covers, in order.',
        resolve: (config) => config.signedComponents,
      }),
      componentJoin: t.field({
        type: ComponentJoin,
        description: 'How the parts are put together.',
        resolve: (config) => config.componentJoin,
      }),
      validation: t.field({
        type: SignatureValidation,
        description: 'How strictly the request is read.',
        resolve: (config) => config.validation,
      }),
      secretEncoding: t.field({
        type: SecretEncoding,
        description: 'How the signing secret becomes the HMAC key.',
        resolve: (config) => config.secretEncoding,
      }),
      secretPrefix: t.exposeString('secretPrefix', {
        nullable: true,
        description: 'Removed from the secret before it is decoded (e.g. `whsec_`).',
      }),
      timestamp: t.field({
        type: TimestampLocation,
        nullable: true,
        description: 'Replay protection; null: none.',
        resolve: (config) => config.timestamp,
      }),
      deliveryId: t.field({
        type: DeliveryIdLocation,
        nullable: true,
        description: 'Deduplication by the sender’s delivery id; null: none.',
        resolve: (config) => config.deliveryId,
      }),
    }),
  });

type ShownAuthentication = {
  type: 'header' | 'api_key' | 'basic';
  header?: string;
  in?: 'header' | 'query';
  name?: string;
  username?: string;
};

export const TriggerAuthentication = builder
  .objectRef<ShownAuthentication>('TriggerAuthentication')
  .implement({
    description:
      'How callers of the webhook authenticate, without its secrets (they are stored hashed).',
    fields: (t) => ({
      type: t.field({
        type: AuthenticationType,
        description: 'The kind of authentication.',
        resolve: (auth) => auth.type,
      }),
      header: t.exposeString('header', {
        nullable: true,
        description: 'HEADER: the header that carries the value.',
      }),
      in: t.field({
        type: ApiKeyLocation,
        nullable: true,
        description: 'API_KEY: where the key is read.',
        resolve: (auth) => auth.in,
      }),
      name: t.exposeString('name', {
        nullable: true,
        description: 'API_KEY: the header or query parameter name.',
      }),
      username: t.exposeString('username', {
        nullable: true,
        description: 'BASIC: the expected user name.',
      }),
    }),
  });

const OutputField = builder
  .objectRef<{ name: string; expression: string }>('OutputField')
  .implement({
    description: 'One key of a transformed payload.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'The key in the transformed payload.' }),
      expression: t.exposeString('expression', {
        description: 'The JMESPath expression over the webhook body that gives its value.',
      }),
    }),
  });

export const OutputTransform = builder
  .objectRef<string | Record<string, string>>('OutputTransform')
  .implement({
    description:
      'How a webhook body becomes the payload the message template sees: one of `expression` or `fields`.',
    fields: (t) => ({
      expression: t.string({
        nullable: true,
        description: 'A JMESPath expression whose result is the payload.',
        resolve: (transform) => (typeof transform === 'string' ? transform : null),
      }),
      fields: t.field({
        type: [OutputField],
        nullable: true,
        description: 'An object payload, one key per field.',
        resolve: (transform) =>
          typeof transform === 'string'
            ? null
            : Object.entries(transform).map(([name, expression]) => ({ name, expression })),
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Inputs

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
