import { Prisma, type AuditEvent } from '../../generated/prisma/client.ts';
import type { CommitStep, EmittedEvent } from '../../kernel/unit-of-work.ts';
import { auditColumns, auditRecordset, auditValues } from './service.ts';

/** The audit row of an emitted event, attributed to its actor and correlation id. */
function auditRowOf(emitted: EmittedEvent): Prisma.AuditEventCreateManyInput {
  const { actor } = emitted;
  const payload =
    emitted.outcome === 'success' && emitted.event.audit
      ? emitted.event.audit(emitted.payload as never)
      : emitted.data;
  return {
    id: emitted.id,
    tenantId: emitted.tenantId,
    projectId: emitted.projectId,
    eventType: emitted.event.name,
    actorType: actor?.actorType ?? 'system',
    actorId: actor?.actorId ?? 'anonymous',
    resourceType: emitted.event.resourceType,
    resourceId: emitted.resourceId,
    correlationId: emitted.correlationId,
    causationId: emitted.causationId,
    outcome: emitted.outcome,
    payload: payload as Prisma.InputJsonObject,
    occurredAt: emitted.occurredAt,
  };
}

/** Every unit of work's audit rows, in one part of the commit statement; published once committed. */
export const recordAuditEvents: CommitStep = {
  write: (events, counted) => Prisma.sql`
    INSERT INTO "AuditEvent" ${auditColumns} SELECT ${auditValues} FROM ${auditRecordset(events.map(auditRowOf))}
    ${counted ? Prisma.sql`WHERE a.id IN (${counted})` : Prisma.empty}
    RETURNING id, seq::text`,
  committed: (events, inserted, services) => {
    const seqs = new Map(inserted.map((row) => [row.id as string, BigInt(row.seq as string)]));
    services.bus.publishAll(
      events.map((emitted) => {
        const recorded = { ...auditRowOf(emitted), seq: seqs.get(emitted.id)! } as AuditEvent;
        return { topic: 'auditEventRecorded', tenantId: recorded.tenantId, payload: recorded };
      }),
    );
  },
};
