import type { AuditEvent, Prisma } from '../../generated/prisma/client.ts';
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

/** Every unit of work's audit rows, in one statement at commit; published once committed. */
export const recordAuditEvents: CommitStep = async (tx, events, services) => {
  const rows = events.map(auditRowOf);
  const inserted = await tx.$queryRaw<{ id: string; seq: bigint }[]>`
    INSERT INTO "AuditEvent" ${auditColumns} SELECT ${auditValues} FROM ${auditRecordset(rows)}
    RETURNING id, seq`;
  const seqs = new Map(inserted.map((row) => [row.id, row.seq]));
  return () => {
    for (const row of rows) {
      const recorded = { ...row, seq: seqs.get(row.id!)! } as AuditEvent;
      services.bus.publish('auditEventRecorded', recorded.tenantId, recorded);
    }
  };
};
