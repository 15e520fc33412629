import { randomUUID } from 'node:crypto';
import { Prisma, type Trigger, type TriggerInvocation } from '../../generated/prisma/client.ts';
import { storableText } from '../../db/storable.ts';
import {
  AppError,
  isForeignKeyViolation,
  isUniqueViolation,
  notFound,
} from '../../kernel/errors.ts';
import { systemContext, type RequestContext, type Services } from '../../kernel/context.ts';
import { work, workInOneStatement } from '../../kernel/unit-of-work.ts';
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
  if (!isForeignKeyViolation(error)) throw error;
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
 * Records the invocations of accepted webhooks of one scope in ONE statement, with their
 * `trigger.invoked` audit rows and no transaction (group commit): each webhook keeps its own unit
 * (its correlation id and publishes). Each invocation holds the ids of the conversation and
 * execution it will start: executions are created apart, from these rows, by a starter of any
 * instance (`InvocationStarter`), so senders wait for this one statement only. A concurrent copy
 * of the same delivery fails on the unique (webhookKey, deliveryId) index, and a gone trigger on
 * the foreign key: the batcher then records each webhook on its own (`aloneOnFailure`), and the
 * one at fault fails alone.
 */
export async function recordInvocations(
  webhooks: readonly AcceptedWebhook[],
): Promise<TriggerInvocation[]> {
  const now = new Date();
  const invocations: TriggerInvocation[] = webhooks.map(
    ({ ctx, trigger, accepted: { deliveryId, payload, transformed, message } }) => ({
      id: randomUUID(),
      seq: 0n, // the statement's
      tenantId: trigger.tenantId,
      projectId: trigger.projectId,
      webhookKey: trigger.webhookKey,
      status: 'pending',
      errorMessage: null,
      deliveryId,
      requestPayload: payload as Prisma.JsonValue,
      transformedPayload: trigger.outputTransform ? (transformed as Prisma.JsonValue) : null,
      message,
      executionId: randomUUID(),
      conversationId: randomUUID(),
      correlationId: ctx.correlationId,
      createdAt: now,
      updatedAt: now,
    }),
  );
  const { tenantId, projectId } = invocations[0];
  await workInOneStatement<{ id: string; seq: string }>(
    webhooks.map(({ ctx }) => ctx),
    (units) => {
      const input = webhooks.map(({ ctx, trigger }, index) => {
        const uow = units[index];
        const invocation = invocations[index];
        const auditId = uow.emit(
          triggerInvoked,
          { invocationId: invocation.id, agentId: trigger.agentId },
          { resourceId: trigger.id },
        );
        uow.publish('triggerInvocationUpdated', trigger.tenantId, invocation);
        uow.afterCommit(() => ctx.services.wakeInvocations());
        const { seq: _seq, tenantId: _tenant, projectId: _project, ...columns } = invocation;
        return { ...columns, auditId };
      });
      return {
        ctes: Prisma.sql`
          input AS (
            SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
              id text, "webhookKey" text, status "TriggerInvocationStatus", "errorMessage" text,
              "deliveryId" text, "requestPayload" jsonb, "transformedPayload" jsonb, message text,
              "executionId" text, "conversationId" text, "correlationId" text,
              "createdAt" timestamp, "updatedAt" timestamp, "auditId" text)
          ),
          inserted AS (
            INSERT INTO "TriggerInvocation" (id, "tenantId", "projectId", "webhookKey", status,
              "errorMessage", "deliveryId", "requestPayload", "transformedPayload", message,
              "executionId", "conversationId", "correlationId", "createdAt", "updatedAt")
            SELECT id, ${tenantId}, ${projectId}, "webhookKey", status, "errorMessage", "deliveryId",
              "requestPayload", "transformedPayload", message, "executionId", "conversationId",
              "correlationId", "createdAt", "updatedAt"
            FROM input
            RETURNING id, seq
          )`,
        counted: Prisma.sql`SELECT input."auditId" FROM input JOIN inserted USING (id)`,
        returning: Prisma.sql`SELECT id, seq::text FROM inserted`,
      };
    },
    // Numbered by the statement: published (and answered) with their numbers.
    (inserted) => {
      const seqs = new Map(inserted.map(({ id, seq }) => [id, BigInt(seq)]));
      for (const invocation of invocations) invocation.seq = seqs.get(invocation.id)!;
    },
  );
  return invocations;
}
