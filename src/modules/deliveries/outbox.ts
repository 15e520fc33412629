import type { Prisma } from '../../generated/prisma/client.ts';
import type { CommitStep, EmittedEvent } from '../../kernel/unit-of-work.ts';

/** The name an endpoint subscribed to this event under: its own name or an older alias. */
function subscribedName(eventTypes: string[], emitted: EmittedEvent) {
  const names = [emitted.event.name, ...(emitted.event.aliases ?? [])];
  return names.find((name) => eventTypes.includes(name));
}

/**
 * The outbox: in the transaction of every change, a delivery row for each endpoint that wants each
 * event it emitted. An event that committed has its deliveries, whatever happens to the process.
 */
export const queueDeliveries: CommitStep = async (tx, events, services) => {
  const deliverable = events.filter(
    (emitted) => emitted.event.webhook && emitted.outcome === 'success',
  );
  if (!deliverable.length) return;
  const names = deliverable.flatMap((emitted) => [
    emitted.event.name,
    ...(emitted.event.aliases ?? []),
  ]);
  const tenantIds = [...new Set(deliverable.map((emitted) => emitted.tenantId))];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      tenantId: { in: tenantIds },
      enabled: true,
      eventTypes: { hasSome: [...new Set(names)] },
    },
  });
  if (!endpoints.length) return;
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const emitted of deliverable) {
    // One message id per event, the same at every endpoint: receivers deduplicate on it.
    const messageId = `msg_${emitted.id.replaceAll('-', '')}`;
    for (const endpoint of endpoints) {
      const type = subscribedName(endpoint.eventTypes, emitted);
      const wanted =
        type &&
        endpoint.tenantId === emitted.tenantId &&
        (!endpoint.projectId || endpoint.projectId === emitted.projectId) &&
        (!endpoint.agentId || endpoint.agentId === emitted.route.agentId) &&
        (!emitted.route.subtype ||
          !endpoint.appEventTypes.length ||
          endpoint.appEventTypes.includes(emitted.route.subtype));
      if (!wanted) continue;
      const body = { type, timestamp: emitted.occurredAt.toISOString(), data: emitted.data };
      rows.push({
        tenantId: emitted.tenantId,
        projectId: emitted.projectId,
        endpointId: endpoint.id,
        messageId,
        causationId: emitted.id,
        correlationId: emitted.correlationId,
        eventType: type,
        resourceId: emitted.route.orderKey ?? emitted.resourceId,
        payload: JSON.parse(JSON.stringify(body)) as Prisma.InputJsonObject,
        nextAttemptAt: emitted.occurredAt,
      });
    }
  }
  if (!rows.length) return;
  await tx.webhookDelivery.createMany({ data: rows });
  return () => services.wakeDeliveries();
};
