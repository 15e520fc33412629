import { parseInput } from '../../kernel/parse-input.ts';
import { randomUUID } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { z } from 'zod';
import type { Prisma, Trigger } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import {
  recordRefusal,
  work,
  type UnitOfWork,
  type WorkOptions,
} from '../../kernel/unit-of-work.ts';
import { CredentialKind } from '../credentials/service.ts';
import { findAgent } from '../agents/service.ts';
import { createTriggerSchema, triggerData, updateTriggerSchema } from './configuration.ts';
import {
  triggerCreated,
  triggerDeleted,
  triggerUpdated,
  triggerWebhookUrlRotated,
} from './events.ts';
import { checkInputSchema, forgetValidator, rememberValidator } from './validators.ts';

type Db = Prisma.TransactionClient;

/** The agent a trigger call names (by id or name), in the caller's tenant; another tenant's reads as missing. */
async function agentOf(ctx: RequestContext, db: Db, agentId: string) {
  const agent = await findAgent(db, requireScope(ctx), agentId);
  if (!agent) throw notFound(`Agent "${agentId}"`);
  return agent;
}

async function checkCredentials(db: Db, ids: string[]) {
  const found = await db.credential.count({
    where: { id: { in: ids }, kind: CredentialKind.WEBHOOK_SIGNING_SECRET },
  });
  if (found !== new Set(ids).size)
    throw badInput(
      'A signing secret credential does not exist (or is not a WEBHOOK_SIGNING_SECRET)',
      [{ path: ['signingSecretCredentialReferenceId'], message: 'does not exist' }],
    );
}

export async function listTriggers(
  ctx: RequestContext,
  agentId: string,
  page: { page: number; limit: number },
) {
  const where = { agentId: (await agentOf(ctx, ctx.db, agentId)).id };
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

export async function getTrigger(
  ctx: RequestContext,
  agentId: string,
  id: string,
  db: Db = ctx.db,
) {
  const agent = await agentOf(ctx, db, agentId);
  const trigger = await db.trigger.findFirst({ where: { agentId: agent.id, id } });
  if (!trigger) throw notFound(`Trigger "${id}"`);
  return trigger;
}

/** The id a create names, or the one it would get: what its refusal is recorded under. */
const requestedId = (input: unknown) => {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? id.slice(0, 255) : randomUUID();
};

type Refusal = NonNullable<WorkOptions['refusal']>;

/**
 * The checks a change makes before its transaction opens (parsing, compiling schemas and
 * expressions: CPU work that holds no rows); a refusal among them is recorded as `work` records its own.
 */
async function checking<T>(ctx: RequestContext, refusal: Refusal, check: () => Promise<T>) {
  try {
    return await check();
  } catch (error) {
    if (error instanceof AppError) await recordRefusal(ctx, error, { refusal });
    throw error;
  }
}

export async function createTrigger(ctx: RequestContext, agentId: string, input: unknown) {
  const refusal = { event: triggerCreated, resourceId: requestedId(input) };
  const { agent, trigger, validate } = await checking(ctx, refusal, async () => {
    const agent = await agentOf(ctx, ctx.db, agentId);
    const trigger = parseInput(createTriggerSchema, input);
    const validate = trigger.inputSchema
      ? checkInputSchema(ctx.services, trigger.inputSchema)
      : null;
    return { agent, trigger, validate };
  });
  const id = trigger.id ?? refusal.resourceId;
  const data = triggerData(trigger);
  return work(
    ctx,
    async (uow) => {
      await checkCredentials(uow.tx, data.signingSecretCredentialIds ?? []);
      if (await uow.tx.trigger.findFirst({ where: { agentId: agent.id, id } }))
        throw new AppError('CONFLICT', `Trigger "${id}" already exists`);
      const created = await uow.tx.trigger.create({
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
      });
      uow.emit(triggerCreated, { id, agentId: agent.id, name: trigger.name }, { resourceId: id });
      uow.afterCommit(() => rememberValidator(created, validate));
      return created;
    },
    { refusal },
  );
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
async function moveTarget(db: Db, existing: Trigger, agentId: string) {
  const agent = await findAgent(
    db,
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

type KeptField = 'tenantId' | 'projectId' | 'createdAt' | 'updatedAt';

/** The server-kept fields of a PATCH body: sent back unchanged, or refused. */
function checkKeptFields(existing: Trigger, sent: Partial<Record<KeptField, string>>) {
  const currentProject = existing.projectId ?? 'default';
  if (sent.tenantId !== undefined && sent.tenantId !== existing.tenantId)
    refuseChange('tenantId', existing.tenantId);
  if (sent.projectId !== undefined && sent.projectId !== currentProject)
    refuseChange('projectId', currentProject);
  if (sent.createdAt !== undefined && Date.parse(sent.createdAt) !== existing.createdAt.getTime())
    refuseChange('createdAt', existing.createdAt.toISOString());
  if (sent.updatedAt !== undefined && Date.parse(sent.updatedAt) !== existing.updatedAt.getTime())
    refuseChange('updatedAt', existing.updatedAt.toISOString());
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
  const refusal = { event: triggerUpdated, resourceId: id };
  const checked = await checking(ctx, refusal, async () => {
    const existing = await getTrigger(ctx, agentId, id);
    const {
      agentId: newAgentId,
      tenantId,
      projectId,
      createdAt,
      updatedAt,
      ...parsed
    } = parseInput(updateTriggerSchema, input);
    checkKeptFields(existing, { tenantId, projectId, createdAt, updatedAt });
    const validate = parsed.inputSchema ? checkInputSchema(ctx.services, parsed.inputSchema) : null;
    return { existing, newAgentId, parsed, validate };
  });
  return work(ctx, (uow) => update(uow, checked), { refusal });
}

async function update(
  uow: UnitOfWork,
  {
    existing,
    newAgentId,
    parsed: { id: newId = existing.id, ...parsed },
    validate,
  }: {
    existing: Trigger;
    newAgentId: string | undefined;
    parsed: Omit<z.output<typeof updateTriggerSchema>, KeptField | 'agentId'>;
    validate: ValidateFunction | null;
  },
) {
  const target =
    newAgentId === undefined
      ? { id: existing.agentId }
      : await moveTarget(uow.tx, existing, newAgentId);
  const changes = triggerData(parsed);
  if (changes.signingSecretCredentialIds)
    await checkCredentials(uow.tx, changes.signingSecretCredentialIds);
  const renamed = newId !== existing.id || target.id !== existing.agentId;
  if (renamed && (await uow.tx.trigger.findFirst({ where: { agentId: target.id, id: newId } })))
    throw new AppError('CONFLICT', `Trigger "${newId}" already exists`);
  const fields = Object.keys(changes).filter(
    (key) => changes[key as keyof typeof changes] !== undefined,
  );
  const updated = await uow.tx.trigger.update({
    where: { webhookKey: existing.webhookKey },
    data: { ...changes, id: newId, agentId: target.id },
  });
  uow.emit(
    triggerUpdated,
    renamed
      ? {
          id: newId,
          agentId: target.id,
          fields,
          previous: { id: existing.id, agentId: existing.agentId },
        }
      : { id: existing.id, agentId: existing.agentId, fields },
    { resourceId: newId },
  );
  uow.afterCommit(() => {
    if (parsed.inputSchema !== undefined) forgetValidator(existing);
    rememberValidator(updated, validate);
  });
  return updated;
}

export function deleteTrigger(ctx: RequestContext, agentId: string, id: string) {
  return work(
    ctx,
    async (uow) => {
      const existing = await getTrigger(ctx, agentId, id, uow.tx);
      await uow.tx.trigger.delete({ where: { webhookKey: existing.webhookKey } });
      uow.emit(triggerDeleted, { id, agentId: existing.agentId }, { resourceId: id });
      uow.afterCommit(() => forgetValidator(existing));
      return existing;
    },
    { refusal: { event: triggerDeleted, resourceId: id } },
  );
}

/**
 * A new webhook URL for a trigger (its key is a secret: rotate it when it leaked). The old URL
 * answers 404 at once; the trigger's invocations follow it (the foreign key cascades on update).
 */
export function rotateTriggerWebhookUrl(ctx: RequestContext, agentId: string, id: string) {
  return work(
    ctx,
    async (uow) => {
      const existing = await getTrigger(ctx, agentId, id, uow.tx);
      const rotated = await uow.tx.trigger.update({
        where: { webhookKey: existing.webhookKey },
        data: { webhookKey: randomUUID() },
      });
      uow.emit(triggerWebhookUrlRotated, { id, agentId: existing.agentId }, { resourceId: id });
      return rotated;
    },
    { refusal: { event: triggerWebhookUrlRotated, resourceId: id } },
  );
}
