import { createHash } from 'node:crypto';
import { z } from 'zod';
import { jsonObject } from '../../kernel/json-object.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import type { Scope } from '../../db/scoped.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { parseInput } from '../../kernel/parse-input.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { identifier } from '../agents/service.ts';
import { space, type AgentWork } from '../agents/numbered.ts';
import { fingerprintCreated, personCreated, personUpdated, sessionCreated } from './events.ts';

// Input: one zod schema per operation, camelCase; the REST routes map the page's snake_case names.

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
export type FingerprintContent = z.output<typeof fingerprintInputSchema>;
export const personInputSchema = z.object({
  personId: identifier,
  properties: personProperties.nullish(),
});

/** What telemetry changes need of a unit of work (a reaction passes its own cause along). */
export type TelemetryWork = AgentWork;

/**
 * The internal ids of the persons (or sessions) named by client ids, inserting the missing ones:
 * one statement inserts what is new and reads what exists. `ON CONFLICT DO NOTHING` makes
 * concurrent requests naming the same new id create it once: the second waits for the first to
 * commit and skips it; that row is then read in a second statement, whose snapshot sees the commit.
 */
export async function ensureNamed(
  uow: TelemetryWork,
  scope: Scope,
  table: 'Person' | 'TelemetrySession',
  wanted: { key: string; personRef?: string | null }[],
): Promise<Map<string, string>> {
  const { tx } = uow;
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
  const event = table === 'Person' ? personCreated : sessionCreated;
  for (const { id, key, created } of found) {
    ids.set(key, id);
    missing.delete(key);
    if (created) uow.emit(event, { autoCreated: true }, { resourceId: key, ...scope });
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

/**
 * The fingerprint of `content` in `scope`, created when new (the common case, a known one, only
 * reads). Sent twice at once, the insert of the second waits for the first to commit and skips the
 * row, which it then reads.
 */
export async function ensureFingerprint(
  uow: TelemetryWork,
  scope: Scope,
  content: FingerprintContent,
) {
  const contentHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  const existing = () => uow.tx.fingerprint.findFirst({ where: { ...space(scope), contentHash } });
  const known = await existing();
  if (known) return { fingerprint: known, created: false };
  const [inserted] = await uow.tx.fingerprint.createManyAndReturn({
    data: [
      {
        ...space(scope),
        contentHash,
        ...content,
        allPackages: (content.allPackages ?? undefined) as Prisma.InputJsonObject | undefined,
      },
    ],
    skipDuplicates: true,
  });
  if (!inserted) return { fingerprint: (await existing())!, created: false };
  uow.emit(
    fingerprintCreated,
    { language: content.language, system: content.system },
    { resourceId: inserted.id, ...scope },
  );
  return { fingerprint: inserted, created: true };
}

/** The same content (in any key order) returns the same fingerprint; `created` says whether it is new. */
export async function createFingerprint(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const content = parseInput(fingerprintInputSchema, input);
  return work(ctx, (uow) => ensureFingerprint(uow, scope, content));
}

// ---------------------------------------------------------------------------------------------
// Persons

const personNotFound = (personId: string) => notFound(`Person "${personId}"`, 'person-not-found');

async function personNamed(db: Pick<Prisma.TransactionClient, 'person'>, scope: Scope, id: string) {
  const person = await db.person.findFirst({ where: { ...space(scope), personId: id } });
  if (!person) throw personNotFound(id);
  return person;
}

export const getPerson = (ctx: RequestContext, personId: string) =>
  personNamed(ctx.db, requireScope(ctx), personId);

export async function createPerson(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const { personId, properties } = parseInput(personInputSchema, input);
  return work(
    ctx,
    async (uow) => {
      const [person] = await uow.tx.person.createManyAndReturn({
        data: [
          {
            ...space(scope),
            personId,
            properties: (properties as Prisma.InputJsonObject) ?? Prisma.DbNull,
          },
        ],
        skipDuplicates: true,
      });
      if (!person) {
        throw new AppError('CONFLICT', `Person "${personId}" already exists`, {
          type: 'person-already-exists',
        });
      }
      uow.emit(personCreated, { autoCreated: false }, { resourceId: personId });
      return person;
    },
    { refusal: { event: personCreated, resourceId: personId } },
  );
}

/** `replace` sets the properties (the reference's update); `merge` adds and overwrites top-level keys. */
export async function updatePerson(
  ctx: RequestContext,
  personId: string,
  input: unknown,
  mode: 'replace' | 'merge' = 'replace',
) {
  const scope = requireScope(ctx);
  const { properties } = parseInput(z.object({ properties: personProperties }), input);
  return work(
    ctx,
    async (uow) => {
      const person = await personNamed(uow.tx, scope, personId);
      const next =
        mode === 'merge'
          ? { ...((person.properties as object | null) ?? {}), ...properties }
          : properties;
      uow.emit(personUpdated, { mode, keys: Object.keys(properties) }, { resourceId: personId });
      return uow.tx.person.update({
        where: { id: person.id },
        data: { properties: next as Prisma.InputJsonObject },
      });
    },
    { refusal: { event: personUpdated, resourceId: personId } },
  );
}
