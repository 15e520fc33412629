import { requireScope } from '../../auth/require.ts';
import { loaderName, withColumns } from '../../db/loaders.ts';
import { builder } from '../../schema/builder.ts';
import { RunConfigInput, RunConfigRef, shownRunConfig } from './run-config-schema.ts';
import * as agents from './service.ts';

builder.prismaNode('Agent', {
  id: { field: 'id' },
  nullable: true,
  description:
    'An agent: what LLM events, executions and triggers belong to. The name is unique per project.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    number: t.exposeInt('number', { description: '1, 2, 3... in order of creation, per project.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deprecatedAt: t.expose('deprecatedAt', { type: 'DateTime', nullable: true }),
    versions: t.relation('versions', {
      description: 'Oldest first.',
      query: { orderBy: { number: 'asc' } },
    }),
    version: t.prismaField({
      type: 'AgentVersion',
      nullable: true,
      description: 'One of the agent’s versions by name; null when it has none of that name.',
      args: { name: t.arg.string({ required: true, description: 'The version’s name.' }) },
      // One batch per field for a list of agents, not one query per agent.
      resolve: (query, agent, args, ctx) =>
        ctx.loaders.load(
          loaderName('AgentVersion', args.name, query),
          agent.id,
          (agentIds) =>
            ctx.db.agentVersion.findMany({
              ...withColumns(query, 'agentId'),
              where: { agentId: { in: agentIds }, name: args.name },
            }),
          (version) => version.agentId,
        ),
    }),
  }),
});

builder.prismaNode('AgentVersion', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'Unique within its agent.' }),
    description: t.exposeString('description', { nullable: true }),
    number: t.exposeInt('number', { description: '1, 2, 3... in order of creation, per agent.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deprecatedAt: t.expose('deprecatedAt', { type: 'DateTime', nullable: true }),
    runConfig: t.field({
      type: RunConfigRef,
      nullable: true,
      description: 'How executions run this version; null: the echo script.',
      resolve: (version) => shownRunConfig(version.runConfig),
    }),
    agent: t.relation('agent'),
  }),
});

const AgentChanges = builder.inputType('AgentChangesInput', {
  description: 'Changes to an agent or version; absent fields stay.',
  fields: (t) => ({
    description: t.string({ description: 'The new description; null clears it.' }),
    deprecatedAt: t.field({ type: 'DateTime', description: 'Null undeprecates.' }),
    runConfig: t.field({
      type: RunConfigInput,
      description: 'Versions only: how executions run the version (replaced as a whole).',
    }),
  }),
});

builder.queryFields((t) => ({
  agent: t.prismaField({
    type: 'Agent',
    nullable: true,
    description: 'An agent of the caller’s project (or tenant) by name.',
    authScopes: { tenant: true },
    args: { name: t.arg.string({ required: true, description: 'The agent’s name.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.agent.findFirst({
        ...query,
        where: { projectId: requireScope(ctx).projectId, name: args.name },
      }),
  }),
  agents: t.prismaField({
    type: ['Agent'],
    description: 'The agents of the caller’s project (or tenant), by number.',
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.agent.findMany({
        ...query,
        where: { projectId: requireScope(ctx).projectId },
        orderBy: { number: 'asc' },
      }),
  }),
}));

builder.mutationFields((t) => ({
  createAgent: t.prismaField({
    type: 'Agent',
    description: 'Creates an agent in the caller’s project (or tenant).',
    authScopes: { tenant: true },
    args: {
      name: t.arg.string({ required: true, description: 'Unique per project.' }),
      description: t.arg.string({ description: 'What the agent does.' }),
    },
    resolve: (_query, _root, args, ctx) => agents.createAgent(ctx, args),
  }),
  updateAgent: t.prismaField({
    type: 'Agent',
    description: 'Changes an agent’s description or deprecation.',
    authScopes: { tenant: true },
    args: {
      name: t.arg.string({ required: true, description: 'The agent’s name.' }),
      changes: t.arg({
        type: AgentChanges,
        required: true,
        description: 'The changes (runConfig is refused here).',
      }),
    },
    resolve: (_query, _root, args, ctx) => agents.updateAgent(ctx, args.name, args.changes),
  }),
  createAgentVersion: t.prismaField({
    type: 'AgentVersion',
    description: 'Creates a version of an agent.',
    authScopes: { tenant: true },
    args: {
      agentName: t.arg.string({ required: true, description: 'The agent’s name.' }),
      name: t.arg.string({ required: true, description: 'Unique within the agent.' }),
      description: t.arg.string({ description: 'What changed in this version.' }),
      deprecatedAt: t.arg({ type: 'DateTime', description: 'Creates it deprecated, as of then.' }),
      runConfig: t.arg({
        type: RunConfigInput,
        description: 'How executions run the version; none: the echo script.',
      }),
    },
    resolve: (_query, _root, { agentName, ...input }, ctx) =>
      agents.createAgentVersion(ctx, agentName, input),
  }),
  updateAgentVersion: t.prismaField({
    type: 'AgentVersion',
    description: 'Changes a version’s description, deprecation or run configuration.',
    authScopes: { tenant: true },
    args: {
      agentName: t.arg.string({ required: true, description: 'The agent’s name.' }),
      name: t.arg.string({ required: true, description: 'The version’s name.' }),
      changes: t.arg({
        type: AgentChanges,
        required: true,
        description: 'The fields to change; the others stay.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      agents.updateAgentVersion(ctx, args.agentName, args.name, args.changes),
  }),
}));
