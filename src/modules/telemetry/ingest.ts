import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import type { LlmEvent, Prisma } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import type { Scope } from '../../db/scoped.ts';
import { dateRange } from '../../db/filters.ts';
import { badInput, notFound, type FieldIssue } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { issuesOf } from '../../kernel/parse-input.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { ensureNamedVersions, identifier } from '../agents/service.ts';
import { space } from '../agents/numbered.ts';
import { llmEventRecorded } from './events.ts';
import { summarizeLlmCall, type LlmCallSummary } from './providers.ts';
import { ensureNamed, type TelemetryWork } from './service.ts';

export const MAX_BATCH = 1000;
export const MAX_PROPERTIES_BYTES = 1024 * 1024;

export const llmEventInputSchema = z.object({
  fingerprintId: z.string().min(1, 'must not be empty'),
  properties: jsonObject({ maxBytes: MAX_PROPERTIES_BYTES }),
  agent: identifier.nullish(),
  agentVersion: identifier.nullish(),
  person: identifier.nullish(),
  session: identifier.nullish(),
});
export type LlmEventInput = z.input<typeof llmEventInputSchema>;

/** One LLM call to store: the names it belongs to, and what it did. */
export interface LlmCall {
  fingerprintId: string;
  agent?: string | null;
  agentVersion?: string | null;
  /** The version when the caller knows it (a run's): then not looked up by name. */
  version?: { agentId: string; id: string };
  person?: string | null;
  session?: string | null;
  properties: Prisma.JsonObject;
  /** The provider as its payload names it, or as the runner does. */
  summary: Omit<LlmCallSummary, 'format' | 'provider'> & { provider: string | null };
}

function validateEvents(inputs: unknown[]) {
  if (inputs.length === 0) throw badInput('A batch holds at least one event');
  if (inputs.length > MAX_BATCH)
    throw badInput(`A batch holds at most ${MAX_BATCH} events, got ${inputs.length}`);
  const issues: FieldIssue[] = [];
  const events = inputs.map((input, index) => {
    const parsed = llmEventInputSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    issues.push(...issuesOf(parsed.error, inputs.length > 1 ? [index] : []));
    return null;
  });
  if (issues.length)
    throw badInput(`Invalid event: ${issues[0].path.join('.')} ${issues[0].message}`, issues);
  return events as z.output<typeof llmEventInputSchema>[];
}

const distinct = <T>(values: T[]) => [...new Set(values)];

/**
 * Stores LLM calls of `scope` in the unit's transaction: the agents, versions, persons and
 * sessions they name are created when missing (the default agent and version when unnamed), the
 * cost comes from the price table.
 */
export async function storeLlmCalls(
  uow: TelemetryWork & { ctx: RequestContext },
  scope: Scope,
  calls: LlmCall[],
): Promise<LlmEvent[]> {
  const { tx } = uow;
  const named = calls.filter((call) => !call.version);
  const versionOf = named.length
    ? await ensureNamedVersions(
        uow,
        scope,
        named.map((call) => ({ agent: call.agent, version: call.agentVersion })),
      )
    : null;
  const persons = await ensureNamed(
    uow,
    scope,
    'Person',
    distinct(calls.flatMap((call) => (call.person ? [call.person] : []))).map((key) => ({ key })),
  );
  const sessionPerson = new Map<string, string | null>();
  for (const call of calls) {
    if (call.session && !sessionPerson.has(call.session))
      sessionPerson.set(call.session, call.person ? persons.get(call.person)! : null);
  }
  const sessions = await ensureNamed(
    uow,
    scope,
    'TelemetrySession',
    [...sessionPerson].map(([key, personRef]) => ({ key, personRef })),
  );

  const now = new Date();
  const prices = uow.ctx.services.prices;
  const rows = calls.map(({ summary, ...call }) => {
    const version = call.version ?? versionOf!(call.agent, call.agentVersion);
    return {
      id: randomUUID(),
      fingerprintId: call.fingerprintId,
      agentId: version.agentId,
      agentVersionId: version.id,
      personRef: call.person ? persons.get(call.person)! : null,
      sessionRef: call.session ? sessions.get(call.session)! : null,
      properties: call.properties,
      provider: summary.provider,
      model: summary.model,
      inputTokens: summary.inputTokens,
      outputTokens: summary.outputTokens,
      cachedInputTokens: summary.cachedInputTokens,
      toolCalls: summary.toolCalls as unknown as Prisma.JsonArray,
      finishReason: summary.finishReason,
      error: summary.error,
      latencyMs: summary.latencyMs,
      costUsd: prices.cost(summary),
    };
  });
  // One statement from JSON, as for app events: Prisma's createMany costs more than the insert.
  const inserted = await tx.$queryRaw<{ id: string; seq: bigint }[]>`
    INSERT INTO "LlmEvent" (id, "tenantId", "projectId", "fingerprintId", "agentId", "agentVersionId", "personRef", "sessionRef",
      properties, provider, model, "inputTokens", "outputTokens", "cachedInputTokens", "toolCalls", "finishReason", error,
      "latencyMs", "costUsd", "createdAt")
    SELECT r.id, ${scope.tenantId}, ${scope.projectId}, r."fingerprintId", r."agentId", r."agentVersionId", r."personRef",
      r."sessionRef", r.properties, r.provider, r.model, r."inputTokens", r."outputTokens", r."cachedInputTokens",
      r."toolCalls", r."finishReason", r.error, r."latencyMs", r."costUsd", ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, "fingerprintId" text, "agentId" text,
      "agentVersionId" text, "personRef" text, "sessionRef" text, properties jsonb, provider text, model text,
      "inputTokens" int, "outputTokens" int, "cachedInputTokens" int, "toolCalls" jsonb, "finishReason" text,
      error text, "latencyMs" float8, "costUsd" float8)
    RETURNING id, seq`;
  const seqs = new Map(inserted.map((row) => [row.id, row.seq]));
  return rows.map((row): LlmEvent => {
    const event = { ...row, ...space(scope), seq: seqs.get(row.id)!, createdAt: now };
    uow.emit(llmEventRecorded, event, { resourceId: event.id, ...scope });
    return event;
  });
}

/**
 * Records LLM events sent by a client in one transaction: the fingerprints must exist. What the
 * provider payload says (model, tokens, tool calls, errors, latency) is stored with each event.
 */
export async function recordLlmEvents(ctx: RequestContext, inputs: unknown[]): Promise<LlmEvent[]> {
  const scope = requireScope(ctx);
  const events = validateEvents(inputs);
  return work(
    ctx,
    async (uow) => {
      const fingerprintIds = distinct(events.map((event) => event.fingerprintId));
      const found = await uow.tx.fingerprint.findMany({
        where: { id: { in: fingerprintIds } },
        select: { id: true },
      });
      const missing = fingerprintIds.find(
        (id) => !found.some((fingerprint) => fingerprint.id === id),
      );
      if (missing) throw notFound(`Fingerprint "${missing}"`, 'fingerprint-not-found');
      return storeLlmCalls(
        uow,
        scope,
        events.map((event) => ({
          ...event,
          properties: event.properties as Prisma.JsonObject,
          summary: summarizeLlmCall(event.properties),
        })),
      );
    },
    { refusal: { event: llmEventRecorded, resourceId: events[0].fingerprintId } },
  );
}

export async function recordLlmEvent(ctx: RequestContext, input: unknown): Promise<LlmEvent> {
  const [event] = await recordLlmEvents(ctx, [input]);
  return event;
}

export interface LlmEventFilter {
  agent?: string | null;
  version?: string | null;
  person?: string | null;
  session?: string | null;
  model?: string | null;
  provider?: string | null;
  from?: Date | null;
  to?: Date | null;
  hasError?: boolean | null;
}

/** The Prisma condition for a filter: names are the client's (agent name, person id, session id). */
export function llmEventWhere(filter: LlmEventFilter = {}): Prisma.LlmEventWhereInput {
  return {
    agent: filter.agent ? { name: filter.agent } : undefined,
    agentVersion: filter.version ? { name: filter.version } : undefined,
    person: filter.person ? { personId: filter.person } : undefined,
    session: filter.session ? { sessionId: filter.session } : undefined,
    model: filter.model ?? undefined,
    provider: filter.provider ?? undefined,
    createdAt: dateRange(filter.from, filter.to),
    error: filter.hasError === true ? { not: null } : filter.hasError === false ? null : undefined,
  };
}
