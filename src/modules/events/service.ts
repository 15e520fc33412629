import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import type { AppEvent, Prisma } from '../../generated/prisma/client.ts';
import { AppError, badInput } from '../../kernel/errors.ts';
import { dateRange } from '../../db/filters.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { requireScope } from '../../auth/require.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { appEventLogged } from './events.ts';

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
 * Logs a batch of events in one unit of work: one statement inserts them (skipping ids the tenant
 * already has), and their audit rows and webhook deliveries commit with them; only repeated ids
 * need a second read. A batch holding an id of another project is refused whole.
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
  const stored = await work(
    ctx,
    async (uow) => {
      const inserted = await uow.tx.$queryRaw<{ id: string; seq: bigint }[]>`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(inputColumns)}::jsonb) AS x(
            id text, type text, "agentId" text, "conversationId" text, "messageId" text,
            properties jsonb, "userProperties" jsonb, metadata jsonb)
        )
        INSERT INTO "AppEvent" ("tenantId", "projectId", id, type, "agentId", "conversationId", "messageId",
          properties, "userProperties", metadata, "serverMetadata", "createdAt", "updatedAt")
        SELECT ${scope.tenantId}, ${scope.projectId}, id, type, "agentId", "conversationId", "messageId",
          properties, "userProperties", metadata, ${JSON.stringify(serverMetadata)}::jsonb, ${now}, ${now}
        FROM input
        ON CONFLICT ("tenantId", id) DO NOTHING
        RETURNING id, seq`;
      const found = new Map<string, LoggedEvent>();
      const insertedById = new Map(inserted.map((row) => [row.id, row]));
      for (const event of rows) {
        const row = insertedById.get(event.id);
        if (!row) continue;
        const created = { ...event, seq: row.seq };
        found.set(event.id, { event: created, created: true });
        uow.emit(appEventLogged, created, { resourceId: event.id });
      }
      const repeatedIds = rows
        .filter((event) => !insertedById.has(event.id))
        .map((event) => event.id);
      if (repeatedIds.length) {
        const existing = await uow.tx.appEvent.findMany({ where: { id: { in: repeatedIds } } });
        for (const event of existing) found.set(event.id, { event, created: false });
        const unseen = repeatedIds.find((id) => !found.has(id));
        if (unseen)
          throw new AppError('CONFLICT', `Event id ${unseen} is already used in another project`);
      }
      return found;
    },
    { refusal: { event: appEventLogged, resourceId: requestedIds[0] } },
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
