import { createHash, randomUUID } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import jmespath from 'jmespath';
import { z } from 'zod';
import type { Prisma, Trigger, TriggerInvocation } from '../../generated/prisma/client.ts';
import { hashSecret, secretMatches } from '../../auth/secrets.ts';
import { requireScope } from '../../auth/require.ts';
import { AppError, asAppError, badInput, notFound, type FieldIssue } from '../../kernel/errors.ts';
import { dateRange } from '../../db/filters.ts';
import { storableJson, storableText } from '../../db/storable.ts';
import { checkJsonInput } from '../../kernel/json-input.ts';
import { systemContext, type RequestContext, type Services } from '../../kernel/context.ts';
import { auditingFailure, auditRow, inAuditedTransaction, writeAudited } from '../audit/service.ts';
import { CredentialKind, signingSecrets } from '../credentials/service.ts';
import { emitAfterCommit } from '../deliveries/service.ts';
import { createExecution, createExecutionIn } from '../executions/service.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { findAgent } from '../agents/service.ts';
import { re2Engine, regexBudget, RegexBudgetExceeded, withRegexBudget } from './regex.ts';
import {
  signatureVerificationSchema,
  verifySignature,
  locate,
  type WebhookRequest,
} from './signature.ts';

// ---------------------------------------------------------------------------------------------
// Configuration, checked when a trigger is saved (not when a webhook arrives).

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
function checkInputSchema(services: Services, schema: object): ValidateFunction {
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

/** How callers authenticate, as sent: the secret parts are stored only as SHA-256 hashes. */
const authenticationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), header: z.string().min(1), value: z.string().min(1) }),
  z.object({
    type: z.literal('api_key'),
    in: z.enum(['header', 'query']).default('header'),
    name: z.string().min(1).default('X-API-Key'),
    value: z.string().min(1),
  }),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
]);
type StoredAuthentication =
  | { type: 'header'; header: string; valueHash: string }
  | { type: 'api_key'; in: 'header' | 'query'; name: string; valueHash: string }
  | { type: 'basic'; username: string; passwordHash: string };

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

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map((part) => part as string | number),
    message: issue.message,
  }));
  throw badInput(`Invalid ${issues[0].path.join('.') || 'input'}: ${issues[0].message}`, issues);
}

function storedAuthentication(input: z.output<typeof authenticationSchema>): StoredAuthentication {
  if (input.type === 'basic')
    return { type: 'basic', username: input.username, passwordHash: hashSecret(input.password) };
  if (input.type === 'header')
    return { type: 'header', header: input.header, valueHash: hashSecret(input.value) };
  return { type: 'api_key', in: input.in, name: input.name, valueHash: hashSecret(input.value) };
}

/** What the API shows of a trigger's authentication: never the hashes. */
export interface InvocationFilter {
  status?: 'pending' | 'success' | 'failed' | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

/** The invocations a REST query or GraphQL filter selects, among those of the trigger that received them. */
export function invocationWhere(filter: InvocationFilter): Prisma.TriggerInvocationWhereInput {
  return { status: filter.status ?? undefined, createdAt: dateRange(filter.from, filter.to) };
}

export function publicAuthentication(stored: unknown) {
  if (!stored) return null;
  const {
    valueHash: _value,
    passwordHash: _password,
    ...shown
  } = stored as Record<string, unknown>;
  return shown;
}

export function webhookUrl(services: Services, trigger: Pick<Trigger, 'webhookKey'>) {
  const base = services.config.PUBLIC_BASE_URL ?? `http://localhost:${services.config.PORT}`;
  return `${base.replace(/\/$/, '')}/webhooks/${trigger.webhookKey}`;
}

// ---------------------------------------------------------------------------------------------
// Management

/** The agent a trigger call names (by id or name), in the caller's tenant; another tenant's reads as missing. */
async function agentOf(ctx: RequestContext, agentId: string) {
  const agent = await findAgent(ctx.db, requireScope(ctx), agentId);
  if (!agent) throw notFound(`Agent "${agentId}"`);
  return agent;
}

async function checkCredentials(ctx: RequestContext, ids: string[]) {
  const found = await ctx.db.credential.count({
    where: { id: { in: ids }, kind: CredentialKind.WEBHOOK_SIGNING_SECRET },
  });
  if (found !== new Set(ids).size)
    throw badInput(
      'A signing secret credential does not exist (or is not a WEBHOOK_SIGNING_SECRET)',
      [{ path: ['signingSecretCredentialReferenceId'], message: 'does not exist' }],
    );
}

function triggerData(input: Partial<z.output<typeof createTriggerSchema>>) {
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

export async function listTriggers(
  ctx: RequestContext,
  agentId: string,
  page: { page: number; limit: number },
) {
  const where = { agentId: (await agentOf(ctx, agentId)).id };
  const [triggers, total] = await Promise.all([
    ctx.db.trigger.findMany({
      where,
      orderBy: { createdAt: 'asc' },
      skip: (page.page - 1) * page.limit,
      take: page.limit,
    }),
    ctx.db.trigger.count({ where }),
  ]);
  return { triggers, total };
}

export async function getTrigger(ctx: RequestContext, agentId: string, id: string) {
  const agent = await agentOf(ctx, agentId);
  const trigger = await ctx.db.trigger.findFirst({ where: { agentId: agent.id, id } });
  if (!trigger) throw notFound(`Trigger "${id}"`);
  return trigger;
}

export async function createTrigger(ctx: RequestContext, agentId: string, input: unknown) {
  const agent = await agentOf(ctx, agentId);
  const trigger = parse(createTriggerSchema, input);
  const validate = trigger.inputSchema ? checkInputSchema(ctx.services, trigger.inputSchema) : null;
  const id = trigger.id ?? randomUUID();
  const data = triggerData(trigger);
  await checkCredentials(ctx, data.signingSecretCredentialIds ?? []);
  if (await ctx.db.trigger.findFirst({ where: { agentId: agent.id, id } }))
    throw new AppError('CONFLICT', `Trigger "${id}" already exists`);
  const created = await writeAudited(
    ctx,
    ctx.db.trigger.create({
      data: {
        ...data,
        name: trigger.name,
        webhookKey: randomUUID(),
        id,
        tenantId: agent.tenantId,
        projectId: agent.projectId,
        agentId: agent.id,
        signingSecretCredentialIds: data.signingSecretCredentialIds ?? [],
      },
    }),
    [
      {
        eventType: 'trigger.created',
        resourceType: 'trigger',
        resourceId: id,
        payload: { id, agentId: agent.id, name: trigger.name },
      },
    ],
  );
  if (validate) cacheValidator(validatorKey(created.tenantId, created.inputSchema), validate);
  return created;
}

/** A field the server keeps, sent with another value than the trigger's: refused, never dropped. */
function refuseChange(field: string, current: string): never {
  throw badInput(`Invalid ${field}: it cannot be changed (it is "${current}")`, [
    { path: [field], message: `cannot be changed (it is "${current}")` },
  ]);
}

/**
 * The agent a PATCH moves the trigger to (by id or name): one of the caller's agents in the
 * trigger's project, since the trigger's tenant and project never change.
 */
async function moveTarget(ctx: RequestContext, existing: Trigger, agentId: string) {
  const agent = await findAgent(
    ctx.db,
    { tenantId: existing.tenantId, projectId: existing.projectId },
    agentId,
  );
  if (!agent)
    throw badInput(`Invalid agentId: agent "${agentId}" not found`, [
      { path: ['agentId'], message: 'not found' },
    ]);
  if (agent.projectId !== existing.projectId)
    throw badInput(`Invalid agentId: agent "${agentId}" is in another project`, [
      { path: ['agentId'], message: 'must be an agent of the trigger’s project' },
    ]);
  return agent;
}

/**
 * PATCH semantics: the fields sent change, the others stay. `id` renames the trigger (a conflict
 * when the agent has one by that id) and `agentId` moves it to another agent of its project;
 * `tenantId`, `projectId`, `createdAt` and `updatedAt` may only be sent back as they are.
 */
export async function updateTrigger(
  ctx: RequestContext,
  agentId: string,
  id: string,
  input: unknown,
) {
  const existing = await getTrigger(ctx, agentId, id);
  const {
    id: newId = existing.id,
    agentId: newAgentId,
    tenantId,
    projectId,
    createdAt,
    updatedAt,
    ...parsed
  } = parse(updateTriggerSchema, input);
  const currentProject = existing.projectId ?? 'default';
  if (tenantId !== undefined && tenantId !== existing.tenantId)
    refuseChange('tenantId', existing.tenantId);
  if (projectId !== undefined && projectId !== currentProject)
    refuseChange('projectId', currentProject);
  if (createdAt !== undefined && Date.parse(createdAt) !== existing.createdAt.getTime())
    refuseChange('createdAt', existing.createdAt.toISOString());
  if (updatedAt !== undefined && Date.parse(updatedAt) !== existing.updatedAt.getTime())
    refuseChange('updatedAt', existing.updatedAt.toISOString());
  const target =
    newAgentId === undefined
      ? { id: existing.agentId }
      : await moveTarget(ctx, existing, newAgentId);
  const validate = parsed.inputSchema ? checkInputSchema(ctx.services, parsed.inputSchema) : null;
  const changes = triggerData(parsed);
  if (changes.signingSecretCredentialIds)
    await checkCredentials(ctx, changes.signingSecretCredentialIds);
  const renamed = newId !== existing.id || target.id !== existing.agentId;
  if (renamed && (await ctx.db.trigger.findFirst({ where: { agentId: target.id, id: newId } })))
    throw new AppError('CONFLICT', `Trigger "${newId}" already exists`);
  const fields = Object.keys(changes).filter(
    (key) => changes[key as keyof typeof changes] !== undefined,
  );
  const payload = renamed
    ? {
        id: newId,
        agentId: target.id,
        fields,
        previous: { id: existing.id, agentId: existing.agentId },
      }
    : { id, agentId: existing.agentId, fields };
  const updated = await writeAudited(
    ctx,
    ctx.db.trigger.update({
      where: { webhookKey: existing.webhookKey },
      data: { ...changes, id: newId, agentId: target.id },
    }),
    [{ eventType: 'trigger.updated', resourceType: 'trigger', resourceId: newId, payload }],
  );
  if (parsed.inputSchema !== undefined && existing.inputSchema)
    validators.delete(validatorKey(existing.tenantId, existing.inputSchema));
  if (validate) cacheValidator(validatorKey(updated.tenantId, updated.inputSchema), validate);
  return updated;
}

export async function deleteTrigger(ctx: RequestContext, agentId: string, id: string) {
  const existing = await getTrigger(ctx, agentId, id);
  await writeAudited(ctx, ctx.db.trigger.delete({ where: { webhookKey: existing.webhookKey } }), [
    {
      eventType: 'trigger.deleted',
      resourceType: 'trigger',
      resourceId: id,
      payload: { id, agentId: existing.agentId },
    },
  ]);
  if (existing.inputSchema)
    validators.delete(validatorKey(existing.tenantId, existing.inputSchema));
  return existing;
}

/**
 * A new webhook URL for a trigger (its key is a secret: rotate it when it leaked). The old URL
 * answers 404 at once; the trigger's invocations follow it (the foreign key cascades on update).
 */
export async function rotateTriggerWebhookUrl(ctx: RequestContext, agentId: string, id: string) {
  const existing = await getTrigger(ctx, agentId, id);
  return writeAudited(
    ctx,
    ctx.db.trigger.update({
      where: { webhookKey: existing.webhookKey },
      data: { webhookKey: randomUUID() },
    }),
    [
      {
        eventType: 'trigger.webhook_url_rotated',
        resourceType: 'trigger',
        resourceId: id,
        payload: { id, agentId: existing.agentId },
      },
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// Ingestion

/** The trigger's input schema validator, compiled once per content (see `validators`). */
function validatorOf(trigger: Trigger): ValidateFunction {
  const key = validatorKey(trigger.tenantId, trigger.inputSchema);
  const validate = validators.get(key) ?? compileSchema(trigger.inputSchema as object);
  cacheValidator(key, validate);
  return validate;
}

function transform(expression: unknown, payload: unknown): unknown {
  if (typeof expression === 'string') return jmespath.search(payload, expression);
  return Object.fromEntries(
    Object.entries(expression as Record<string, string>).map(([key, path]) => [
      key,
      jmespath.search(payload, path),
    ]),
  );
}

/**
 * `{{a.b.c}}` placeholders over the payload; objects are written as JSON, missing values as nothing.
 * Stops (UNPROCESSABLE) as soon as the message would pass `maxChars`.
 */
export function renderTemplate(template: string, payload: unknown, maxChars: number): string {
  let length = template.length;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (placeholder, path: string) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (current, key) =>
          current && typeof current === 'object'
            ? (current as Record<string, unknown>)[key]
            : undefined,
        payload,
      );
    const text =
      value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    length += text.length - placeholder.length;
    if (length > maxChars)
      throw new AppError(
        'UNPROCESSABLE',
        `The message template renders more than ${maxChars} characters`,
      );
    return text;
  });
}

function authenticate(
  stored: StoredAuthentication,
  request: WebhookRequest,
): { status: 401 | 403; reason: string } | null {
  let presented: string | null;
  let expectedHash: string;
  if (stored.type === 'basic') {
    const header = request.headers.get('authorization');
    if (!header?.startsWith('Basic '))
      return { status: 401, reason: 'Basic credentials are required' };
    const [username, ...password] = Buffer.from(header.slice(6), 'base64')
      .toString('utf8')
      .split(':');
    if (username !== stored.username) return { status: 403, reason: 'Wrong credentials' };
    presented = password.join(':');
    expectedHash = stored.passwordHash;
  } else {
    presented =
      stored.type === 'header'
        ? request.headers.get(stored.header)
        : stored.in === 'query'
          ? request.query.get(stored.name)
          : request.headers.get(stored.name);
    expectedHash = stored.valueHash;
    if (!presented)
      return {
        status: 401,
        reason: `${stored.type === 'header' ? `Header ${stored.header}` : `API key ${stored.name}`} is required`,
      };
  }
  return secretMatches(presented, expectedHash)
    ? null
    : { status: 403, reason: 'Wrong credentials' };
}

export interface IngestResult {
  invocation: TriggerInvocation;
  /** False for a delivery received before: the first invocation is answered again. */
  created: boolean;
}

/**
 * What the API shows as an invocation's transformed payload: the transform's result when the
 * trigger had one, else the request payload it was given (stored once, as `requestPayload`).
 */
export function transformedPayloadOf(invocation: TriggerInvocation) {
  return (
    invocation.transformedPayload ??
    (invocation.message === null ? null : invocation.requestPayload)
  );
}

const refuse = (status: number, message: string) =>
  new AppError(
    (
      {
        400: 'BAD_USER_INPUT',
        401: 'UNAUTHENTICATED',
        403: 'FORBIDDEN',
        404: 'NOT_FOUND',
        422: 'UNPROCESSABLE',
      } as const
    )[status as 400]!,
    message,
  );

/** Runs an invocation's message again: a new invocation and execution, sharing the first one's payload. */
export async function rerunInvocation(
  ctx: RequestContext,
  invocationId: string,
): Promise<TriggerInvocation> {
  requireScope(ctx);
  const previous = await ctx.db.triggerInvocation.findUnique({
    where: { id: invocationId },
    include: { trigger: true },
  });
  if (!previous) throw notFound('Invocation');
  if (previous.message === null)
    throw new AppError(
      'CONFLICT',
      'The invocation failed before it had a message: there is nothing to run again',
    );
  const execution = await createExecution(ctx, {
    agentId: previous.trigger.agentId,
    messages: [{ role: 'user', content: previous.message }],
  });
  const conversation = await ctx.db.conversation.findUniqueOrThrow({
    where: { id: execution.conversationRef },
  });
  const invocation = await inAuditedTransaction(ctx, async (tx, record) => {
    const created = await tx.triggerInvocation.create({
      data: {
        tenantId: previous.tenantId,
        projectId: previous.projectId,
        webhookKey: previous.webhookKey,
        status: 'pending',
        requestPayload: previous.requestPayload ?? undefined,
        transformedPayload: previous.transformedPayload ?? undefined,
        message: previous.message,
        executionId: execution.id,
        conversationId: conversation.conversationId,
        correlationId: execution.correlationId,
      },
    });
    record({
      eventType: 'trigger.rerun',
      resourceType: 'trigger',
      resourceId: previous.trigger.id,
      payload: {
        invocationId: created.id,
        rerunOf: previous.id,
        executionId: execution.id,
        agentId: previous.trigger.agentId,
      },
    });
    return created;
  });
  ctx.services.bus.publish('triggerInvocationUpdated', invocation.tenantId, invocation);
  return invocation;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Turns a webhook into a message for the trigger's agent, in the page's order: trigger, caller
 * authentication, signature, and only then the delivery id, input schema, transform and template;
 * then claims the invocation and starts the execution in one transaction. Each refusal after the
 * trigger is found is recorded as a failed invocation.
 */
export async function ingestWebhook(
  services: Services,
  webhookKey: string,
  request: WebhookRequest,
  client: RequestContext['client'],
): Promise<IngestResult> {
  const trigger = await services.prisma.trigger.findUnique({ where: { webhookKey } });
  if (!trigger || !trigger.enabled) throw notFound('Trigger');
  const scope = { tenantId: trigger.tenantId, projectId: trigger.projectId };
  const ctx = systemContext(
    services,
    scope,
    randomUUID(),
    { actorType: 'webhook', actorId: `trigger:${trigger.id}` },
    client,
  );
  const fail = async (
    status: number,
    message: string,
    payload: unknown = request.body ?? null,
  ): Promise<never> => {
    const invocation = await services.prisma.triggerInvocation.create({
      // The message may quote the sender's text (a key, a path): stored as far as it can be.
      data: {
        ...scope,
        webhookKey,
        status: 'failed',
        errorMessage: storableText(message),
        requestPayload: payload as Prisma.InputJsonValue,
        correlationId: ctx.correlationId,
      },
    });
    services.bus.publish('triggerInvocationUpdated', trigger.tenantId, invocation);
    await emitAfterCommit(services, scope, [
      {
        type: 'trigger.invocation.failed',
        resourceId: invocation.id,
        agentId: trigger.agentId,
        data: {
          invocationId: invocation.id,
          triggerId: trigger.id,
          agentId: trigger.agentId,
          status,
          errorMessage: invocation.errorMessage,
        },
      },
    ]);
    throw refuse(status, message);
  };

  if (trigger.authentication) {
    const refused = authenticate(trigger.authentication as StoredAuthentication, request);
    if (refused) return fail(refused.status, refused.reason, null);
  }
  const config = trigger.signatureVerification
    ? signatureVerificationSchema.parse(trigger.signatureVerification)
    : null;
  const searched = regexBudget(services.config.TRIGGER_REGEX_BUDGET_CHARS);
  let deliveryId: string | null = null;
  if (config) {
    const credentials = await services.prisma.credential.findMany({
      where: { id: { in: trigger.signingSecretCredentialIds }, tenantId: trigger.tenantId },
    });
    let verified: ReturnType<typeof verifySignature>;
    try {
      verified = withRegexBudget(searched, () =>
        verifySignature(config, request, signingSecrets(services, credentials)),
      );
      // Read only from a verified request.
      if (verified.ok)
        deliveryId = config.deliveryId
          ? withRegexBudget(searched, () => locate(request, config.deliveryId!))
          : null;
    } catch (error) {
      if (!(error instanceof RegexBudgetExceeded)) throw error;
      return fail(422, error.message, null);
    }
    if (!verified.ok) return fail(verified.status, verified.reason, null);
    if (deliveryId) {
      const repeat = await services.prisma.triggerInvocation.findUnique({
        where: { webhookKey_deliveryId: { webhookKey, deliveryId } },
      });
      if (repeat) return { invocation: repeat, created: false };
    }
  }
  if (
    request.body === undefined &&
    (trigger.inputSchema || trigger.outputTransform || trigger.messageTemplate?.includes('{{'))
  ) {
    return fail(400, 'The body must be JSON');
  }
  // The checks REST bodies get, here rather than in the transport, so that the attempt is recorded:
  // with the payload made storable, or without it when it nests too deep to store at all.
  try {
    checkJsonInput(request.body ?? request.rawBody, services.config.MAX_INPUT_DEPTH);
  } catch (error) {
    const refusal = asAppError(error);
    if (!refusal) throw error;
    const tooDeep = refusal.details.issues?.some((issue) => issue.type === 'json_too_deep');
    return fail(
      400,
      `The payload holds characters the database cannot store or nests too deep: ${refusal.message}`,
      tooDeep ? null : storableJson(request.body ?? null),
    );
  }
  if (trigger.inputSchema) {
    const validate = validatorOf(trigger);
    let valid: boolean;
    try {
      valid = withRegexBudget(searched, () => validate(request.body) as boolean);
    } catch (error) {
      if (!(error instanceof RegexBudgetExceeded)) throw error;
      return fail(422, error.message);
    }
    if (!valid) {
      return fail(
        400,
        `The payload does not match the input schema: ${(validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ')}`,
      );
    }
  }
  const payload = request.body ?? request.rawBody;
  let transformed: unknown = payload;
  if (trigger.outputTransform) {
    try {
      transformed = transform(trigger.outputTransform, request.body);
    } catch (error) {
      return fail(422, `The output transform failed: ${(error as Error).message}`);
    }
  }
  let message: string;
  try {
    message = trigger.messageTemplate
      ? renderTemplate(
          trigger.messageTemplate,
          transformed,
          services.config.TRIGGER_MAX_MESSAGE_CHARS,
        )
      : typeof transformed === 'string'
        ? transformed
        : JSON.stringify(transformed);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return fail(422, error.message);
  }

  return auditingFailure(
    ctx,
    { eventType: 'trigger.invoked', resourceType: 'trigger', resourceId: trigger.id },
    async () => {
      try {
        // The invocation is inserted first: a concurrent copy of the same delivery waits on its
        // unique (webhookKey, deliveryId) index and fails there, before any execution exists.
        const [invocation, execution] = await work(ctx, async (uow) => {
          const { tx } = uow;
          // TODO(merge): trigger.invoked joins the catalogue; the run names it as its cause.
          const invoked = auditRow(ctx, {
            eventType: 'trigger.invoked',
            resourceType: 'trigger',
            resourceId: trigger.id,
          });
          const claimed = await tx.triggerInvocation.create({
            data: {
              ...scope,
              webhookKey,
              status: 'pending',
              deliveryId,
              requestPayload: payload as Prisma.InputJsonValue,
              transformedPayload: trigger.outputTransform
                ? (transformed as Prisma.InputJsonValue)
                : undefined,
              message,
              correlationId: ctx.correlationId,
            },
          });
          const conversationId = randomUUID();
          const execution = await createExecutionIn(
            uow,
            {
              agentId: trigger.agentId,
              conversationId,
              messages: [{ role: 'user', content: message }],
            },
            { causationId: invoked.id },
          );
          const invocation = await tx.triggerInvocation.update({
            where: { id: claimed.id },
            data: { executionId: execution.id, conversationId },
          });
          await tx.auditEvent.create({
            data: {
              ...invoked,
              payload: {
                invocationId: invocation.id,
                executionId: execution.id,
                agentId: trigger.agentId,
              },
            },
          });
          return [invocation, execution] as const;
        });
        services.bus.publish('triggerInvocationUpdated', trigger.tenantId, invocation);
        return { invocation, created: true };
      } catch (error) {
        // The same delivery raced in: the first copy's invocation stands, and nothing else was written.
        if (isUniqueViolation(error) && deliveryId) {
          return {
            invocation: await services.prisma.triggerInvocation.findUniqueOrThrow({
              where: { webhookKey_deliveryId: { webhookKey, deliveryId } },
            }),
            created: false,
          };
        }
        // The URL was rotated (or the trigger deleted) while this webhook was checked.
        if ((error as { code?: string }).code === 'P2003') throw notFound('Trigger');
        throw error;
      }
    },
  );
}
