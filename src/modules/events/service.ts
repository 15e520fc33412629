import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import type { AppEvent, AuditEvent, Prisma } from '../../generated/prisma/client.ts';
import { AppError, badInput } from '../../kernel/errors.ts';
import { dateRange } from '../../db/filters.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { requireScope } from '../../auth/require.ts';
import { emitAfterCommit } from '../deliveries/service.ts';
import {
  auditColumns,
  auditRecordset,
  auditRow,
  auditValues,
  publishAuditEvents,
} from '../audit/service.ts';

export const MAX_BATCH = 1000;
export const MAX_JSON_FIELD_BYTES = 64 * 1024;
export const MAX_JSON_FIELD_KEYS = 100;

const jsonField = jsonObject({ maxKeys: MAX_JSON_FIELD_KEYS, maxBytes: MAX_JSON_FIELD_BYTES });

/** An event as a client sends it (reference 000); the limits of both APIs live here. */
export const logEventInputSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[a-zA-Z0-9\-_.]+$/, 'may contain only letters, digits, "-", "_" and "."')
    .nullish(),
  type: z.string().min(1, 'must not be empty'),
  agentId: z.string().nullish(),
  conversationId: z.string().nullish(),
  messageId: z.string().nullish(),
  properties: jsonField.nullish(),
  userProperties: jsonField.nullish(),
  metadata: jsonField.nullish(),
});
export type LogEventInput = z.input<typeof logEventInputSchema>;

export interface LoggedEvent {
  event: AppEvent;
  /** False when the id was already logged: the stored event is returned and nothing is written. */
  created: boolean;
}

function validate(inputs: unknown[]) {
  if (inputs.length > MAX_BATCH)
    throw badInput(`A batch holds at most ${MAX_BATCH} events, got ${inputs.length}`);
  const issues: { path: (string | number)[]; message: string }[] = [];
  const events = inputs.map((input, index) => {
    const parsed = logEventInputSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      issues.push({
        path: [...(inputs.length > 1 ? [index] : []), ...issue.path.map(String)],
        message: issue.message,
      });
    }
    return null;
  });
  if (issues.length) {
    const first = issues[0];
    throw badInput(`Invalid event: ${first.path.join('.')} ${first.message}`, issues);
  }
  return events as z.output<typeof logEventInputSchema>[];
}

/**
 * Logs a batch of events with one SQL statement: the insert (skipping ids the tenant already has)
 * and the audit rows of what it inserted go in together; only repeated ids need a second read.
 */
export async function logEvents(ctx: RequestContext, inputs: unknown[]): Promise<LoggedEvent[]> {
  const scope = requireScope(ctx);
  const valid = validate(inputs);
  const now = new Date();
  const serverMetadata = {
    receivedAt: now.toISOString(),
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
    apiKeyId: ctx.viewer?.kind === 'apiKey' ? ctx.viewer.keyId : null,
  };
  const candidates = new Map<string, AppEvent>();
  const requestedIds = valid.map((input) => {
    const id = input.id ?? randomUUID();
    if (!candidates.has(id)) {
      candidates.set(id, {
        seq: 0n,
        tenantId: scope.tenantId,
        projectId: scope.projectId,
        id,
        type: input.type,
        agentId: input.agentId ?? null,
        conversationId: input.conversationId ?? null,
        messageId: input.messageId ?? null,
        properties: (input.properties ?? null) as Prisma.JsonValue,
        userProperties: (input.userProperties ?? null) as Prisma.JsonValue,
        metadata: (input.metadata ?? null) as Prisma.JsonValue,
        serverMetadata,
        createdAt: now,
        updatedAt: now,
      });
    }
    return id;
  });
  const rows = [...candidates.values()];
  // Only what the statement reads from each row; tenant, server metadata and times are parameters.
  const inputColumns = rows.map(
    ({ id, type, agentId, conversationId, messageId, properties, userProperties, metadata }) => ({
      id,
      type,
      agentId,
      conversationId,
      messageId,
      properties,
      userProperties,
      metadata,
    }),
  );
  const audits = rows.map((event) =>
    auditRow(ctx, {
      eventType: 'app_event.logged',
      resourceType: 'app_event',
      resourceId: event.id,
      payload: { type: event.type, conversationId: event.conversationId, agentId: event.agentId },
    }),
  );

  const inserted = await ctx.services.prisma.$queryRaw<
    { id: string; seq: bigint; auditSeq: bigint }[]
  >`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(inputColumns)}::jsonb) AS x(
        id text, type text, "agentId" text, "conversationId" text, "messageId" text,
        properties jsonb, "userProperties" jsonb, metadata jsonb)
    ), inserted AS (
      INSERT INTO "AppEvent" ("tenantId", "projectId", id, type, "agentId", "conversationId", "messageId",
        properties, "userProperties", metadata, "serverMetadata", "createdAt", "updatedAt")
      SELECT ${scope.tenantId}, ${scope.projectId}, id, type, "agentId", "conversationId", "messageId",
        properties, "userProperties", metadata, ${JSON.stringify(serverMetadata)}::jsonb, ${now}, ${now}
      FROM input
      ON CONFLICT ("tenantId", id) DO NOTHING
      RETURNING id, seq
    ), audited AS (
      INSERT INTO "AuditEvent" ${auditColumns}
      SELECT ${auditValues} FROM ${auditRecordset(audits)}
      JOIN inserted ON inserted.id = a."resourceId"
      RETURNING "resourceId", seq
    )
    SELECT inserted.id, inserted.seq, audited.seq AS "auditSeq"
    FROM inserted JOIN audited ON audited."resourceId" = inserted.id`;

  const stored = new Map<string, LoggedEvent>();
  const insertedById = new Map(inserted.map((row) => [row.id, row]));
  for (const event of rows) {
    const row = insertedById.get(event.id);
    if (row) stored.set(event.id, { event: { ...event, seq: row.seq }, created: true });
  }
  const repeatedIds = rows.filter((event) => !insertedById.has(event.id)).map((event) => event.id);
  if (repeatedIds.length) {
    const existing = await ctx.db.appEvent.findMany({ where: { id: { in: repeatedIds } } });
    for (const event of existing) stored.set(event.id, { event, created: false });
    const unseen = repeatedIds.filter((id) => !stored.has(id));
    if (unseen.length)
      throw new AppError('CONFLICT', `Event id ${unseen[0]} is already used in another project`);
  }

  const createdEvents = [...stored.values()]
    .filter(({ created }) => created)
    .map(({ event }) => event);
  for (const event of createdEvents)
    ctx.services.bus.publish('appEventLogged', event.tenantId, event);
  await emitAfterCommit(
    ctx.services,
    scope,
    createdEvents.map((event) => ({
      type: 'event.created' as const,
      // A conversation's events keep their order at endpoints that ask for it.
      resourceId: event.conversationId ?? event.id,
      agentId: event.agentId,
      appEventType: event.type,
      data: {
        ...event,
        seq: undefined,
        tenantId: undefined,
        createdAt: event.createdAt.toISOString(),
        updatedAt: event.updatedAt.toISOString(),
      },
    })),
  );
  publishAuditEvents(
    ctx,
    audits
      .filter((audit) => insertedById.has(audit.resourceId))
      .map(
        (audit) => ({ ...audit, seq: insertedById.get(audit.resourceId)!.auditSeq }) as AuditEvent,
      ),
  );
  // A repeated id within one batch answers like a repeated call: the first occurrence created it.
  const seen = new Set<string>();
  return requestedIds.map((id) => {
    const result = stored.get(id)!;
    const created = result.created && !seen.has(id);
    seen.add(id);
    return { event: result.event, created };
  });
}

export async function logEvent(ctx: RequestContext, input: unknown): Promise<LoggedEvent> {
  const [logged] = await logEvents(ctx, [input]);
  return logged;
}

export interface AppEventFilter {
  type?: string | null;
  agentId?: string | null;
  conversationId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export function appEventWhere(filter: AppEventFilter = {}): Prisma.AppEventWhereInput {
  return {
    type: filter.type ?? undefined,
    agentId: filter.agentId ?? undefined,
    conversationId: filter.conversationId ?? undefined,
    createdAt: dateRange(filter.from, filter.to),
  };
}
