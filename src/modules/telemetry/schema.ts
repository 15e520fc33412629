import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { LlmEvent } from '../../generated/prisma/client.ts';
import { loaderName, withColumns } from '../../db/loaders.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection } from '../../schema/connections.ts';
import { RunConfigInput, RunConfigRef, shownRunConfig } from '../executions/config-schema.ts';
import type { LlmToolCall } from './providers.ts';
import * as telemetry from './service.ts';

const FingerprintRef = builder.prismaNode('Fingerprint', {
  id: { field: 'id' },
  nullable: true,
  description:
    'The client environment that sends LLM events. The same content always has the same id.',
  fields: (t) => ({
    id: t.exposeID('id'),
    language: t.exposeString('language'),
    languageVersion: t.exposeString('languageVersion'),
    system: t.exposeString('system'),
    openaiSdkVersion: t.exposeString('openaiSdkVersion', { nullable: true }),
    anthropicSdkVersion: t.exposeString('anthropicSdkVersion', { nullable: true }),
    geminiSdkVersion: t.exposeString('geminiSdkVersion', { nullable: true }),
    vokerSdkVersion: t.exposeString('vokerSdkVersion', { nullable: true }),
    allPackages: t.expose('allPackages', { type: 'JSON', nullable: true }),
    gitRepositoryUrl: t.exposeString('gitRepositoryUrl', { nullable: true }),
    gitBranch: t.exposeString('gitBranch', { nullable: true }),
    gitCommitHash: t.exposeString('gitCommitHash', { nullable: true }),
    gitCommitDate: t.exposeString('gitCommitDate', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

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
    llmEvents: t.relatedConnection('llmEvents', {
      cursor: 'seq',
      totalCount: true,
      query: { orderBy: { seq: 'desc' } },
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

builder.prismaNode('Person', {
  id: { field: 'id' },
  nullable: true,
  description: 'An end user of the client application.',
  fields: (t) => ({
    personId: t.exposeString('personId', { description: 'The client’s identifier.' }),
    properties: t.expose('properties', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    sessions: t.relatedConnection('sessions', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: { createdAt: 'desc' } },
    }),
    llmEvents: t.relatedConnection('llmEvents', {
      cursor: 'seq',
      totalCount: true,
      query: { orderBy: { seq: 'desc' } },
    }),
  }),
});

builder.prismaNode('TelemetrySession', {
  id: { field: 'id' },
  nullable: true,
  description: 'A run of related LLM calls, named by the client.',
  fields: (t) => ({
    sessionId: t.exposeString('sessionId', { description: 'The client’s identifier.' }),
    person: t.relation('person', {
      nullable: true,
      description: 'The person the session’s first event named.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    events: t.relatedConnection('llmEvents', {
      description: 'The session’s LLM events in the order they were recorded.',
      cursor: 'seq',
      totalCount: true,
      query: { orderBy: { seq: 'asc' } },
    }),
  }),
});

const ToolCall = builder.objectRef<LlmToolCall>('LlmToolCall').implement({
  description: 'A tool call in an LLM call’s response.',
  fields: (t) => ({
    id: t.exposeString('id', {
      nullable: true,
      description: 'The provider’s id for the call, when it gives one.',
    }),
    name: t.exposeString('name', { description: 'The tool called.' }),
    arguments: t.expose('arguments', {
      type: 'JSON',
      nullable: true,
      description: 'The arguments, parsed when they were JSON (free-form).',
    }),
  }),
});

const LlmEventRef = builder.prismaNode('LlmEvent', {
  id: { field: 'id' },
  nullable: true,
  description: 'One LLM call, with what Switchboard read from its provider payload.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fingerprint: t.relation('fingerprint'),
    agent: t.relation('agent'),
    agentVersion: t.relation('agentVersion'),
    person: t.relation('person', { nullable: true }),
    session: t.relation('session', { nullable: true }),
    properties: t.expose('properties', {
      type: 'JSON',
      description: 'As sent: `inputs` (the request body), `outputs` (the response) and more.',
    }),
    provider: t.exposeString('provider', {
      nullable: true,
      description: '`openai`, `anthropic` or `gemini`; null when the payload is not recognised.',
    }),
    model: t.exposeString('model', { nullable: true }),
    inputTokens: t.exposeInt('inputTokens', {
      nullable: true,
      description: 'Including cached input tokens.',
    }),
    outputTokens: t.exposeInt('outputTokens', { nullable: true }),
    cachedInputTokens: t.exposeInt('cachedInputTokens', { nullable: true }),
    toolCalls: t.field({
      type: [ToolCall],
      description: 'The tool calls in the response.',
      resolve: (event) => event.toolCalls as unknown as LlmToolCall[],
    }),
    finishReason: t.exposeString('finishReason', {
      nullable: true,
      description: 'As the provider spells it.',
    }),
    error: t.exposeString('error', { nullable: true }),
    latencyMs: t.exposeFloat('latencyMs', { nullable: true }),
    costUsd: t.exposeFloat('costUsd', {
      nullable: true,
      description: 'From the price table; null when the model has no price.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const LlmEventConnection = countedConnection(LlmEventRef, 'LlmEventConnection');

const LlmEventFilter = builder.inputType('LlmEventFilter', {
  description: 'Which LLM events to include; absent fields do not filter.',
  fields: (t) => ({
    agent: t.string({ description: 'Agent name.' }),
    version: t.string({ description: 'Agent version name.' }),
    person: t.string({ description: 'The client’s person id.' }),
    session: t.string({ description: 'The client’s session id.' }),
    model: t.string({ description: 'Model name, as read from the payload.' }),
    provider: t.string({ description: '`openai`, `anthropic` or `gemini`.' }),
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
    hasError: t.boolean({ description: 'True: only failed calls; false: only successful ones.' }),
  }),
});

const CreateLlmEventInput = builder.inputType('CreateLlmEventInput', {
  description: 'One LLM call to record.',
  fields: (t) => ({
    fingerprintId: t.id({
      required: true,
      description: 'The client environment (createFingerprint) that made the call.',
    }),
    properties: t.field({
      type: 'JSONObject',
      required: true,
      description:
        '`inputs`: the request body, `outputs`: the response, as the provider defines them (OpenAI, Anthropic, Gemini are read); `latency_ms` optional. At most 1 MiB.',
    }),
    agent: t.string({ description: 'Agent name; created when missing, `default` when absent.' }),
    agentVersion: t.string({
      description: 'Version name; created when missing, `default` when absent.',
    }),
    person: t.string({ description: 'The client’s person id; created when missing.' }),
    session: t.string({ description: 'The client’s session id; created when missing.' }),
  }),
});

const FingerprintInput = builder.inputType('CreateFingerprintInput', {
  description:
    'The client environment that sends LLM events; the same content is the same fingerprint.',
  fields: (t) => ({
    language: t.string({ required: true, description: 'The client’s programming language.' }),
    languageVersion: t.string({ required: true, description: 'The version of that language.' }),
    system: t.string({ required: true, description: 'The operating system.' }),
    openaiSdkVersion: t.string({ description: 'The OpenAI SDK version, when installed.' }),
    anthropicSdkVersion: t.string({ description: 'The Anthropic SDK version, when installed.' }),
    geminiSdkVersion: t.string({ description: 'The Gemini SDK version, when installed.' }),
    vokerSdkVersion: t.string({ description: 'The Voker SDK version, when installed.' }),
    allPackages: t.field({
      type: 'JSONObject',
      description: 'The installed packages and their versions (free-form).',
    }),
    gitRepositoryUrl: t.string({ description: 'The client’s git repository.' }),
    gitBranch: t.string({ description: 'The client’s git branch.' }),
    gitCommitHash: t.string({ description: 'The client’s git commit.' }),
    gitCommitDate: t.string({ description: 'The date of that commit.' }),
  }),
});

const CreateFingerprintPayload = builder
  .objectRef<Awaited<ReturnType<typeof telemetry.createFingerprint>>>('CreateFingerprintPayload')
  .implement({
    description: 'The result of createFingerprint.',
    fields: (t) => ({
      fingerprint: t.prismaField({
        type: 'Fingerprint',
        description: 'The fingerprint of the content, new or existing.',
        resolve: (_query, payload) => payload.fingerprint,
      }),
      created: t.exposeBoolean('created', {
        description: 'False when the same content had been sent before.',
      }),
    }),
  });

const PersonUpdateMode = builder.enumType('PersonUpdateMode', {
  description: 'How updatePerson changes the properties.',
  values: {
    REPLACE: { value: 'replace', description: 'The properties become the given object.' },
    MERGE: {
      value: 'merge',
      description: 'The given top-level keys are added or overwritten; the others stay.',
    },
  } as const,
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

const UsageDimension = builder.enumType('TelemetryUsageDimension', {
  description: 'What telemetryUsage groups LLM events by.',
  values: Object.fromEntries(
    telemetry.USAGE_DIMENSIONS.map((dimension) => [
      dimension.toUpperCase(),
      {
        value: dimension,
        description: `One group per ${dimension === 'day' ? 'UTC day' : dimension}.`,
      },
    ]),
  ) as {
    [D in telemetry.UsageDimension as Uppercase<D>]: { value: D; description: string };
  },
});

const UsageGroup = builder.objectRef<telemetry.UsageGroup>('TelemetryUsageGroup').implement({
  description: 'Usage of one group of LLM events; the dimensions not grouped by are null.',
  fields: (t) => ({
    agent: t.exposeString('agent', { nullable: true, description: 'The agent’s name.' }),
    version: t.exposeString('version', {
      nullable: true,
      description: 'The agent version’s name.',
    }),
    model: t.exposeString('model', { nullable: true, description: 'The model name.' }),
    provider: t.exposeString('provider', {
      nullable: true,
      description: 'The provider (`openai`, `anthropic`, `gemini`).',
    }),
    person: t.exposeString('person', { nullable: true, description: 'The client’s person id.' }),
    day: t.expose('day', { type: 'DateTime', nullable: true, description: 'The UTC day.' }),
    count: t.exposeInt('count', { description: 'How many events the group has.' }),
    inputTokens: t.exposeFloat('inputTokens', { description: 'Input tokens, summed.' }),
    outputTokens: t.exposeFloat('outputTokens', { description: 'Output tokens, summed.' }),
    cachedInputTokens: t.exposeFloat('cachedInputTokens', {
      description: 'Cached input tokens, summed.',
    }),
    costUsd: t.exposeFloat('costUsd', {
      nullable: true,
      description: 'Of the priced events; null when none is priced.',
    }),
    unpricedCount: t.exposeInt('unpricedCount', {
      description: 'Events whose model has no price.',
    }),
    errorCount: t.exposeInt('errorCount', { description: 'Events with an error.' }),
    errorRate: t.exposeFloat('errorRate', { description: 'errorCount / count, 0 to 1.' }),
    p50LatencyMs: t.exposeFloat('p50LatencyMs', {
      nullable: true,
      description: 'Median latency; null when no event has one.',
    }),
    p95LatencyMs: t.exposeFloat('p95LatencyMs', {
      nullable: true,
      description: '95th percentile latency; null when no event has one.',
    }),
  }),
});

builder.queryFields((t) => ({
  llmEvents: t.prismaConnection(
    {
      type: 'LlmEvent',
      cursor: 'seq',
      description: 'LLM events, newest first.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: LlmEventFilter, description: 'Which events to include.' }) },
      totalCount: (_connection, args, ctx) =>
        ctx.db.llmEvent.count({ where: telemetry.llmEventWhere(args.filter ?? {}) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.llmEvent.findMany({
          ...query,
          where: telemetry.llmEventWhere(args.filter ?? {}),
          orderBy: { seq: 'desc' },
        }),
    },
    LlmEventConnection,
  ),
  llmEvent: t.prismaField({
    type: 'LlmEvent',
    nullable: true,
    description: 'An LLM event by id; null when the caller cannot see it.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true, description: 'The event’s id.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.llmEvent.findUnique({ ...query, where: { id: args.id.toString() } }),
  }),
  session: t.prismaField({
    type: 'TelemetrySession',
    nullable: true,
    description: 'A session by the client’s session id.',
    authScopes: { tenant: true },
    args: { id: t.arg.string({ required: true, description: 'The client’s session id.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.telemetrySession.findFirst({
        ...query,
        where: { projectId: requireScope(ctx).projectId, sessionId: args.id },
      }),
  }),
  person: t.prismaField({
    type: 'Person',
    nullable: true,
    description: 'A person by the client’s person id.',
    authScopes: { tenant: true },
    args: { id: t.arg.string({ required: true, description: 'The client’s person id.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.person.findFirst({
        ...query,
        where: { projectId: requireScope(ctx).projectId, personId: args.id },
      }),
  }),
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
  telemetryUsage: t.field({
    type: [UsageGroup],
    description:
      'Count, tokens, cost, error rate and latency percentiles per group, largest groups first; no groupBy: one group of all.',
    authScopes: { tenant: true },
    args: {
      groupBy: t.arg({
        type: [UsageDimension],
        defaultValue: [],
        description: 'The dimensions that make a group.',
      }),
      filter: t.arg({ type: LlmEventFilter, description: 'Which events to count.' }),
    },
    resolve: (_root, args, ctx) =>
      telemetry.telemetryUsage(ctx, args.groupBy ?? [], args.filter ?? {}),
  }),
}));

builder.mutationFields((t) => ({
  createFingerprint: t.field({
    type: CreateFingerprintPayload,
    description: 'Records a client environment, or finds the one with the same content.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({
        type: FingerprintInput,
        required: true,
        description: 'The environment’s content; its hash identifies it.',
      }),
    },
    resolve: (_root, args, ctx) => telemetry.createFingerprint(ctx, args.input),
  }),
  createPerson: t.prismaField({
    type: 'Person',
    description: 'Records an end user of the client application.',
    authScopes: { tenant: true },
    args: {
      personId: t.arg.string({
        required: true,
        description: 'The client’s identifier for the person.',
      }),
      properties: t.arg({
        type: 'JSONObject',
        description: 'Free-form properties to keep about the person.',
      }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.createPerson(ctx, args),
  }),
  updatePerson: t.prismaField({
    type: 'Person',
    description: 'Changes a person’s properties.',
    authScopes: { tenant: true },
    args: {
      personId: t.arg.string({
        required: true,
        description: 'The client’s identifier for the person.',
      }),
      properties: t.arg({
        type: 'JSONObject',
        required: true,
        description: 'The properties (free-form).',
      }),
      mode: t.arg({
        type: PersonUpdateMode,
        defaultValue: 'replace',
        description: 'Replace the properties or merge into them.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      telemetry.updatePerson(
        ctx,
        args.personId,
        { properties: args.properties },
        args.mode ?? 'replace',
      ),
  }),
  createAgent: t.prismaField({
    type: 'Agent',
    description: 'Creates an agent in the caller’s project (or tenant).',
    authScopes: { tenant: true },
    args: {
      name: t.arg.string({ required: true, description: 'Unique per project.' }),
      description: t.arg.string({ description: 'What the agent does.' }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.createAgent(ctx, args),
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
    resolve: (_query, _root, args, ctx) => telemetry.updateAgent(ctx, args.name, args.changes),
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
      telemetry.createAgentVersion(ctx, agentName, input),
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
      telemetry.updateAgentVersion(ctx, args.agentName, args.name, args.changes),
  }),
  createLlmEvent: t.prismaField({
    type: 'LlmEvent',
    description:
      'Records one LLM call, creating the agent, version, person and session it names when missing.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({
        type: CreateLlmEventInput,
        required: true,
        description: 'The call’s payload and the names it belongs to.',
      }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.recordLlmEvent(ctx, args.input),
  }),
  createLlmEvents: t.prismaField({
    type: ['LlmEvent'],
    description: `Records up to ${telemetry.MAX_BATCH} events in one transaction; the results are in input order.`,
    authScopes: { tenant: true },
    args: {
      inputs: t.arg({
        type: [CreateLlmEventInput],
        required: true,
        description: 'The calls, in order.',
      }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.recordLlmEvents(ctx, args.inputs),
  }),
}));

builder.subscriptionFields((t) => ({
  llmEventRecorded: t.prismaField({
    type: 'LlmEvent',
    description: "Each new LLM event of the caller's tenant, recorded on any server instance.",
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: LlmEventFilter, description: 'Which events to receive.' }) },
    subscribe: (_root, args, ctx) => {
      const stream = ctx.services.bus.subscribe(
        'llmEventRecorded',
        requireScope(ctx),
        ctx.services.shutdownSignal,
      );
      const filter = args.filter ?? {};
      if (!Object.values(filter).some((value) => value !== null && value !== undefined))
        return stream;
      // The filter names related rows (agent, person...): the database answers it with the very
      // condition llmEvents uses, so both mean the same.
      const where = telemetry.llmEventWhere(filter);
      return pipe(
        stream,
        // Subscribers with the same filter and scope share one query per event.
        filterStream(
          async (event: LlmEvent) =>
            (await ctx.services.subscriptionLoaders.load(
              loaderName('llmEventMatches', requireScope(ctx), where),
              event.id,
              (ids) =>
                ctx.db.llmEvent.findMany({
                  where: { AND: [where, { id: { in: ids } }] },
                  select: { id: true },
                }),
              (match) => match.id,
            )) !== null,
        ),
      );
    },
    resolve: (_query, event) => event,
  }),
}));
