import { randomUUID } from 'node:crypto';
import type { Prisma, Trigger, TriggerInvocation } from '../../generated/prisma/client.ts';
import { storableText } from '../../db/storable.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { systemContext, type RequestContext, type Services } from '../../kernel/context.ts';
import { work, workTogether, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import { triggerInvocationFailed, triggerInvoked } from './events.ts';
import { inspectWebhook, type Inspection } from './inspection.ts';
import type { WebhookRequest } from './signature.ts';

export interface IngestResult {
  invocation: TriggerInvocation;
  /** False for a delivery received before: the first invocation is answered again. */
  created: boolean;
}

const refusalCodes = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  422: 'UNPROCESSABLE',
} as const;
const refuse = (status: number, message: string) =>
  new AppError(refusalCodes[status as keyof typeof refusalCodes], message);

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Turns a webhook into a message for the trigger's agent (`inspectWebhook`), then records the
 * invocation, answered once it commits; its execution is started apart (`InvocationStarter`). Each refusal
 * after the trigger is found is recorded: a failed invocation, `trigger_invocation.failed` for
 * endpoints, and `trigger.invoked` as a `failure` with the error.
 */
export async function ingestWebhook(
  services: Services,
  webhookKey: string,
  request: WebhookRequest,
  client: RequestContext['client'],
): Promise<IngestResult> {
  const found = await services.triggerCache.get(webhookKey);
  if (!found) throw notFound('Trigger');
  const { trigger } = found;
  const ctx = systemContext(
    services,
    { tenantId: trigger.tenantId, projectId: trigger.projectId },
    randomUUID(),
    { actorType: 'webhook', actorId: `trigger:${trigger.id}` },
    client,
  );
  const inspection = await inspectWebhook(services, found, request);
  if ('repeat' in inspection) return { invocation: inspection.repeat, created: false };
  if ('refused' in inspection) {
    const { status, message, payload } = inspection.refused;
    const error = refuse(status, message);
    await recordRefusal(ctx, trigger, error, status, payload).catch((failure) =>
      goneTrigger(services, trigger, failure),
    );
    throw error;
  }
  try {
    const invocation = await services.webhookIngest.add(
      `${trigger.tenantId}:${trigger.projectId ?? ''}`,
      { ctx, trigger, accepted: inspection.accepted },
    );
    return { invocation, created: true };
  } catch (error) {
    const { deliveryId } = inspection.accepted;
    // The same delivery raced in: the first copy's invocation stands, and nothing else was written.
    if (isUniqueViolation(error) && deliveryId) {
      return {
        invocation: await services.prisma.triggerInvocation.findUniqueOrThrow({
          where: { webhookKey_deliveryId: { webhookKey, deliveryId } },
        }),
        created: false,
      };
    }
    return goneTrigger(services, trigger, error);
  }
}

/**
 * The URL was rotated (or the trigger deleted) while this webhook was checked, or before this
 * instance heard of it: the webhook key's foreign key says so.
 */
function goneTrigger(services: Services, trigger: Trigger, error: unknown): never {
  if ((error as { code?: string }).code !== 'P2003') throw error;
  services.triggerCache.changed(trigger.tenantId);
  throw notFound('Trigger');
}

/** A refused webhook: its failed invocation, what endpoints are told, and the audited refusal. */
async function recordRefusal(
  ctx: RequestContext,
  trigger: Trigger,
  error: AppError,
  status: number,
  payload: unknown,
) {
  await work(ctx, async (uow) => {
    const invocation = await uow.tx.triggerInvocation.create({
      // The message may quote the sender's text (a key, a path): stored as far as it can be.
      data: {
        tenantId: trigger.tenantId,
        projectId: trigger.projectId,
        webhookKey: trigger.webhookKey,
        status: 'failed',
        errorMessage: storableText(error.message),
        requestPayload: payload as Prisma.InputJsonValue,
        correlationId: ctx.correlationId,
      },
    });
    const refusalId = uow.emitRefusal(triggerInvoked, error, { resourceId: trigger.id });
    uow.emit(
      triggerInvocationFailed,
      {
        invocationId: invocation.id,
        triggerId: trigger.id,
        agentId: trigger.agentId,
        status,
        errorMessage: invocation.errorMessage,
      },
      { resourceId: invocation.id, causationId: refusalId },
    );
    uow.publish('triggerInvocationUpdated', trigger.tenantId, invocation);
  });
}

/** An accepted webhook waiting for its batch: its context, its trigger and what its checks found. */
export interface AcceptedWebhook {
  ctx: RequestContext;
  trigger: Trigger;
  accepted: Extract<Inspection, { accepted: unknown }>['accepted'];
}

/** Accepted webhooks of one scope are recorded together while one batch commits, up to this many. */
export const webhookBatching = { waitMs: 1, maxSize: 100, inFlight: 1, aloneOnFailure: true };

/**
 * Records the invocations of accepted webhooks of one scope in one transaction (group commit): one
 * statement inserts them all, while each keeps its own unit of work (its `trigger.invoked`,
 * correlation id and publishes). If the batch fails (a copy of a delivery raced in, a trigger is
 * gone), the batcher records each on its own (`aloneOnFailure`): the one at fault fails alone,
 * with its refusal recorded.
 */
export async function recordInvocations(
  webhooks: readonly AcceptedWebhook[],
): Promise<TriggerInvocation[]> {
  if (webhooks.length > 1)
    return workTogether(
      webhooks.map(({ ctx }) => ctx),
      (units) => insertInvocations(units, webhooks),
    );
  const [webhook] = webhooks;
  const invocation = await work(
    webhook.ctx,
    async (uow) => (await insertInvocations([uow], [webhook]))[0],
    { refusal: { event: triggerInvoked, resourceId: webhook.trigger.id } },
  );
  return [invocation];
}

/**
 * The invocations, each with the ids of the conversation and execution it will start: a concurrent
 * copy of the same delivery fails on the unique (webhookKey, deliveryId) index. Executions are
 * created apart, from these rows, by a starter of any instance (`InvocationStarter`), so senders
 * wait for this one insert only.
 */
async function insertInvocations(units: UnitOfWork[], webhooks: readonly AcceptedWebhook[]) {
  const rows = webhooks.map(
    ({ ctx, trigger, accepted: { deliveryId, payload, transformed, message } }) => ({
      id: randomUUID(),
      tenantId: trigger.tenantId,
      projectId: trigger.projectId,
      webhookKey: trigger.webhookKey,
      status: 'pending' as const,
      deliveryId,
      requestPayload: payload as Prisma.InputJsonValue,
      transformedPayload: trigger.outputTransform
        ? (transformed as Prisma.InputJsonValue)
        : undefined,
      message,
      executionId: randomUUID(),
      conversationId: randomUUID(),
      correlationId: ctx.correlationId,
    }),
  );
  const inserted = await units[0].tx.triggerInvocation.createManyAndReturn({ data: rows });
  const byId = new Map(inserted.map((invocation) => [invocation.id, invocation]));
  return webhooks.map(({ ctx, trigger }, index) => {
    const uow = units[index];
    const invocation = byId.get(rows[index].id)!;
    uow.emit(
      triggerInvoked,
      { invocationId: invocation.id, agentId: trigger.agentId },
      { resourceId: trigger.id },
    );
    uow.publish('triggerInvocationUpdated', trigger.tenantId, invocation);
    uow.afterCommit(() => ctx.services.wakeInvocations());
    return invocation;
  });
}
