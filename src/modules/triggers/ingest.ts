import { randomUUID } from 'node:crypto';
import type { Prisma, Trigger, TriggerInvocation } from '../../generated/prisma/client.ts';
import { storableText } from '../../db/storable.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { systemContext, type RequestContext, type Services } from '../../kernel/context.ts';
import { work } from '../../kernel/unit-of-work.ts';
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
    return { invocation: await accept(ctx, trigger, inspection.accepted), created: true };
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

/**
 * The invocation, with the ids of the conversation and execution it will start: a concurrent copy
 * of the same delivery fails on its unique (webhookKey, deliveryId) index. The execution is
 * created apart, from this row, by a starter of any instance (`InvocationStarter`), so the sender
 * waits for this one insert only.
 */
function accept(
  ctx: RequestContext,
  trigger: Trigger,
  {
    deliveryId,
    payload,
    transformed,
    message,
  }: Extract<Inspection, { accepted: unknown }>['accepted'],
) {
  return work(
    ctx,
    async (uow) => {
      const invocation = await uow.tx.triggerInvocation.create({
        data: {
          tenantId: trigger.tenantId,
          projectId: trigger.projectId,
          webhookKey: trigger.webhookKey,
          status: 'pending',
          deliveryId,
          requestPayload: payload as Prisma.InputJsonValue,
          transformedPayload: trigger.outputTransform
            ? (transformed as Prisma.InputJsonValue)
            : undefined,
          message,
          executionId: randomUUID(),
          conversationId: randomUUID(),
          correlationId: ctx.correlationId,
        },
      });
      uow.emit(
        triggerInvoked,
        { invocationId: invocation.id, agentId: trigger.agentId },
        { resourceId: trigger.id },
      );
      uow.publish('triggerInvocationUpdated', trigger.tenantId, invocation);
      uow.afterCommit(() => ctx.services.wakeInvocations());
      return invocation;
    },
    { refusal: { event: triggerInvoked, resourceId: trigger.id } },
  );
}
