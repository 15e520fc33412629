import jmespath from 'jmespath';
import { z } from 'zod';
import type { Prisma, Trigger } from '../../generated/prisma/client.ts';
import type { Services } from '../../kernel/context.ts';
import { authenticationSchema, storedAuthentication } from './authentication.ts';
import { signatureVerificationSchema } from './signature.ts';

// A trigger's configuration as callers send it, checked when it is saved (not when a webhook arrives).

const jsonSchema = z.record(z.string(), z.unknown());
/** Parsed, not run: a type error depends on the payload, so it is answered when a webhook arrives (422). */
const jmespathExpression = z.string().superRefine((expression, context) => {
  try {
    (jmespath as unknown as { compile(expression: string): unknown }).compile(expression);
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: `is not a valid JMESPath expression: ${(error as Error).message}`,
    });
  }
});

const triggerFields = {
  name: z.string().min(1, 'must not be empty').max(255),
  description: z.string().max(2000).nullish(),
  enabled: z.boolean(),
  /** Compiled (and size-checked) by `checkInputSchema` after parsing. */
  inputSchema: jsonSchema.nullish(),
  messageTemplate: z.string().min(1, 'must not be empty').max(100_000).nullish(),
  outputTransform: z
    .union([jmespathExpression, z.record(z.string(), jmespathExpression)])
    .nullish(),
  authentication: authenticationSchema.nullish(),
  signatureVerification: signatureVerificationSchema.nullish(),
  signingSecretCredentialReferenceId: z.string().nullish(),
  /** Several signing secrets, during a rotation of the sender's secret: any may sign. */
  signingSecretCredentialIds: z.array(z.string()).max(5).nullish(),
};
const triggerId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9\-_.]+$/, 'may contain only letters, digits, "-", "_" and "."');
/** Reference 002's `tenantId`, `projectId` and `agentId` body fields. */
const scopeName = z.string().max(256, 'must be at most 256 characters');
export const createTriggerSchema = z.object({
  id: triggerId.optional(),
  ...triggerFields,
  enabled: triggerFields.enabled.default(true),
});
/** Every field of reference 002's PATCH body: the server-kept ones may be sent back unchanged, never changed. */
export const updateTriggerSchema = z
  .object({
    ...triggerFields,
    id: triggerId,
    agentId: scopeName.min(1, 'must not be empty'),
    tenantId: scopeName,
    projectId: scopeName,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .partial();

/** The columns a parsed create or update body sets (undefined: unchanged). */
export function triggerData(input: Partial<z.output<typeof createTriggerSchema>>) {
  const {
    authentication,
    signingSecretCredentialReferenceId,
    signingSecretCredentialIds,
    id: _id,
    ...rest
  } = input;
  const credentialIds =
    signingSecretCredentialIds ??
    (signingSecretCredentialReferenceId === undefined
      ? undefined
      : signingSecretCredentialReferenceId
        ? [signingSecretCredentialReferenceId]
        : []);
  return {
    ...rest,
    inputSchema:
      rest.inputSchema === undefined
        ? undefined
        : ((rest.inputSchema ?? null) as Prisma.InputJsonValue),
    outputTransform:
      rest.outputTransform === undefined
        ? undefined
        : ((rest.outputTransform ?? null) as Prisma.InputJsonValue),
    signatureVerification:
      rest.signatureVerification === undefined
        ? undefined
        : ((rest.signatureVerification ?? null) as Prisma.InputJsonValue),
    authentication:
      authentication === undefined
        ? undefined
        : authentication
          ? (storedAuthentication(authentication) as Prisma.InputJsonObject)
          : undefined,
    signingSecretCredentialIds: credentialIds,
  };
}

export function webhookUrl(services: Services, trigger: Pick<Trigger, 'webhookKey'>) {
  const base = services.config.PUBLIC_BASE_URL ?? `http://localhost:${services.config.PORT}`;
  return `${base.replace(/\/$/, '')}/webhooks/${trigger.webhookKey}`;
}
