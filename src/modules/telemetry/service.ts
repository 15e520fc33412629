import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import {
  Prisma,
  type Agent,
  type AgentVersion,
  type LlmEvent,
} from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import type { Scope } from '../../db/scoped.ts';
import { dateRange } from '../../db/filters.ts';
import { AppError, badInput, notFound, type FieldIssue } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { inAuditedTransaction, writeAudited, type AuditEntry } from '../audit/service.ts';
import { emitAfterCommit } from '../deliveries/service.ts';
import { checkModelApiKeyCredential } from '../credentials/service.ts';
import { runConfigOf, runConfigSchema } from '../executions/config.ts';
import { summarizeLlmCall } from './providers.ts';

export const MAX_BATCH = 1000;
export const MAX_PROPERTIES_BYTES = 1024 * 1024;
/** What an event that names no agent (or no version) is recorded under. */
export const DEFAULT_AGENT_NAME = 'default';
export const DEFAULT_VERSION_NAME = 'default';

// ---------------------------------------------------------------------------------------------
// Input: one zod schema per operation, camelCase; the REST routes map the page's snake_case names.

const identifier = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters');
const description = z.string().max(2000, 'must be at most 2000 characters');
const personProperties = jsonObject({ maxBytes: 64 * 1024 });

export const fingerprintInputSchema = z.object({
  language: identifier,
  languageVersion: identifier,
  system: identifier,
  openaiSdkVersion: identifier.nullish(),
  anthropicSdkVersion: identifier.nullish(),
  geminiSdkVersion: identifier.nullish(),
  vokerSdkVersion: identifier.nullish(),
  allPackages: jsonObject({ maxBytes: 256 * 1024 }).nullish(),
  gitRepositoryUrl: z.string().max(2000).nullish(),
  gitBranch: z.string().max(255).nullish(),
  gitCommitHash: z.string().max(255).nullish(),
  gitCommitDate: z.string().max(255).nullish(),
});
export const personInputSchema = z.object({
  personId: identifier,
  properties: personProperties.nullish(),
});
export const agentInputSchema = z.object({ name: identifier, description: description.nullish() });
export const agentChangesSchema = z.object({
  description: description.nullish(),
  deprecatedAt: z.date().nullish(),
});
/** How executions run the version (src/modules/executions/config.ts); checked when it is saved. */
const runConfig = runConfigSchema.transform((config) => config as Prisma.InputJsonObject);
export const agentVersionInputSchema = agentInputSchema.extend({
  deprecatedAt: z.date().nullish(),
  runConfig: runConfig.nullish(),
});
const versionChangesSchema = agentChangesSchema.extend({ runConfig: runConfig.optional() });
export const llmEventInputSchema = z.object({
  fingerprintId: z.string().min(1, 'must not be empty'),
  properties: jsonObject({ maxBytes: MAX_PROPERTIES_BYTES }),
  agent: identifier.nullish(),
  agentVersion: identifier.nullish(),
  person: identifier.nullish(),
  session: identifier.nullish(),
});
export type LlmEventInput = z.input<typeof llmEventInputSchema>;

function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((part) => part as string | number)],
    message: issue.message,
  }));
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw badInput(`Invalid ${issues[0].path.join('.') || 'input'}: ${issues[0].message}`, issues);
}

// ---------------------------------------------------------------------------------------------
// Names live in the caller's space: its project, or the tenant's own (projectId null) for a
// tenant-wide key. The scoped client confines reads to the tenant; the space names the project
// explicitly, because a tenant-wide key could otherwise match a same-named row of one of its projects.

const space = (scope: Scope) => ({ tenantId: scope.tenantId, projectId: scope.projectId });

const agentNotFound = (name: string) => notFound(`Agent "${name}"`, 'agent-not-found');
const versionNotFound = (agent: string, name: string) =>
  notFound(`Version "${name}" of agent "${agent}"`, 'agent-version-not-found');
const personNotFound = (personId: string) => notFound(`Person "${personId}"`, 'person-not-found');

type RecordAudit = (entry: AuditEntry) => void;

/** A sequence of numbered, named rows: the agents of a project, or the versions of an agent. */
interface NumberedSpace<T extends { name: string }> {
  lockKey: string;
  find(names: string[]): Promise<T[]>;
  maxNumber(): Promise<number | null>;
  create(rows: { name: string; number: number }[]): Promise<T[]>;
}

/**
 * The rows of `space` with these names, the missing ones created numbered max + 1, + 2... under a
 * transaction-scoped lock of the space, so concurrent creations get neither gaps nor duplicates.
 * Existing rows take no lock.
 */
async function ensureNumbered<T extends { name: string }>(
  tx: Prisma.TransactionClient,
  space: NumberedSpace<T>,
  names: string[],
  onExisting: (row: T) => T,
  onCreated: (row: T) => void,
): Promise<Map<string, T>> {
  const rows = new Map((await space.find(names)).map((row) => [row.name, onExisting(row)]));
  let missing = names.filter((name) => !rows.has(name));
  if (!missing.length) return rows;
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${space.lockKey}, 0))`;
  // Another transaction may have created some of them while this one waited for the lock.
  for (const row of await space.find(missing)) rows.set(row.name, onExisting(row));
  missing = missing.filter((name) => !rows.has(name)).sort();
  const first = ((await space.maxNumber()) ?? 0) + 1;
  for (const row of await space.create(
    missing.map((name, index) => ({ name, number: first + index })),
  )) {
    rows.set(row.name, row);
    onCreated(row);
  }
  return rows;
}

const sameRow = <T>(row: T) => row;

function agentSpace(
  tx: Prisma.TransactionClient,
  scope: Scope,
  descriptions: Map<string, string | null> = new Map(),
): NumberedSpace<Agent> {
  return {
    lockKey: `agent:${scope.tenantId}:${scope.projectId ?? ''}`,
    find: (names) => tx.agent.findMany({ where: { ...space(scope), name: { in: names } } }),
    maxNumber: async () =>
      (await tx.agent.aggregate({ where: space(scope), _max: { number: true } }))._max.number,
    create: (rows) =>
      tx.agent.createManyAndReturn({
        data: rows.map((row) => ({
          ...space(scope),
          ...row,
          description: descriptions.get(row.name) ?? null,
        })),
      }),
  };
}

function versionSpace(
  tx: Prisma.TransactionClient,
  agent: Agent,
  details: {
    description?: string | null;
    deprecatedAt?: Date | null;
    runConfig?: Prisma.InputJsonObject | null;
  } = {},
): NumberedSpace<AgentVersion> {
  return {
    lockKey: `agent-version:${agent.id}`,
    find: (names) =>
      tx.agentVersion.findMany({ where: { agentId: agent.id, name: { in: names } } }),
    maxNumber: async () =>
      (await tx.agentVersion.aggregate({ where: { agentId: agent.id }, _max: { number: true } }))
        ._max.number,
    create: (rows) =>
      tx.agentVersion.createManyAndReturn({
        data: rows.map((row) => ({
          ...row,
          agentId: agent.id,
          tenantId: agent.tenantId,
          projectId: agent.projectId,
          description: details.description ?? null,
          deprecatedAt: details.deprecatedAt ?? null,
          runConfig: details.runConfig ?? undefined,
        })),
      }),
  };
}

const auditAgentCreated = (record: RecordAudit) => (agent: Agent) =>
  record({
    eventType: 'agent.created',
    resourceType: 'agent',
    resourceId: agent.id,
    payload: { name: agent.name, number: agent.number },
  });
const auditVersionCreated = (record: RecordAudit, agent: Agent) => (version: AgentVersion) =>
  record({
    eventType: 'agent_version.created',
    resourceType: 'agent_version',
    resourceId: version.id,
    payload: { agent: agent.name, name: version.name, number: version.number },
  });

/**
 * The internal ids of the persons (or sessions) named by client ids, inserting the missing ones:
 * one statement inserts what is new and reads what exists. `ON CONFLICT DO NOTHING` makes
 * concurrent requests naming the same new id create it once: the second waits for the first to
 * commit and skips it; that row is then read in a second statement, whose snapshot sees the commit.
 */
async function ensureNamed(
  tx: Prisma.TransactionClient,
  scope: Scope,
  record: RecordAudit,
  table: 'Person' | 'TelemetrySession',
  wanted: { key: string; personRef?: string | null }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!wanted.length) return ids;
  const tableName = Prisma.raw(`"${table}"`);
  const keyColumn = table === 'Person' ? Prisma.sql`"personId"` : Prisma.sql`"sessionId"`;
  const personColumn = table === 'TelemetrySession' ? Prisma.sql`, "personRef"` : Prisma.empty;
  const personValue = table === 'TelemetrySession' ? Prisma.sql`, w."personRef"` : Prisma.empty;
  const inSpace = Prisma.sql`t."tenantId" = ${scope.tenantId} AND t."projectId" IS NOT DISTINCT FROM ${scope.projectId}`;
  // Inserted in key order, so that concurrent batches lock their keys in one order and cannot deadlock.
  const found = await tx.$queryRaw<{ id: string; key: string; created: boolean }[]>`
    WITH w AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) AS w(key text, "personRef" text)),
    inserted AS (
      INSERT INTO ${tableName} (id, "tenantId", "projectId", ${keyColumn}, "createdAt" ${personColumn})
      SELECT gen_random_uuid()::text, ${scope.tenantId}, ${scope.projectId}, w.key, now() ${personValue} FROM w
      ORDER BY w.key
      ON CONFLICT ("tenantId", "projectId", ${keyColumn}) DO NOTHING
      RETURNING id, ${keyColumn} AS key
    )
    SELECT id, key, true AS created FROM inserted
    UNION ALL
    SELECT t.id, t.${keyColumn} AS key, false AS created FROM ${tableName} t JOIN w ON t.${keyColumn} = w.key WHERE ${inSpace}`;
  const missing = new Set(wanted.map(({ key }) => key));
  const resourceType = table === 'Person' ? 'person' : 'session';
  for (const { id, key, created } of found) {
    ids.set(key, id);
    missing.delete(key);
    if (created)
      record({
        eventType: `${resourceType}.created`,
        resourceType,
        resourceId: key,
        payload: { autoCreated: true },
      });
  }
  if (missing.size) {
    const raced = await tx.$queryRaw<{ id: string; key: string }[]>`
      SELECT t.id, t.${keyColumn} AS key FROM ${tableName} t
      WHERE ${inSpace} AND t.${keyColumn} IN (SELECT jsonb_array_elements_text(${JSON.stringify([...missing])}::jsonb))`;
    for (const { id, key } of raced) ids.set(key, id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined && item !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The same content (in any key order) returns the same fingerprint; `created` says whether it is new. */
export async function createFingerprint(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const content = parse(fingerprintInputSchema, input);
  const contentHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  const existing = await ctx.db.fingerprint.findFirst({ where: { ...space(scope), contentHash } });
  if (existing) return { fingerprint: existing, created: false };
  const id = randomUUID();
  try {
    const fingerprint = await writeAudited(
      ctx,
      ctx.db.fingerprint.create({
        data: {
          id,
          ...space(scope),
          contentHash,
          ...content,
          allPackages: (content.allPackages ?? undefined) as Prisma.InputJsonObject | undefined,
        },
      }),
      [
        {
          eventType: 'fingerprint.created',
          resourceType: 'fingerprint',
          resourceId: id,
          payload: { language: content.language, system: content.system },
        },
      ],
    );
    return { fingerprint, created: true };
  } catch (error) {
    // Sent twice at once: the other request stored it first.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return {
      fingerprint: await ctx.db.fingerprint.findFirstOrThrow({
        where: { ...space(scope), contentHash },
      }),
      created: false,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Persons

export async function getPerson(ctx: RequestContext, personId: string) {
  const person = await ctx.db.person.findFirst({
    where: { ...space(requireScope(ctx)), personId },
  });
  if (!person) throw personNotFound(personId);
  return person;
}

export async function createPerson(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const { personId, properties } = parse(personInputSchema, input);
  if (await ctx.db.person.findFirst({ where: { ...space(scope), personId } })) {
    throw new AppError('CONFLICT', `Person "${personId}" already exists`, {
      type: 'person-already-exists',
    });
  }
  return writeAudited(
    ctx,
    ctx.db.person.create({ data: { ...space(scope), personId, properties: toJson(properties) } }),
    [{ eventType: 'person.created', resourceType: 'person', resourceId: personId }],
  );
}

/** `replace` sets the properties (the reference's update); `merge` adds and overwrites top-level keys. */
export async function updatePerson(
  ctx: RequestContext,
  personId: string,
  input: unknown,
  mode: 'replace' | 'merge' = 'replace',
) {
  const { properties } = parse(z.object({ properties: personProperties }), input);
  const person = await getPerson(ctx, personId);
  const next =
    mode === 'merge'
      ? { ...((person.properties as object | null) ?? {}), ...properties }
      : properties;
  return writeAudited(
    ctx,
    ctx.db.person.update({
      where: { id: person.id },
      data: { properties: next as Prisma.InputJsonObject },
    }),
    [
      {
        eventType: 'person.updated',
        resourceType: 'person',
        resourceId: personId,
        payload: { mode, keys: Object.keys(properties) },
      },
    ],
  );
}

const toJson = (value: object | null | undefined) =>
  (value ?? Prisma.DbNull) as Prisma.InputJsonObject;

// ---------------------------------------------------------------------------------------------
// Agents and versions

/**
 * The agent `idOrName` names: its id first (the scoped client keeps it to the caller's tenant, and
 * project for a project key), else its name in `nameSpace` (names are unique per project).
 */
export async function findAgent(
  db: Pick<Prisma.TransactionClient, 'agent'>,
  nameSpace: Scope,
  idOrName: string,
): Promise<Agent | null> {
  return (
    (await db.agent.findFirst({ where: { id: idOrName } })) ??
    db.agent.findFirst({ where: { ...space(nameSpace), name: idOrName } })
  );
}

/** The agents of the caller's project (or tenant), by number. */
export async function listAgents(ctx: RequestContext, page: { limit: number; offset: number }) {
  const where = space(requireScope(ctx));
  const [agents, total] = await Promise.all([
    ctx.db.agent.findMany({
      where,
      orderBy: { number: 'asc' },
      skip: page.offset,
      take: page.limit,
    }),
    ctx.db.agent.count({ where }),
  ]);
  return { agents, total };
}

export async function getAgent(ctx: RequestContext, name: string) {
  const agent = await ctx.db.agent.findFirst({ where: { ...space(requireScope(ctx)), name } });
  if (!agent) throw agentNotFound(name);
  return agent;
}

export async function createAgent(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const agentInput = parse(agentInputSchema, input);
  const alreadyExists = () => {
    throw new AppError('CONFLICT', `Agent "${agentInput.name}" already exists`, {
      type: 'agent-already-exists',
    });
  };
  return inAuditedTransaction(ctx, async (tx, record) => {
    const descriptions = new Map([[agentInput.name, agentInput.description ?? null]]);
    const agents = await ensureNumbered(
      tx,
      agentSpace(tx, scope, descriptions),
      [agentInput.name],
      alreadyExists,
      auditAgentCreated(record),
    );
    return agents.get(agentInput.name)!;
  });
}

export async function updateAgent(ctx: RequestContext, name: string, input: unknown) {
  const changes = parse(agentChangesSchema, input);
  const agent = await getAgent(ctx, name);
  return writeAudited(ctx, ctx.db.agent.update({ where: { id: agent.id }, data: changes }), [
    {
      eventType: 'agent.updated',
      resourceType: 'agent',
      resourceId: agent.id,
      payload: changedFields(changes),
    },
  ]);
}

export async function getAgentVersion(ctx: RequestContext, agentName: string, name: string) {
  const agent = await getAgent(ctx, agentName);
  const version = await ctx.db.agentVersion.findFirst({ where: { agentId: agent.id, name } });
  if (!version) throw versionNotFound(agentName, name);
  return version;
}

/** What a run configuration refers to must be the caller's: its model API key credential. */
async function checkRunConfigReferences(
  ctx: RequestContext,
  runConfig: Prisma.InputJsonObject | null | undefined,
) {
  if (!runConfig) return;
  const { provider } = runConfigOf(runConfig);
  if (provider.type === 'openai-compatible' && provider.apiKeyCredentialId) {
    await checkModelApiKeyCredential(ctx, provider.apiKeyCredentialId, [
      'runConfig',
      'provider',
      'apiKeyCredentialId',
    ]);
  }
}

export async function createAgentVersion(ctx: RequestContext, agentName: string, input: unknown) {
  const versionInput = parse(agentVersionInputSchema, input);
  const agent = await getAgent(ctx, agentName);
  await checkRunConfigReferences(ctx, versionInput.runConfig);
  const alreadyExists = () => {
    throw new AppError(
      'CONFLICT',
      `Version "${versionInput.name}" of agent "${agentName}" already exists`,
      {
        type: 'agent-version-already-exists',
      },
    );
  };
  return inAuditedTransaction(ctx, async (tx, record) => {
    const versions = await ensureNumbered(
      tx,
      versionSpace(tx, agent, versionInput),
      [versionInput.name],
      alreadyExists,
      auditVersionCreated(record, agent),
    );
    return versions.get(versionInput.name)!;
  });
}

export async function updateAgentVersion(
  ctx: RequestContext,
  agentName: string,
  name: string,
  input: unknown,
) {
  const changes = parse(versionChangesSchema, input);
  const version = await getAgentVersion(ctx, agentName, name);
  await checkRunConfigReferences(ctx, changes.runConfig);
  return writeAudited(
    ctx,
    ctx.db.agentVersion.update({ where: { id: version.id }, data: changes }),
    [
      {
        eventType: 'agent_version.updated',
        resourceType: 'agent_version',
        resourceId: version.id,
        payload: changedFields(changes),
      },
    ],
  );
}

/**
 * The agent and version an execution runs: `agentId`'s agent (by id or name; the default agent when
 * absent, created when missing), and its version `versionName` (by id or name), else its newest
 * undeprecated one, else `default`.
 */
export async function versionToRun(
  tx: Prisma.TransactionClient,
  scope: Scope,
  record: RecordAudit,
  agentId: string | null | undefined,
  versionName: string | null | undefined,
): Promise<{ agent: Agent; version: AgentVersion }> {
  const agent = agentId
    ? await findAgent(tx, scope, agentId)
    : (
        await ensureNumbered(
          tx,
          agentSpace(tx, scope),
          [DEFAULT_AGENT_NAME],
          sameRow,
          auditAgentCreated(record),
        )
      ).get(DEFAULT_AGENT_NAME)!;
  if (!agent) throw notFound(`Agent "${agentId}"`, 'agent-not-found');
  if (versionName) {
    const version =
      (await tx.agentVersion.findFirst({ where: { agentId: agent.id, id: versionName } })) ??
      (await tx.agentVersion.findFirst({ where: { agentId: agent.id, name: versionName } }));
    if (!version) throw versionNotFound(agent.name, versionName);
    return { agent, version };
  }
  const newest = await tx.agentVersion.findFirst({
    where: { agentId: agent.id, deprecatedAt: null },
    orderBy: { number: 'desc' },
  });
  if (newest) return { agent, version: newest };
  const versions = await ensureNumbered(
    tx,
    versionSpace(tx, agent),
    [DEFAULT_VERSION_NAME],
    sameRow,
    auditVersionCreated(record, agent),
  );
  return { agent, version: versions.get(DEFAULT_VERSION_NAME)! };
}

/** The audit payload of an update: the fields it set, dates as ISO strings. */
function changedFields(changes: {
  description?: string | null;
  deprecatedAt?: Date | null;
}): Prisma.InputJsonObject {
  return Object.fromEntries(
    Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

// ---------------------------------------------------------------------------------------------
// LLM events

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
 * Records LLM events in one transaction: the fingerprints must exist; agents, versions, persons
 * and sessions they name are created when missing (the default agent and version when unnamed).
 * What the provider payload says (model, tokens, tool calls, errors, latency) and the cost from
 * the price table are stored with each event.
 */
export async function recordLlmEvents(ctx: RequestContext, inputs: unknown[]): Promise<LlmEvent[]> {
  const scope = requireScope(ctx);
  const events = validateEvents(inputs);
  const prices = ctx.services.prices;
  const recorded = await inAuditedTransaction(ctx, async (tx, record) => {
    const fingerprintIds = distinct(events.map((event) => event.fingerprintId));
    const found = await tx.fingerprint.findMany({
      where: { id: { in: fingerprintIds } },
      select: { id: true },
    });
    const missing = fingerprintIds.find(
      (id) => !found.some((fingerprint) => fingerprint.id === id),
    );
    if (missing) throw notFound(`Fingerprint "${missing}"`, 'fingerprint-not-found');

    const agentOf = (event: (typeof events)[number]) => event.agent ?? DEFAULT_AGENT_NAME;
    const versionOf = (event: (typeof events)[number]) =>
      event.agentVersion ?? DEFAULT_VERSION_NAME;
    const agents = await ensureNumbered(
      tx,
      agentSpace(tx, scope),
      distinct(events.map(agentOf)),
      sameRow,
      auditAgentCreated(record),
    );
    const versionsByAgent = new Map<string, Map<string, AgentVersion>>();
    // One agent at a time, in name order: each may take its agent's lock.
    for (const [name, agent] of [...agents].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const names = distinct(events.filter((event) => agentOf(event) === name).map(versionOf));
      versionsByAgent.set(
        name,
        await ensureNumbered(
          tx,
          versionSpace(tx, agent),
          names,
          sameRow,
          auditVersionCreated(record, agent),
        ),
      );
    }
    const persons = await ensureNamed(
      tx,
      scope,
      record,
      'Person',
      distinct(events.flatMap((event) => (event.person ? [event.person] : []))).map((key) => ({
        key,
      })),
    );
    const sessionPerson = new Map<string, string | null>();
    for (const event of events) {
      if (event.session && !sessionPerson.has(event.session))
        sessionPerson.set(event.session, event.person ? persons.get(event.person)! : null);
    }
    const sessions = await ensureNamed(
      tx,
      scope,
      record,
      'TelemetrySession',
      [...sessionPerson].map(([key, personRef]) => ({ key, personRef })),
    );

    const now = new Date();
    const rows = events.map((event) => {
      const summary = summarizeLlmCall(event.properties);
      const version = versionsByAgent.get(agentOf(event))!.get(versionOf(event))!;
      return {
        id: randomUUID(),
        fingerprintId: event.fingerprintId,
        agentId: version.agentId,
        agentVersionId: version.id,
        personRef: event.person ? persons.get(event.person)! : null,
        sessionRef: event.session ? sessions.get(event.session)! : null,
        properties: event.properties as Prisma.JsonObject,
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
    for (const row of rows) {
      record({
        eventType: 'llm_event.recorded',
        resourceType: 'llm_event',
        resourceId: row.id,
        payload: { agentId: row.agentId, model: row.model, provider: row.provider },
      });
    }
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
    return rows.map((row): LlmEvent => ({
      ...row,
      ...space(scope),
      seq: seqs.get(row.id)!,
      createdAt: now,
    }));
  });
  for (const event of recorded) ctx.services.bus.publish('llmEventRecorded', event.tenantId, event);
  await emitAfterCommit(
    ctx.services,
    scope,
    recorded.map((event) => ({
      type: 'llm_event.created' as const,
      resourceId: event.id,
      agentId: event.agentId,
      data: {
        id: event.id,
        agentId: event.agentId,
        agentVersionId: event.agentVersionId,
        provider: event.provider,
        model: event.model,
        inputTokens: event.inputTokens,
        outputTokens: event.outputTokens,
        costUsd: event.costUsd,
        error: event.error,
        createdAt: event.createdAt.toISOString(),
      },
    })),
  );
  return recorded;
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

// ---------------------------------------------------------------------------------------------
// Usage analytics

export const USAGE_DIMENSIONS = ['agent', 'version', 'model', 'provider', 'person', 'day'] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

export interface UsageGroup {
  agent: string | null;
  version: string | null;
  model: string | null;
  provider: string | null;
  person: string | null;
  day: Date | null;
  count: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Sum over the priced events; null when none of the group's events has a price. */
  costUsd: number | null;
  unpricedCount: number;
  errorCount: number;
  errorRate: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
}

/**
 * Each dimension: the LlmEvent column it groups by, and how the outer query names the group. A
 * version is named with its agent, since version names repeat across agents.
 */
const dimensionSql: {
  [D in UsageDimension]: { column: Prisma.Sql; label: Prisma.Sql; join?: Prisma.Sql };
} = {
  agent: {
    column: Prisma.sql`e."agentId"`,
    label: Prisma.sql`a.name`,
    join: Prisma.sql`JOIN "Agent" a ON a.id = g."agentId"`,
  },
  version: {
    column: Prisma.sql`e."agentVersionId"`,
    label: Prisma.sql`v.name`,
    join: Prisma.sql`JOIN "AgentVersion" v ON v.id = g."agentVersionId" JOIN "Agent" va ON va.id = v."agentId"`,
  },
  model: { column: Prisma.sql`e.model`, label: Prisma.sql`g.model` },
  provider: { column: Prisma.sql`e.provider`, label: Prisma.sql`g.provider` },
  person: {
    column: Prisma.sql`e."personRef"`,
    label: Prisma.sql`p."personId"`,
    join: Prisma.sql`LEFT JOIN "Person" p ON p.id = g."personRef"`,
  },
  day: { column: Prisma.sql`date_trunc('day', e."createdAt")`, label: Prisma.sql`g.day` },
};
const groupColumnName: { [D in UsageDimension]: string } = {
  agent: 'agentId',
  version: 'agentVersionId',
  model: 'model',
  provider: 'provider',
  person: 'personRef',
  day: 'day',
};

function labelOf(dimension: UsageDimension, dimensions: UsageDimension[]): Prisma.Sql {
  if (dimensions.includes(dimension)) return dimensionSql[dimension].label;
  if (dimension === 'agent' && dimensions.includes('version')) return Prisma.sql`va.name`;
  return Prisma.sql`NULL`;
}

/**
 * Count, tokens, cost, error rate and latency percentiles of the events a filter selects, per
 * group of the chosen dimensions (one group of everything when none), computed by the database:
 * the events are aggregated by their id columns first and the names joined to the groups after.
 */
export async function telemetryUsage(
  ctx: RequestContext,
  groupBy: UsageDimension[],
  filter: LlmEventFilter = {},
): Promise<UsageGroup[]> {
  const scope = requireScope(ctx);
  const dimensions = USAGE_DIMENSIONS.filter((dimension) => groupBy.includes(dimension));
  const conditions: Prisma.Sql[] = [Prisma.sql`e."tenantId" = ${scope.tenantId}`];
  if (scope.projectId) conditions.push(Prisma.sql`e."projectId" = ${scope.projectId}`);
  const inScope = Prisma.sql`"tenantId" = ${scope.tenantId} ${scope.projectId ? Prisma.sql`AND "projectId" = ${scope.projectId}` : Prisma.empty}`;
  if (filter.agent)
    conditions.push(
      Prisma.sql`e."agentId" IN (SELECT id FROM "Agent" WHERE ${inScope} AND name = ${filter.agent})`,
    );
  if (filter.version) {
    conditions.push(
      Prisma.sql`e."agentVersionId" IN (SELECT id FROM "AgentVersion" WHERE ${inScope} AND name = ${filter.version})`,
    );
  }
  if (filter.person)
    conditions.push(
      Prisma.sql`e."personRef" IN (SELECT id FROM "Person" WHERE ${inScope} AND "personId" = ${filter.person})`,
    );
  if (filter.session) {
    conditions.push(
      Prisma.sql`e."sessionRef" IN (SELECT id FROM "TelemetrySession" WHERE ${inScope} AND "sessionId" = ${filter.session})`,
    );
  }
  if (filter.model) conditions.push(Prisma.sql`e.model = ${filter.model}`);
  if (filter.provider) conditions.push(Prisma.sql`e.provider = ${filter.provider}`);
  if (filter.from) conditions.push(Prisma.sql`e."createdAt" >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`e."createdAt" < ${filter.to}`);
  if (filter.hasError === true) conditions.push(Prisma.sql`e.error IS NOT NULL`);
  if (filter.hasError === false) conditions.push(Prisma.sql`e.error IS NULL`);

  const groupColumns = dimensions.map(
    (dimension) =>
      Prisma.sql`${dimensionSql[dimension].column} AS ${Prisma.raw(`"${groupColumnName[dimension]}"`)}`,
  );
  const labels = USAGE_DIMENSIONS.map(
    (dimension) => Prisma.sql`${labelOf(dimension, dimensions)} AS ${Prisma.raw(`"${dimension}"`)}`,
  );
  const joins = dimensions.flatMap((dimension) =>
    dimensionSql[dimension].join ? [dimensionSql[dimension].join!] : [],
  );
  const rows = await ctx.services.prisma.$queryRaw<
    (Omit<UsageGroup, 'day'> & { day: Date | null })[]
  >`
    WITH g AS (
      SELECT ${Prisma.join([...groupColumns, Prisma.sql`count(*)::int AS count`], ', ')},
        COALESCE(sum(e."inputTokens"), 0)::float8 AS "inputTokens",
        COALESCE(sum(e."outputTokens"), 0)::float8 AS "outputTokens",
        COALESCE(sum(e."cachedInputTokens"), 0)::float8 AS "cachedInputTokens",
        sum(e."costUsd") AS "costUsd",
        count(*) FILTER (WHERE e."costUsd" IS NULL)::int AS "unpricedCount",
        count(*) FILTER (WHERE e.error IS NOT NULL)::int AS "errorCount",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY e."latencyMs") AS "p50LatencyMs",
        percentile_cont(0.95) WITHIN GROUP (ORDER BY e."latencyMs") AS "p95LatencyMs"
      FROM "LlmEvent" e
      WHERE ${Prisma.join(conditions, ' AND ')}
      ${
        dimensions.length
          ? Prisma.sql`GROUP BY ${Prisma.join(
              dimensions.map((_, index) => Prisma.raw(String(index + 1))),
              ', ',
            )}`
          : Prisma.empty
      }
    )
    SELECT ${Prisma.join(labels, ', ')}, g.count, g."inputTokens", g."outputTokens", g."cachedInputTokens", g."costUsd",
      g."unpricedCount", g."errorCount", g."p50LatencyMs", g."p95LatencyMs"
    FROM g ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}
    WHERE g.count > 0
    ORDER BY g.count DESC, ${Prisma.join(
      USAGE_DIMENSIONS.map((dimension) => Prisma.raw(`"${dimension}"`)),
      ', ',
    )}`;
  return rows.map((row) => ({ ...row, errorRate: row.count ? row.errorCount / row.count : 0 }));
}
