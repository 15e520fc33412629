import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import { Prisma, type AppEvent } from '../../generated/prisma/client.ts';
import { AppError, badInput } from '../../kernel/errors.ts';
import { dateRange } from '../../db/filters.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { requireScope } from '../../auth/require.ts';
import { recordRefusal, workInOneStatement, workTogether } from '../../kernel/unit-of-work.ts';
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

export type ValidEvent = z.output<typeof logEventInputSchema>;

/** One request's events, validated, waiting for its batch. */
export interface IngestRequest {
  ctx: RequestContext;
  events: ValidEvent[];
}

/**
 * Single events are coalesced per scope for about a millisecond, and while the scope's batch
 * commits, up to this many requests.
 */
export const ingestBatching = { waitMs: 1, maxSize: 100, inFlight: 1, aloneOnFailure: true };

/**
 * Logs a request's events. A request of one event joins the concurrent ones of its tenant (and
 * project) in one statement: group commit. A request of several is a batch of its own, refused
 * whole when one of its ids is taken in another project.
 */
export function logEvents(ctx: RequestContext, inputs: unknown[]): Promise<LoggedEvent[]> {
  return logValidEvents(ctx, validate(inputs));
}

/** `logEvents` of events already parsed by `logEventInputSchema` (a REST route's body). */
export async function logValidEvents(
  ctx: RequestContext,
  events: ValidEvent[],
): Promise<LoggedEvent[]> {
  const scope = requireScope(ctx);
  const request = { ctx, events };
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
 * Stores the events of requests of one scope together: one statement inserts them all (skipping
 * ids the tenant already has) and their audit rows and webhook deliveries; only repeated ids need
 * a second read. Requests of one event each (the group commit of single events) are that one
 * statement alone, with no transaction; a request of several is one transaction, so that it can
 * be refused whole. A request whose id is taken in another project fails alone; a batch that
 * fails as a whole throws.
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
  const contexts = requests.map((request) => request.ctx);
  try {
    const results = rowsByRequest.every((rows) => rows.length === 1)
      ? await storeSingleEvents(contexts, rowsByRequest, candidates)
      : await workTogether(contexts, async (units) => {
          const rows = [...candidates.values()];
          const inserted = await units[0].tx.$queryRaw<InsertedRow[]>`
            WITH ${insertedEvents(rows)} SELECT id, seq::text FROM inserted`;
          const stored = await storedEvents(units[0].tx, rows, inserted);
          return answers(rowsByRequest, candidates, stored, (index, event) =>
            units[index].emit(appEventLogged, event, { resourceId: event.id }),
          );
        });
    await Promise.all(
      results.map((result, index) =>
        result instanceof AppError ? refuse(requests[index], rowsByRequest[index], result) : null,
      ),
    );
    return results;
  } catch (error) {
    // A batch that failed is stored again one request at a time (the batcher's `aloneOnFailure`).
    if (requests.length === 1 && error instanceof AppError)
      await refuse(requests[0], rowsByRequest[0], error);
    throw error;
  }
}

/**
 * Requests of one event each, in one statement: each event is emitted before it is known to be new
 * (its audit id goes with its row), and only those the insert stored get audit rows, deliveries
 * and publishes.
 */
async function storeSingleEvents(
  contexts: RequestContext[],
  rowsByRequest: AppEvent[][],
  candidates: Map<string, AppEvent>,
) {
  const auditIds = new Map<AppEvent, string>();
  const inserted = await workInOneStatement<InsertedRow>(contexts, (units) => {
    rowsByRequest.forEach(([row], index) => {
      if (candidates.get(row.id) === row)
        auditIds.set(row, units[index].emit(appEventLogged, row, { resourceId: row.id }));
    });
    return {
      ctes: insertedEvents([...candidates.values()], auditIds),
      counted: Prisma.sql`SELECT input."auditId" FROM input JOIN inserted USING (id)`,
      returning: Prisma.sql`SELECT id, seq::text FROM inserted`,
      prepare: true,
    };
  });
  const stored = await storedEvents(contexts[0].db, [...candidates.values()], inserted);
  return answers(rowsByRequest, candidates, stored, () => {});
}

/** An inserted event's id and sequence number (as text: JSON has no 64-bit integers). */
type InsertedRow = { id: string; seq: string };

/**
 * The CTEs `input` (the rows, with the audit id of each one's event when emitted already) and
 * `inserted` (the rows stored, skipping ids the tenant already has). The tenant is a parameter.
 */
function insertedEvents(rows: AppEvent[], auditIds?: Map<AppEvent, string>) {
  // Only what the statement reads from each row.
  const input = rows.map((row) => {
    const { seq, tenantId, projectId, ...columns } = row;
    return { ...columns, auditId: auditIds?.get(row) };
  });
  return Prisma.sql`
    input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
        id text, type text, "agentId" text, "conversationId" text, "messageId" text,
        properties jsonb, "userProperties" jsonb, metadata jsonb, "serverMetadata" jsonb,
        "createdAt" timestamptz, "updatedAt" timestamptz, "auditId" text)
    ),
    inserted AS (
      INSERT INTO "AppEvent" ("tenantId", "projectId", id, type, "agentId", "conversationId", "messageId",
        properties, "userProperties", metadata, "serverMetadata", "createdAt", "updatedAt")
      SELECT ${rows[0].tenantId}, ${rows[0].projectId}, id, type, "agentId", "conversationId",
        "messageId", properties, "userProperties", metadata, "serverMetadata", "createdAt", "updatedAt"
      FROM input
      ON CONFLICT ("tenantId", id) DO NOTHING
      RETURNING id, seq
    )`;
}

/** Every stored event the scope can see, by id: the inserted rows, and those already logged. */
async function storedEvents(
  db: Prisma.TransactionClient,
  rows: AppEvent[],
  inserted: InsertedRow[],
) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const stored = new Map<string, AppEvent>();
  for (const { id, seq } of inserted) {
    const row = byId.get(id)!;
    row.seq = BigInt(seq);
    stored.set(id, row);
  }
  const repeatedIds = rows.filter((row) => !stored.has(row.id)).map((row) => row.id);
  if (repeatedIds.length) {
    for (const event of await db.appEvent.findMany({ where: { id: { in: repeatedIds } } }))
      stored.set(event.id, event);
  }
  return stored;
}

/**
 * Each request's answer: its events, or the conflict of an id it cannot see (taken in another
 * project). `created` is told of each event the batch created.
 */
function answers(
  rowsByRequest: AppEvent[][],
  candidates: Map<string, AppEvent>,
  stored: Map<string, AppEvent>,
  created: (index: number, event: AppEvent) => void,
) {
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
      const isNew = event === row && candidates.get(row.id) === row;
      if (isNew) created(index, event);
      return { event, created: isNew };
    });
  });
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
