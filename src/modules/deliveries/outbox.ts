import { Prisma } from '../../generated/prisma/client.ts';
import type { CommitStep } from '../../kernel/unit-of-work.ts';

/**
 * The outbox: in the transaction of every change, a delivery row for each endpoint that wants each
 * event it emitted. An event that committed has its deliveries, whatever happens to the process.
 * One part of the commit statement finds the endpoints and inserts the rows: no extra round trip.
 */
export const queueDeliveries: CommitStep = {
  write: (events, counted) => {
    const deliverable = events
      .filter((emitted) => emitted.event.webhook && emitted.outcome === 'success')
      .map((emitted) => ({
        tenantId: emitted.tenantId,
        projectId: emitted.projectId,
        // An endpoint gets the event under the first name it subscribed to: its own or an older alias.
        names: [emitted.event.name, ...(emitted.event.aliases ?? [])],
        agentId: emitted.route.agentId ?? null,
        subtype: emitted.route.subtype || null,
        // One message id per event, the same at every endpoint: receivers deduplicate on it.
        messageId: `msg_${emitted.id.replaceAll('-', '')}`,
        causationId: emitted.id,
        correlationId: emitted.correlationId,
        resourceId: emitted.route.orderKey ?? emitted.resourceId,
        occurredAt: emitted.occurredAt,
        data: emitted.data,
      }));
    if (!deliverable.length) return null;
    return Prisma.sql`
    INSERT INTO "WebhookDelivery" (id, "tenantId", "projectId", "endpointId", "messageId", "causationId",
      "correlationId", "eventType", "resourceId", payload, "nextAttemptAt")
    SELECT gen_random_uuid()::text, e."tenantId", e."projectId", endpoint.id, e."messageId",
      e."causationId", e."correlationId", subscribed.name, e."resourceId",
      jsonb_build_object('type', subscribed.name, 'timestamp', e."occurredAt", 'data', e.data),
      e."occurredAt"::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(deliverable)}::jsonb) AS e(
      "tenantId" text, "projectId" text, names jsonb, "agentId" text, subtype text, "messageId" text,
      "causationId" text, "correlationId" text, "resourceId" text, "occurredAt" text, data jsonb)
    JOIN "WebhookEndpoint" endpoint ON endpoint."tenantId" = e."tenantId" AND endpoint.enabled
      AND (endpoint."projectId" IS NULL OR endpoint."projectId" = e."projectId")
      AND (endpoint."agentId" IS NULL OR endpoint."agentId" = e."agentId")
      AND (e.subtype IS NULL OR cardinality(endpoint."appEventTypes") = 0
        OR e.subtype = ANY(endpoint."appEventTypes"))
    CROSS JOIN LATERAL (
      SELECT name FROM jsonb_array_elements_text(e.names) WITH ORDINALITY AS n(name, position)
      WHERE name = ANY(endpoint."eventTypes") ORDER BY position LIMIT 1
    ) subscribed
    ${counted ? Prisma.sql`WHERE e."causationId" IN (${counted})` : Prisma.empty}
    RETURNING id`;
  },
  committed: (_events, queued, services) => {
    if (queued.length) services.wakeDeliveries();
  },
};
