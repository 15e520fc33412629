import type { Agent, AgentVersion, Prisma } from '../../generated/prisma/client.ts';
import type { Scope } from '../../db/scoped.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import { agentCreated, agentVersionCreated } from './events.ts';

/** What agent changes need of a unit of work: its transaction, and where to say what happened. */
export type AgentWork = Pick<UnitOfWork, 'tx' | 'emit'>;

/**
 * Names live in the caller's space: its project, or the tenant's own (projectId null) for a
 * tenant-wide key. The scoped client confines reads to the tenant; the space names the project
 * explicitly, because a tenant-wide key could otherwise match a same-named row of one of its projects.
 */
export const space = (scope: Scope) => ({ tenantId: scope.tenantId, projectId: scope.projectId });

/** A sequence of numbered, named rows: the agents of a project, or the versions of an agent. */
interface NumberedSpace<T extends { name: string }> {
  lockKey: string;
  find(names: string[]): Promise<T[]>;
  maxNumber(): Promise<number | null>;
  create(rows: { name: string; number: number }[]): Promise<T[]>;
  created(row: T): void;
}

/**
 * The rows of `space` with these names, the missing ones created numbered max + 1, + 2... under a
 * transaction-scoped lock of the space, so concurrent creations get neither gaps nor duplicates.
 * Existing rows take no lock; `onExisting` may refuse them (an explicit creation).
 */
async function ensureNumbered<T extends { name: string }>(
  tx: Prisma.TransactionClient,
  space: NumberedSpace<T>,
  names: string[],
  onExisting: (row: T) => T = (row) => row,
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
    space.created(row);
  }
  return rows;
}

/** The agents of `scope` with these names, the missing ones created (with their description). */
export function ensureAgents(
  uow: AgentWork,
  scope: Scope,
  names: string[],
  options: {
    descriptions?: Map<string, string | null>;
    onExisting?: (agent: Agent) => Agent;
  } = {},
): Promise<Map<string, Agent>> {
  const { tx } = uow;
  const agents: NumberedSpace<Agent> = {
    lockKey: `agent:${scope.tenantId}:${scope.projectId ?? ''}`,
    find: (names) => tx.agent.findMany({ where: { ...space(scope), name: { in: names } } }),
    maxNumber: async () =>
      (await tx.agent.aggregate({ where: space(scope), _max: { number: true } }))._max.number,
    create: (rows) =>
      tx.agent.createManyAndReturn({
        data: rows.map((row) => ({
          ...space(scope),
          ...row,
          description: options.descriptions?.get(row.name) ?? null,
        })),
      }),
    created: (agent) =>
      uow.emit(
        agentCreated,
        { name: agent.name, number: agent.number },
        { resourceId: agent.id, tenantId: agent.tenantId, projectId: agent.projectId },
      ),
  };
  return ensureNumbered(tx, agents, names, options.onExisting);
}

export interface VersionDetails {
  description?: string | null;
  deprecatedAt?: Date | null;
  runConfig?: Prisma.InputJsonObject | null;
}

/** The versions of `agent` with these names, the missing ones created (with `details`). */
export function ensureVersions(
  uow: AgentWork,
  agent: Agent,
  names: string[],
  options: { details?: VersionDetails; onExisting?: (version: AgentVersion) => AgentVersion } = {},
): Promise<Map<string, AgentVersion>> {
  const { tx } = uow;
  const details = options.details ?? {};
  const versions: NumberedSpace<AgentVersion> = {
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
    created: (version) =>
      uow.emit(
        agentVersionCreated,
        { agent: agent.name, name: version.name, number: version.number },
        { resourceId: version.id, tenantId: version.tenantId, projectId: version.projectId },
      ),
  };
  return ensureNumbered(tx, versions, names, options.onExisting);
}
