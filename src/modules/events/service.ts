import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import type { AppEvent, Prisma } from '../../generated/prisma/client.ts';
import { AppError, badInput } from '../../kernel/errors.ts';
import { dateRange } from '../../db/filters.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { requireScope } from '../../auth/require.ts';
import { recordRefusal, workTogether, type UnitOfWork } from '../../kernel/unit-of-work.ts';
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
  return events as ValidEvent[];
}

type ValidEvent = z.output<typeof logEventInputSchema>;

/** One request's events, validated, waiting for its batch. */
export interface IngestRequest {
  ctx: RequestContext;
  events: ValidEvent[];
}

/**
 * Single events are coalesced per scope for about a millisecond, and while the scope's batch
 * commits, up to this many requests.
 */
export const ingestBatching = { waitMs: 1, maxSize: 100, inFlight: 1 };

/**
 * Logs a request's events. A request of one event joins the concurrent ones of its tenant (and
 * project) in one transaction: group commit. A request of several is a batch of its own, refused
 * whole when one of its ids is taken in another project.
 */
export async function logEvents(ctx: RequestContext, inputs: unknown[]): Promise<LoggedEvent[]> {
  const scope = requireScope(ctx);
  const request = { ctx, events: validate(inputs) };
  if (!request.events.length) return [];
  if (request.events.length === 1)
    return ctx.services.eventIngest.add(`${scope.tenantId}:${scope.projectId ?? ''}`, request);
  const [logged] = await storeRequests([request]);
  if (logged instanceof Error) throw logged;
  return logged;
}

export async function logEvent(ctx: RequestContext, input: unknown): Promise<LoggedEvent> {
  const [logged] = await logEvents(ctx, [input]);
  return logged;
}

/** The row a request's event becomes, with what the server knows of the request. */
function rowOf({ ctx }: IngestRequest, input: ValidEvent, now: Date): AppEvent {
  const scope = requireScope(ctx);
  return {
    seq: 0n,
    tenantId: scope.tenantId,
    projectId: scope.projectId,
    id: input.id ?? randomUUID(),
    type: input.type,
    agentId: input.agentId ?? null,
    conversationId: input.conversationId ?? null,
    messageId: input.messageId ?? null,
    properties: (input.properties ?? null) as Prisma.JsonValue,
    userProperties: (input.userProperties ?? null) as Prisma.JsonValue,
    metadata: (input.metadata ?? null) as Prisma.JsonValue,
    serverMetadata: {
      receivedAt: now.toISOString(),
      ip: ctx.client.ip,
      userAgent: ctx.client.userAgent,
      apiKeyId: ctx.viewer?.kind === 'apiKey' ? ctx.viewer.keyId : null,
    },
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Stores the events of requests of one scope in one unit of work per request and one transaction:
 * one statement inserts them all (skipping ids the tenant already has); their audit rows and
 * webhook deliveries are written in bulk at commit. Only repeated ids need a second read. A
 * request whose id is taken in another project fails alone; if the whole batch fails, each
 * request is tried on its own.
 */
export async function storeRequests(
  requests: readonly IngestRequest[],
): Promise<(LoggedEvent[] | Error)[]> {
  const now = new Date();
  const rowsByRequest = requests.map((request) =>
    request.events.map((input) => rowOf(request, input, now)),
  );
  // The first occurrence of an id in the batch creates it; later ones answer like repeated calls.
  const candidates = new Map<string, AppEvent>();
  for (const row of rowsByRequest.flat()) if (!candidates.has(row.id)) candidates.set(row.id, row);
  try {
    const results = await workTogether(
      requests.map((request) => request.ctx),
      async (units) => {
        const stored = await insertEvents(units[0], [...candidates.values()]);
        return rowsByRequest.map((rows, index) => {
          const unseen = rows.find((row) => !stored.has(row.id));
          if (unseen) {
            const error = new AppError(
              'CONFLICT',
              `Event id ${unseen.id} is already used in another project`,
            );
            // Its other events must not commit: the batch is retried one request at a time.
            if (rows.some((row) => stored.get(row.id) === row)) throw error;
            return error;
          }
          return rows.map((row) => {
            const event = stored.get(row.id)!;
            const created = event === row && candidates.get(row.id) === row;
            if (created) units[index].emit(appEventLogged, event, { resourceId: row.id });
            return { event, created };
          });
        });
      },
    );
    await Promise.all(
      results.map((result, index) =>
        result instanceof AppError ? refuse(requests[index], rowsByRequest[index], result) : null,
      ),
    );
    return results;
  } catch (error) {
    if (requests.length > 1)
      return (await Promise.all(requests.map((request) => storeRequests([request])))).flat();
    if (error instanceof AppError) await refuse(requests[0], rowsByRequest[0], error);
    return [error instanceof Error ? error : new Error(String(error))];
  }
}

/** Inserts the rows, skipping ids already taken; every stored event the scope can see, by id. */
async function insertEvents({ tx }: UnitOfWork, rows: AppEvent[]) {
  // Only what the statement reads from each row; the tenant is a parameter.
  const input = rows.map(({ seq, tenantId, projectId, ...columns }) => columns);
  const inserted = await tx.$queryRaw<{ id: string; seq: bigint }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
        id text, type text, "agentId" text, "conversationId" text, "messageId" text,
        properties jsonb, "userProperties" jsonb, metadata jsonb, "serverMetadata" jsonb,
        "createdAt" timestamptz, "updatedAt" timestamptz)
    )
    INSERT INTO "AppEvent" ("tenantId", "projectId", id, type, "agentId", "conversationId", "messageId",
      properties, "userProperties", metadata, "serverMetadata", "createdAt", "updatedAt")
    SELECT ${rows[0].tenantId}, ${rows[0].projectId}, id, type, "agentId", "conversationId",
      "messageId", properties, "userProperties", metadata, "serverMetadata", "createdAt", "updatedAt"
    FROM input
    ON CONFLICT ("tenantId", id) DO NOTHING
    RETURNING id, seq`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const stored = new Map<string, AppEvent>();
  for (const { id, seq } of inserted) {
    const row = byId.get(id)!;
    row.seq = seq;
    stored.set(id, row);
  }
  const repeatedIds = rows.filter((row) => !stored.has(row.id)).map((row) => row.id);
  if (repeatedIds.length) {
    for (const event of await tx.appEvent.findMany({ where: { id: { in: repeatedIds } } }))
      stored.set(event.id, event);
  }
  return stored;
}

/** Records the refusal of a request's events, named by its first event's id. */
function refuse({ ctx }: IngestRequest, [first]: AppEvent[], error: AppError) {
  return recordRefusal(ctx, error, { refusal: { event: appEventLogged, resourceId: first.id } });
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
