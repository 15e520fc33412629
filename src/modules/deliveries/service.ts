import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Prisma, WebhookDelivery } from '../../generated/prisma/client.ts';
import { encryptSecret } from '../../auth/credentials-key.ts';
import { requireScope } from '../../auth/require.ts';
import type { Scope } from '../../db/scoped.ts';
import { AppError, badInput, notFound } from '../../kernel/errors.ts';
import type { RequestContext, Services } from '../../kernel/context.ts';
import { writeAudited } from '../audit/service.ts';

export const DELIVERY_EVENT_TYPES = [
  'event.created',
  'execution.completed',
  'execution.failed',
  'tool_call.approval_requested',
  'trigger.invocation.failed',
  'llm_event.created',
  'endpoint.disabled',
] as const;
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

/** Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: the delay before each attempt. */
export const RETRY_SCHEDULE_MS = [
  0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

const endpointFields = {
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  description: z.string().max(2000).nullish(),
  eventTypes: z.array(z.enum(DELIVERY_EVENT_TYPES)).min(1, 'must name at least one event type'),
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

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map((part) => part as string | number),
    message: issue.message,
  }));
  throw badInput(`Invalid ${issues[0].path.join('.') || 'input'}: ${issues[0].message}`, issues);
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
  const endpoint = parse(createEndpointSchema, input);
  const secret = newSecret();
  const id = randomUUID();
  const created = await writeAudited(
    ctx,
    ctx.db.webhookEndpoint.create({
      data: {
        ...endpoint,
        id,
        tenantId: scope.tenantId,
        projectId: scope.projectId,
        secret: encryptSecret(sealingKey(ctx.services), secret),
      },
    }),
    [
      {
        eventType: 'webhook_endpoint.created',
        resourceType: 'webhook_endpoint',
        resourceId: id,
        payload: { url: endpoint.url, eventTypes: endpoint.eventTypes },
      },
    ],
  );
  return { endpoint: created, secret };
}

export async function getEndpoint(ctx: RequestContext, id: string) {
  requireScope(ctx);
  const endpoint = await ctx.db.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

/** PATCH semantics; enabling an endpoint clears why it was disabled. */
export async function updateEndpoint(ctx: RequestContext, id: string, input: unknown) {
  await getEndpoint(ctx, id);
  const changes = parse(updateEndpointSchema, input);
  return writeAudited(
    ctx,
    ctx.db.webhookEndpoint.update({
      where: { id },
      data: {
        ...changes,
        ...(changes.enabled ? { disabledReason: null, failingSince: null } : {}),
      },
    }),
    [
      {
        eventType: 'webhook_endpoint.updated',
        resourceType: 'webhook_endpoint',
        resourceId: id,
        payload: { fields: Object.keys(changes) },
      },
    ],
  );
}

export async function deleteEndpoint(ctx: RequestContext, id: string) {
  const endpoint = await getEndpoint(ctx, id);
  await writeAudited(ctx, ctx.db.webhookEndpoint.delete({ where: { id } }), [
    { eventType: 'webhook_endpoint.deleted', resourceType: 'webhook_endpoint', resourceId: id },
  ]);
  return endpoint;
}

/** A new signing secret; the old one keeps signing (as a second signature) for `graceSeconds`. */
export async function rotateEndpointSecret(
  ctx: RequestContext,
  id: string,
  graceSeconds = 24 * 3600,
) {
  const endpoint = await getEndpoint(ctx, id);
  const secret = newSecret();
  const rotated = await writeAudited(
    ctx,
    ctx.db.webhookEndpoint.update({
      where: { id },
      data: {
        secret: encryptSecret(sealingKey(ctx.services), secret),
        previousSecret: endpoint.secret,
        previousSecretExpiresAt: new Date(ctx.services.now().getTime() + graceSeconds * 1000),
      },
    }),
    [
      {
        eventType: 'webhook_endpoint.secret_rotated',
        resourceType: 'webhook_endpoint',
        resourceId: id,
        payload: { graceSeconds },
      },
    ],
  );
  return { endpoint: rotated, secret };
}

export interface Emitted {
  type: DeliveryEventType;
  resourceId?: string | null;
  agentId?: string | null;
  /** For event.created: the app event's own type, which endpoints may filter on. */
  appEventType?: string | null;
  data: Record<string, unknown>;
}

/**
 * emitWebhookEvents after a change has committed, for callers whose change must not fail because
 * of it: a failure to queue is logged.
 */
export function emitAfterCommit(
  services: Services,
  scope: Scope,
  events: Emitted[],
): Promise<void> {
  return emitWebhookEvents(services, scope, events).catch((error) =>
    services.logger.error({ err: error, scope }, 'queueing webhook deliveries failed'),
  );
}

/**
 * Queues a delivery of each event to every enabled endpoint of the scope that wants it, with one
 * message id per event. Returns at once; the delivery worker sends them.
 */
export async function emitWebhookEvents(
  services: Services,
  scope: Scope,
  events: Emitted[],
): Promise<void> {
  if (!events.length) return;
  const endpoints = await services.prisma.webhookEndpoint.findMany({
    where: {
      tenantId: scope.tenantId,
      enabled: true,
      eventTypes: { hasSome: [...new Set(events.map((event) => event.type))] },
    },
  });
  if (!endpoints.length) return;
  const now = services.now();
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const event of events) {
    const messageId = `msg_${randomUUID().replaceAll('-', '')}`;
    const payload = { type: event.type, timestamp: now.toISOString(), data: event.data };
    for (const endpoint of endpoints) {
      const wanted =
        endpoint.eventTypes.includes(event.type) &&
        (!endpoint.projectId || endpoint.projectId === scope.projectId) &&
        (!endpoint.agentId || endpoint.agentId === event.agentId) &&
        (event.type !== 'event.created' ||
          !endpoint.appEventTypes.length ||
          endpoint.appEventTypes.includes(event.appEventType ?? ''));
      if (!wanted) continue;
      rows.push({
        tenantId: scope.tenantId,
        projectId: scope.projectId,
        endpointId: endpoint.id,
        messageId,
        eventType: event.type,
        resourceId: event.resourceId ?? null,
        payload: payload as Prisma.InputJsonObject,
        nextAttemptAt: now,
      });
    }
  }
  if (!rows.length) return;
  await services.prisma.webhookDelivery.createMany({ data: rows });
  services.wakeDeliveries();
}

/** Sends a delivery again now, as a manual attempt. */
export async function redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery> {
  requireScope(ctx);
  const delivery = await ctx.db.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) throw notFound('Delivery');
  const queued = await ctx.db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      status: 'pending',
      nextAttemptAt: ctx.services.now(),
      leaseUntil: null,
      nextTrigger: 'manual',
    },
  });
  ctx.services.wakeDeliveries();
  return queued;
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
  await getEndpoint(ctx, endpointId);
  const until = window.until ?? ctx.services.now();
  if (until <= window.since) throw badInput('`until` must be after `since`');
  const [, requeued] = await ctx.db.$transaction([
    ctx.db.webhookEndpoint.update({
      where: { id: endpointId },
      data: { enabled: true, disabledReason: null, failingSince: null },
    }),
    ctx.db.webhookDelivery.updateMany({
      where: { endpointId, status: 'failed', createdAt: { gte: window.since, lt: until } },
      data: {
        status: 'pending',
        nextAttemptAt: ctx.services.now(),
        leaseUntil: null,
        nextTrigger: 'replay',
      },
    }),
  ]);
  ctx.services.wakeDeliveries();
  return requeued.count;
}

export interface DeliveryFilter {
  endpointId?: string | null;
  status?: string | null;
  eventType?: string | null;
}

export const deliveryWhere = (filter: DeliveryFilter = {}): Prisma.WebhookDeliveryWhereInput => ({
  endpointId: filter.endpointId ?? undefined,
  status: filter.status ?? undefined,
  eventType: filter.eventType ?? undefined,
});
