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
import type { SignatureVerification as SignatureConfig } from './signature.ts';

// The GraphQL shape of a trigger's authentication, signature verification and output transform.
// Inputs (config-inputs.ts) go to the service's zod schemas (configuration.ts, signature.ts), which
// stay the one place that checks them; only outputTransform changes shape on the way (see `outputTransformOf`).

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
