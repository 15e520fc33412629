import { z } from 'zod';
import type { Agent, AgentVersion, Prisma } from '../../generated/prisma/client.ts';
import { requireScope } from '../../auth/require.ts';
import type { Scope } from '../../db/scoped.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { parseInput } from '../../kernel/parse-input.ts';
import { work } from '../../kernel/unit-of-work.ts';
import { checkModelApiKeyCredential } from '../credentials/service.ts';
import { agentCreated, agentUpdated, agentVersionCreated, agentVersionUpdated } from './events.ts';
import { ensureAgents, ensureVersions, space, type AgentWork } from './numbered.ts';
import { runConfigOf, runConfigSchema } from './run-config.ts';

/** What an LLM event or execution that names no agent (or no version) belongs to. */
export const DEFAULT_AGENT_NAME = 'default';
export const DEFAULT_VERSION_NAME = 'default';

export const identifier = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters');
const description = z.string().max(2000, 'must be at most 2000 characters');

export const agentInputSchema = z.object({ name: identifier, description: description.nullish() });
export const agentChangesSchema = z.object({
  description: description.nullish(),
  deprecatedAt: z.date().nullish(),
});
/** How executions run the version (run-config.ts); checked when it is saved. */
const runConfig = runConfigSchema.transform((config) => config as Prisma.InputJsonObject);
export const agentVersionInputSchema = agentInputSchema.extend({
  deprecatedAt: z.date().nullish(),
  runConfig: runConfig.nullish(),
});
const versionChangesSchema = agentChangesSchema.extend({ runConfig: runConfig.optional() });

const agentNotFound = (name: string) => notFound(`Agent "${name}"`, 'agent-not-found');
const versionNotFound = (agent: string, name: string) =>
  notFound(`Version "${name}" of agent "${agent}"`, 'agent-version-not-found');

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

async function agentNamed(db: Pick<Prisma.TransactionClient, 'agent'>, scope: Scope, name: string) {
  const agent = await db.agent.findFirst({ where: { ...space(scope), name } });
  if (!agent) throw agentNotFound(name);
  return agent;
}

export const getAgent = (ctx: RequestContext, name: string) =>
  agentNamed(ctx.db, requireScope(ctx), name);

async function versionNamed(
  db: Pick<Prisma.TransactionClient, 'agent' | 'agentVersion'>,
  scope: Scope,
  agentName: string,
  name: string,
) {
  const agent = await agentNamed(db, scope, agentName);
  const version = await db.agentVersion.findFirst({ where: { agentId: agent.id, name } });
  if (!version) throw versionNotFound(agentName, name);
  return { agent, version };
}

export async function getAgentVersion(ctx: RequestContext, agentName: string, name: string) {
  return (await versionNamed(ctx.db, requireScope(ctx), agentName, name)).version;
}

export async function createAgent(ctx: RequestContext, input: unknown) {
  const scope = requireScope(ctx);
  const { name, description } = parseInput(agentInputSchema, input);
  const alreadyExists = (): Agent => {
    throw new AppError('CONFLICT', `Agent "${name}" already exists`, {
      type: 'agent-already-exists',
    });
  };
  return work(
    ctx,
    async (uow) => {
      const agents = await ensureAgents(uow, scope, [name], {
        descriptions: new Map([[name, description ?? null]]),
        onExisting: alreadyExists,
      });
      return agents.get(name)!;
    },
    { refusal: { event: agentCreated, resourceId: name } },
  );
}

export async function updateAgent(ctx: RequestContext, name: string, input: unknown) {
  const scope = requireScope(ctx);
  const changes = parseInput(agentChangesSchema, input);
  return work(
    ctx,
    async (uow) => {
      const agent = await agentNamed(uow.tx, scope, name);
      uow.emit(agentUpdated, changes, { resourceId: agent.id });
      return uow.tx.agent.update({ where: { id: agent.id }, data: changes });
    },
    { refusal: { event: agentUpdated, resourceId: name } },
  );
}

/** What a run configuration refers to must be the caller's: its model API key credential. */
async function checkRunConfigReferences(
  db: Prisma.TransactionClient,
  runConfig: Prisma.InputJsonObject | null | undefined,
) {
  if (!runConfig) return;
  const { provider } = runConfigOf(runConfig);
  if (provider.type === 'openai-compatible' && provider.apiKeyCredentialId) {
    await checkModelApiKeyCredential(db, provider.apiKeyCredentialId, [
      'runConfig',
      'provider',
      'apiKeyCredentialId',
    ]);
  }
}

export async function createAgentVersion(ctx: RequestContext, agentName: string, input: unknown) {
  const scope = requireScope(ctx);
  const versionInput = parseInput(agentVersionInputSchema, input);
  const alreadyExists = (): AgentVersion => {
    throw new AppError(
      'CONFLICT',
      `Version "${versionInput.name}" of agent "${agentName}" already exists`,
      { type: 'agent-version-already-exists' },
    );
  };
  return work(
    ctx,
    async (uow) => {
      const agent = await agentNamed(uow.tx, scope, agentName);
      await checkRunConfigReferences(uow.tx, versionInput.runConfig);
      const versions = await ensureVersions(uow, agent, [versionInput.name], {
        details: versionInput,
        onExisting: alreadyExists,
      });
      return versions.get(versionInput.name)!;
    },
    { refusal: { event: agentVersionCreated, resourceId: `${agentName}/${versionInput.name}` } },
  );
}

export async function updateAgentVersion(
  ctx: RequestContext,
  agentName: string,
  name: string,
  input: unknown,
) {
  const scope = requireScope(ctx);
  const changes = parseInput(versionChangesSchema, input);
  return work(
    ctx,
    async (uow) => {
      const { version } = await versionNamed(uow.tx, scope, agentName, name);
      await checkRunConfigReferences(uow.tx, changes.runConfig);
      uow.emit(agentVersionUpdated, changes, { resourceId: version.id });
      return uow.tx.agentVersion.update({ where: { id: version.id }, data: changes });
    },
    { refusal: { event: agentVersionUpdated, resourceId: `${agentName}/${name}` } },
  );
}

type AgentReader = Pick<Prisma.TransactionClient, 'agent' | 'agentVersion'>;

/**
 * The agent and version an execution runs: `agentId`'s agent (by id or name; the default agent when
 * absent, created when missing), and its version `versionName` (by id or name), else its newest
 * undeprecated one, else `default`.
 */
export async function versionToRun(
  uow: AgentWork,
  scope: Scope,
  agentId: string | null | undefined,
  versionName: string | null | undefined,
): Promise<{ agent: Agent; version: AgentVersion }> {
  const { tx } = uow;
  const agent = agentId
    ? await findAgent(tx, scope, agentId)
    : (await ensureAgents(uow, scope, [DEFAULT_AGENT_NAME])).get(DEFAULT_AGENT_NAME)!;
  if (!agent) throw agentNotFound(agentId!);
  const version =
    (await existingVersionToRun(tx, agent, versionName)) ??
    (await ensureVersions(uow, agent, [DEFAULT_VERSION_NAME])).get(DEFAULT_VERSION_NAME)!;
  return { agent, version };
}

/**
 * `versionToRun` when it creates nothing, read without a transaction: null when the default agent
 * or version is still to be created.
 */
export async function findVersionToRun(
  db: AgentReader,
  scope: Scope,
  agentId: string | null | undefined,
  versionName: string | null | undefined,
): Promise<{ agent: Agent; version: AgentVersion } | null> {
  const agent = agentId
    ? await findAgent(db, scope, agentId)
    : await db.agent.findFirst({ where: { ...space(scope), name: DEFAULT_AGENT_NAME } });
  if (!agent) {
    if (agentId) throw agentNotFound(agentId);
    return null;
  }
  const version = await existingVersionToRun(db, agent, versionName);
  return version && { agent, version };
}

/** The agent's version `versionName` (by id or name), else its newest undeprecated one, if any. */
async function existingVersionToRun(
  db: AgentReader,
  agent: Agent,
  versionName: string | null | undefined,
) {
  if (versionName) {
    const version =
      (await db.agentVersion.findFirst({ where: { agentId: agent.id, id: versionName } })) ??
      (await db.agentVersion.findFirst({ where: { agentId: agent.id, name: versionName } }));
    if (!version) throw versionNotFound(agent.name, versionName);
    return version;
  }
  return db.agentVersion.findFirst({
    where: { agentId: agent.id, deprecatedAt: null },
    orderBy: { number: 'desc' },
  });
}

/**
 * The versions `names` pairs name (`default` for what is unnamed), the missing agents and versions
 * created: agent by agent in name order, each under its own lock.
 */
export async function ensureNamedVersions(
  uow: AgentWork,
  scope: Scope,
  names: { agent?: string | null; version?: string | null }[],
): Promise<(agent?: string | null, version?: string | null) => AgentVersion> {
  const wanted = new Map<string, Set<string>>();
  for (const { agent, version } of names) {
    const versions = wanted.get(agent ?? DEFAULT_AGENT_NAME) ?? new Set<string>();
    versions.add(version ?? DEFAULT_VERSION_NAME);
    wanted.set(agent ?? DEFAULT_AGENT_NAME, versions);
  }
  const agents = await ensureAgents(uow, scope, [...wanted.keys()]);
  const versionsByAgent = new Map<string, Map<string, AgentVersion>>();
  for (const [name, agent] of [...agents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    versionsByAgent.set(name, await ensureVersions(uow, agent, [...wanted.get(name)!]));
  }
  return (agent, version) =>
    versionsByAgent.get(agent ?? DEFAULT_AGENT_NAME)!.get(version ?? DEFAULT_VERSION_NAME)!;
}
