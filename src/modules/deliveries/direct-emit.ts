import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Scope } from '../../db/scoped.ts';
import type { Services } from '../../kernel/context.ts';

/**
 * Webhook types still queued directly by modules not yet on units of work (`emitAfterCommit`):
 * endpoints may subscribe to them until those modules declare them in the catalogue. Goes with
 * `emitAfterCommit`.
 */
export const DIRECTLY_EMITTED_TYPES = {
  'tool_call.approval_requested': 'A tool call waits for approval.',
  'trigger.invocation.failed': 'A trigger’s webhook was refused or failed.',
  'llm_event.created': 'An LLM event was recorded.',
  'execution.completed': 'An execution completed.',
  'execution.failed': 'An execution failed.',
} as const;

export interface Emitted {
  type: keyof typeof DIRECTLY_EMITTED_TYPES;
  resourceId?: string | null;
  agentId?: string | null;
  data: Record<string, unknown>;
}

/**
 * Queues a delivery of each event, after its change committed, to every enabled endpoint of the
 * scope that wants it, with one message id per event; a failure to queue is logged. For modules
 * not yet on units of work, whose outbox (`queueDeliveries`) does this in the change's transaction.
 */
export async function emitAfterCommit(
  services: Services,
  scope: Scope,
  events: Emitted[],
): Promise<void> {
  try {
    await queueDirectly(services, scope, events);
  } catch (error) {
    services.logger.error({ err: error, scope }, 'queueing webhook deliveries failed');
  }
}

async function queueDirectly(services: Services, scope: Scope, events: Emitted[]) {
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
        (!endpoint.agentId || endpoint.agentId === event.agentId);
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
