import { parseInput } from '../../kernel/parse-input.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Prisma, WebhookDelivery } from '../../generated/prisma/client.ts';
import { DeliveryStatus } from '../../generated/prisma/enums.ts';
import { encryptSecret } from '../../auth/credentials-key.ts';
import { requireScope } from '../../auth/require.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext, Services } from '../../kernel/context.ts';
import { work, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import {
  deliveryRequeued,
  endpointCreated,
  endpointDeleted,
  endpointRecovered,
  endpointSecretRotated,
  endpointUpdated,
} from './events.ts';

export { DeliveryStatus };

/** Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: the delay before each attempt. */
export const RETRY_SCHEDULE_MS = [
  0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/** Every webhook type an endpoint may subscribe to: the catalogue's, with their aliases. */
export const subscribableTypes = (services: Pick<Services, 'catalogue'>) =>
  services.catalogue.webhookNames();

const endpointFields = {
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  description: z.string().max(2000).nullish(),
  eventTypes: z.array(z.string().max(200)).min(1, 'must name at least one event type').max(100),
  appEventTypes: z.array(z.string().min(1)).max(100),
  agentId: z.string().nullish(),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name'), z.string()),
  enabled: z.boolean(),
  orderedByResource: z.boolean(),
};
export const createEndpointSchema = z.object({
  ...endpointFields,
  appEventTypes: endpointFields.appEventTypes.default([]),
  headers: endpointFields.headers.default({}),
  enabled: endpointFields.enabled.default(true),
  orderedByResource: endpointFields.orderedByResource.default(false),
});
export const updateEndpointSchema = z.object(endpointFields).partial();

/** The input, checked; event types must be in the catalogue (an unknown name is refused, not dropped). */
function parse<S extends z.ZodType<{ eventTypes?: string[] }>>(
  ctx: RequestContext,
  schema: S,
  input: unknown,
): z.output<S> {
  const parsed = { data: parseInput(schema, input) };
  const known = subscribableTypes(ctx.services);
  const unknown = (parsed.data.eventTypes ?? []).findIndex((type) => !known.includes(type));
  if (unknown >= 0) {
    const type = parsed.data.eventTypes![unknown];
    throw badInput(
      `Unknown event type "${type}": see GET /run/v1/webhooks/event-types for the types`,
      [{ path: ['eventTypes', unknown], message: 'is not a webhook event type' }],
    );
  }
  return parsed.data;
}

function sealingKey(services: Services) {
  if (!services.credentialsKey)
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Signing secrets cannot be stored: set CREDENTIALS_KEY (or SWITCHBOARD_ADMIN_KEY)',
    );
  return services.credentialsKey;
}
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** Registers an endpoint; its signing secret is shown this once. */
export async function createEndpoint(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const id = randomUUID();
  const secret = newSecret();
  const endpoint = await work(
    ctx,
    async (uow) => {
      const fields = parse(ctx, createEndpointSchema, input);
      const created = await uow.tx.webhookEndpoint.create({
        data: {
          ...fields,
          id,
          tenantId: scope.tenantId,
          projectId: scope.projectId,
          secret: encryptSecret(sealingKey(ctx.services), secret),
        },
      });
      uow.emit(
        endpointCreated,
        { url: created.url, eventTypes: created.eventTypes },
        { resourceId: id },
      );
      return created;
    },
    { refusal: { event: endpointCreated, resourceId: id } },
  );
  return { endpoint, secret };
}

export async function getEndpoint(ctx: RequestContext, id: string) {
  requireScope(ctx);
  const endpoint = await ctx.db.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

/** The endpoint in the change's transaction (the caller's scope: another tenant's reads as missing). */
async function endpointIn(uow: UnitOfWork, id: string) {
  const endpoint = await uow.tx.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

/** PATCH semantics; enabling an endpoint clears why it was disabled. */
export async function updateEndpoint(ctx: RequestContext, id: string, input: unknown) {
  requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      await endpointIn(uow, id);
      const changes = parse(ctx, updateEndpointSchema, input);
      const updated = await uow.tx.webhookEndpoint.update({
        where: { id },
        data: {
          ...changes,
          ...(changes.enabled ? { disabledReason: null, failingSince: null } : {}),
        },
      });
      uow.emit(endpointUpdated, { fields: Object.keys(changes) }, { resourceId: id });
      return updated;
    },
    { refusal: { event: endpointUpdated, resourceId: id } },
  );
}

export async function deleteEndpoint(ctx: RequestContext, id: string) {
  requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      const endpoint = await endpointIn(uow, id);
      await uow.tx.webhookEndpoint.delete({ where: { id } });
      uow.emit(endpointDeleted, { url: endpoint.url }, { resourceId: id });
      return endpoint;
    },
    { refusal: { event: endpointDeleted, resourceId: id } },
  );
}

/** A new signing secret; the old one keeps signing (as a second signature) for `graceSeconds`. */
export async function rotateEndpointSecret(
  ctx: RequestContext,
  id: string,
  graceSeconds = 24 * 3600,
) {
  requireScope(ctx);
  const secret = newSecret();
  const endpoint = await work(
    ctx,
    async (uow) => {
      const existing = await endpointIn(uow, id);
      const rotated = await uow.tx.webhookEndpoint.update({
        where: { id },
        data: {
          secret: encryptSecret(sealingKey(ctx.services), secret),
          previousSecret: existing.secret,
          previousSecretExpiresAt: new Date(ctx.services.now().getTime() + graceSeconds * 1000),
        },
      });
      uow.emit(endpointSecretRotated, { graceSeconds }, { resourceId: id });
      return rotated;
    },
    { refusal: { event: endpointSecretRotated, resourceId: id } },
  );
  return { endpoint, secret };
}

const queuedAgain = (ctx: RequestContext, trigger: 'manual' | 'replay') => ({
  status: DeliveryStatus.pending,
  nextAttemptAt: ctx.services.now(),
  leaseUntil: null,
  nextTrigger: trigger,
});

/** Sends a delivery again now, as a manual attempt. */
export async function redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery> {
  requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      const delivery = await uow.tx.webhookDelivery.findUnique({ where: { id: deliveryId } });
      if (!delivery) throw notFound('Delivery');
      const queued = await uow.tx.webhookDelivery.update({
        where: { id: deliveryId },
        data: queuedAgain(ctx, 'manual'),
      });
      uow.emit(
        deliveryRequeued,
        { deliveryId, endpointId: delivery.endpointId },
        { resourceId: deliveryId, causationId: delivery.causationId },
      );
      uow.afterCommit(ctx.services.wakeDeliveries);
      return queued;
    },
    { refusal: { event: deliveryRequeued, resourceId: deliveryId } },
  );
}

/**
 * After an outage: re-enables the endpoint and queues again every delivery to it that failed
 * between `since` and `until`, as replays.
 */
export async function recoverEndpoint(
  ctx: RequestContext,
  endpointId: string,
  window: { since: Date; until?: Date | null },
) {
  requireScope(ctx);
  return work(
    ctx,
    async (uow) => {
      await endpointIn(uow, endpointId);
      const until = window.until ?? ctx.services.now();
      if (until <= window.since) throw badInput('`until` must be after `since`');
      await uow.tx.webhookEndpoint.update({
        where: { id: endpointId },
        data: { enabled: true, disabledReason: null, failingSince: null },
      });
      const requeued = await uow.tx.webhookDelivery.updateMany({
        where: {
          endpointId,
          status: DeliveryStatus.failed,
          createdAt: { gte: window.since, lt: until },
        },
        data: queuedAgain(ctx, 'replay'),
      });
      uow.emit(
        endpointRecovered,
        { since: window.since, until, requeued: requeued.count },
        { resourceId: endpointId },
      );
      uow.afterCommit(ctx.services.wakeDeliveries);
      return requeued.count;
    },
    { refusal: { event: endpointRecovered, resourceId: endpointId } },
  );
}

export interface DeliveryFilter {
  endpointId?: string | null;
  status?: DeliveryStatus | null;
  eventType?: string | null;
}

export const deliveryWhere = (filter: DeliveryFilter = {}): Prisma.WebhookDeliveryWhereInput => ({
  endpointId: filter.endpointId ?? undefined,
  status: filter.status ?? undefined,
  eventType: filter.eventType ?? undefined,
});
