import { builder } from '../../schema/builder.ts';

// The GraphQL enums of a trigger's authentication and signature verification, outputs' and inputs' alike.

export const ValueSource = builder.enumType('WebhookValueSource', {
  description: 'Where in a webhook request a value is read.',
  values: {
    HEADER: { value: 'header', description: 'A request header, by name.' },
    QUERY: { value: 'query', description: 'A query parameter, by name.' },
    BODY: { value: 'body', description: 'The JSON body, by dot path.' },
  } as const,
});

export const ComponentSource = builder.enumType('SignedComponentSource', {
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

export const Algorithm = builder.enumType('SignatureAlgorithm', {
  description: 'The HMAC hash function.',
  values: {
    SHA1: { value: 'sha1', description: 'HMAC-SHA1 (legacy senders only).' },
    SHA256: { value: 'sha256', description: 'HMAC-SHA256.' },
    SHA384: { value: 'sha384', description: 'HMAC-SHA384.' },
    SHA512: { value: 'sha512', description: 'HMAC-SHA512.' },
    MD5: { value: 'md5', description: 'HMAC-MD5 (legacy senders only).' },
  } as const,
});

export const Encoding = builder.enumType('SignatureEncoding', {
  description: 'How the signature is written in the request.',
  values: {
    HEX: { value: 'hex', description: 'Hexadecimal digits.' },
    BASE64: { value: 'base64', description: 'Standard base64.' },
  } as const,
});

export const SecretEncoding = builder.enumType('SigningSecretEncoding', {
  description: 'How the signing secret becomes the HMAC key.',
  values: {
    UTF8: { value: 'utf8', description: 'The secret’s text as it is.' },
    BASE64: {
      value: 'base64',
      description: 'The base64 after `secretPrefix`, decoded (e.g. Standard Webhooks’ `whsec_`).',
    },
  } as const,
});

export const JoinStrategy = builder.enumType('ComponentJoinStrategy', {
  description: 'How the signed components are put together.',
  values: {
    CONCATENATE: {
      value: 'concatenate',
      description: 'One after another, with `separator` between them.',
    },
  } as const,
});

export const AuthenticationType = builder.enumType('TriggerAuthenticationType', {
  description: 'How callers of a trigger’s webhook prove who they are.',
  values: {
    HEADER: { value: 'header', description: 'A fixed value in a named header.' },
    API_KEY: { value: 'api_key', description: 'A key in a header or query parameter.' },
    BASIC: { value: 'basic', description: 'HTTP Basic authentication.' },
  } as const,
});

export const ApiKeyLocation = builder.enumType('ApiKeyLocation', {
  description: 'Where an API_KEY authentication reads the key.',
  values: {
    HEADER: { value: 'header', description: 'A request header.' },
    QUERY: { value: 'query', description: 'A query parameter.' },
  } as const,
});
