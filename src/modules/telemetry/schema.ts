import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { LlmEvent } from '../../generated/prisma/client.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection } from '../../schema/connections.ts';
import { RunConfigInput, RunConfigRef, shownRunConfig } from '../executions/config-schema.ts';
import type { LlmToolCall } from './providers.ts';
import * as telemetry from './service.ts';

const FingerprintRef = builder.prismaObject('Fingerprint', {
  description: 'The client environment that sends LLM events. The same content always has the same id.',
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

builder.prismaObject('Agent', {
  description: 'An agent: what LLM events, executions and triggers belong to. The name is unique per project.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    number: t.exposeInt('number', { description: '1, 2, 3... in order of creation, per project.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deprecatedAt: t.expose('deprecatedAt', { type: 'DateTime', nullable: true }),
    versions: t.relation('versions', { description: 'Oldest first.', query: { orderBy: { number: 'asc' } } }),
    version: t.prismaField({
      type: 'AgentVersion',
      nullable: true,
      args: { name: t.arg.string({ required: true }) },
      resolve: (query, agent, args, ctx) => ctx.db.agentVersion.findFirst({ ...query, where: { agentId: agent.id, name: args.name } }),
    }),
    llmEvents: t.relatedConnection('llmEvents', { cursor: 'seq', totalCount: true, query: { orderBy: { seq: 'desc' } } }),
  }),
});

builder.prismaObject('AgentVersion', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'Unique within its agent.' }),
    description: t.exposeString('description', { nullable: true }),
    number: t.exposeInt('number', { description: '1, 2, 3... in order of creation, per agent.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deprecatedAt: t.expose('deprecatedAt', { type: 'DateTime', nullable: true }),
    runConfig: t.field({ type: RunConfigRef, nullable: true, description: 'How executions run this version; null: the echo script.', resolve: (version) => shownRunConfig(version.runConfig) }),
    agent: t.relation('agent'),
  }),
});

builder.prismaObject('Person', {
  description: 'An end user of the client application.',
  fields: (t) => ({
    personId: t.exposeString('personId', { description: 'The client’s identifier.' }),
    properties: t.expose('properties', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    sessions: t.relatedConnection('sessions', { cursor: 'id', totalCount: true, query: { orderBy: { createdAt: 'desc' } } }),
    llmEvents: t.relatedConnection('llmEvents', { cursor: 'seq', totalCount: true, query: { orderBy: { seq: 'desc' } } }),
  }),
});

builder.prismaObject('TelemetrySession', {
  description: 'A run of related LLM calls, named by the client.',
  fields: (t) => ({
    sessionId: t.exposeString('sessionId', { description: 'The client’s identifier.' }),
    person: t.relation('person', { nullable: true, description: 'The person the session’s first event named.' }),
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
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    name: t.exposeString('name'),
    arguments: t.expose('arguments', { type: 'JSON', nullable: true }),
  }),
});

const LlmEventRef = builder.prismaObject('LlmEvent', {
  description: 'One LLM call, with what Switchboard read from its provider payload.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fingerprint: t.relation('fingerprint'),
    agent: t.relation('agent'),
    agentVersion: t.relation('agentVersion'),
    person: t.relation('person', { nullable: true }),
    session: t.relation('session', { nullable: true }),
    properties: t.expose('properties', { type: 'JSON', description: 'As sent: `inputs` (the request body), `outputs` (the response) and more.' }),
    provider: t.exposeString('provider', { nullable: true, description: '`openai`, `anthropic` or `gemini`; null when the payload is not recognised.' }),
    model: t.exposeString('model', { nullable: true }),
    inputTokens: t.exposeInt('inputTokens', { nullable: true, description: 'Including cached input tokens.' }),
    outputTokens: t.exposeInt('outputTokens', { nullable: true }),
    cachedInputTokens: t.exposeInt('cachedInputTokens', { nullable: true }),
    toolCalls: t.field({ type: [ToolCall], resolve: (event) => event.toolCalls as unknown as LlmToolCall[] }),
    finishReason: t.exposeString('finishReason', { nullable: true, description: 'As the provider spells it.' }),
    error: t.exposeString('error', { nullable: true }),
    latencyMs: t.exposeFloat('latencyMs', { nullable: true }),
    costUsd: t.exposeFloat('costUsd', { nullable: true, description: 'From the price table; null when the model has no price.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const LlmEventConnection = countedConnection(LlmEventRef, 'LlmEventConnection');

const LlmEventFilter = builder.inputType('LlmEventFilter', {
  fields: (t) => ({
    agent: t.string({ description: 'Agent name.' }),
    version: t.string({ description: 'Agent version name.' }),
    person: t.string({ description: 'The client’s person id.' }),
    session: t.string({ description: 'The client’s session id.' }),
    model: t.string(),
    provider: t.string(),
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
    hasError: t.boolean(),
  }),
});

const CreateLlmEventInput = builder.inputType('CreateLlmEventInput', {
  fields: (t) => ({
    fingerprintId: t.id({ required: true }),
    properties: t.field({
      type: 'JSONObject',
      required: true,
      description: '`inputs`: the request body, `outputs`: the response, as the provider defines them (OpenAI, Anthropic, Gemini are read); `latency_ms` optional. At most 1 MiB.',
    }),
    agent: t.string({ description: 'Agent name; created when missing, `default` when absent.' }),
    agentVersion: t.string({ description: 'Version name; created when missing, `default` when absent.' }),
    person: t.string({ description: 'The client’s person id; created when missing.' }),
    session: t.string({ description: 'The client’s session id; created when missing.' }),
  }),
});

const FingerprintInput = builder.inputType('CreateFingerprintInput', {
  fields: (t) => ({
    language: t.string({ required: true }),
    languageVersion: t.string({ required: true }),
    system: t.string({ required: true }),
    openaiSdkVersion: t.string(),
    anthropicSdkVersion: t.string(),
    geminiSdkVersion: t.string(),
    vokerSdkVersion: t.string(),
    allPackages: t.field({ type: 'JSONObject' }),
    gitRepositoryUrl: t.string(),
    gitBranch: t.string(),
    gitCommitHash: t.string(),
    gitCommitDate: t.string(),
  }),
});

const CreateFingerprintPayload = builder
  .objectRef<Awaited<ReturnType<typeof telemetry.createFingerprint>>>('CreateFingerprintPayload')
  .implement({
    fields: (t) => ({
      fingerprint: t.prismaField({ type: 'Fingerprint', resolve: (_query, payload) => payload.fingerprint }),
      created: t.exposeBoolean('created', { description: 'False when the same content had been sent before.' }),
    }),
  });

const PersonUpdateMode = builder.enumType('PersonUpdateMode', {
  values: {
    REPLACE: { value: 'replace', description: 'The properties become the given object.' },
    MERGE: { value: 'merge', description: 'The given top-level keys are added or overwritten; the others stay.' },
  } as const,
});

const AgentChanges = builder.inputType('AgentChangesInput', {
  fields: (t) => ({
    description: t.string(),
    deprecatedAt: t.field({ type: 'DateTime', description: 'Null undeprecates.' }),
    runConfig: t.field({ type: RunConfigInput, description: 'Versions only: how executions run the version (replaced as a whole).' }),
  }),
});

const UsageDimension = builder.enumType('TelemetryUsageDimension', {
  values: Object.fromEntries(telemetry.USAGE_DIMENSIONS.map((dimension) => [dimension.toUpperCase(), { value: dimension }])) as {
    [D in telemetry.UsageDimension as Uppercase<D>]: { value: D };
  },
});

const UsageGroup = builder.objectRef<telemetry.UsageGroup>('TelemetryUsageGroup').implement({
  description: 'Usage of one group of LLM events; the dimensions not grouped by are null.',
  fields: (t) => ({
    agent: t.exposeString('agent', { nullable: true }),
    version: t.exposeString('version', { nullable: true }),
    model: t.exposeString('model', { nullable: true }),
    provider: t.exposeString('provider', { nullable: true }),
    person: t.exposeString('person', { nullable: true }),
    day: t.expose('day', { type: 'DateTime', nullable: true, description: 'The UTC day.' }),
    count: t.exposeInt('count'),
    inputTokens: t.exposeFloat('inputTokens'),
    outputTokens: t.exposeFloat('outputTokens'),
    cachedInputTokens: t.exposeFloat('cachedInputTokens'),
    costUsd: t.exposeFloat('costUsd', { nullable: true, description: 'Of the priced events; null when none is priced.' }),
    unpricedCount: t.exposeInt('unpricedCount', { description: 'Events whose model has no price.' }),
    errorCount: t.exposeInt('errorCount'),
    errorRate: t.exposeFloat('errorRate'),
    p50LatencyMs: t.exposeFloat('p50LatencyMs', { nullable: true }),
    p95LatencyMs: t.exposeFloat('p95LatencyMs', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  llmEvents: t.prismaConnection(
    {
      type: 'LlmEvent',
      cursor: 'seq',
      description: 'LLM events, newest first.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: LlmEventFilter }) },
      totalCount: (_connection, args, ctx) => ctx.db.llmEvent.count({ where: telemetry.llmEventWhere(args.filter ?? {}) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.llmEvent.findMany({ ...query, where: telemetry.llmEventWhere(args.filter ?? {}), orderBy: { seq: 'desc' } }),
    },
    LlmEventConnection,
  ),
  llmEvent: t.prismaField({
    type: 'LlmEvent',
    nullable: true,
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.llmEvent.findUnique({ ...query, where: { id: args.id.toString() } }),
  }),
  session: t.prismaField({
    type: 'TelemetrySession',
    nullable: true,
    description: 'A session by the client’s session id.',
    authScopes: { tenant: true },
    args: { id: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.telemetrySession.findFirst({ ...query, where: { projectId: requireScope(ctx).projectId, sessionId: args.id } }),
  }),
  person: t.prismaField({
    type: 'Person',
    nullable: true,
    description: 'A person by the client’s person id.',
    authScopes: { tenant: true },
    args: { id: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.person.findFirst({ ...query, where: { projectId: requireScope(ctx).projectId, personId: args.id } }),
  }),
  agent: t.prismaField({
    type: 'Agent',
    nullable: true,
    authScopes: { tenant: true },
    args: { name: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.agent.findFirst({ ...query, where: { projectId: requireScope(ctx).projectId, name: args.name } }),
  }),
  agents: t.prismaField({
    type: ['Agent'],
    description: 'The agents of the caller’s project (or tenant), by number.',
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.agent.findMany({ ...query, where: { projectId: requireScope(ctx).projectId }, orderBy: { number: 'asc' } }),
  }),
  telemetryUsage: t.field({
    type: [UsageGroup],
    description: 'Count, tokens, cost, error rate and latency percentiles per group, largest groups first; no groupBy: one group of all.',
    authScopes: { tenant: true },
    args: {
      groupBy: t.arg({ type: [UsageDimension], defaultValue: [] }),
      filter: t.arg({ type: LlmEventFilter }),
    },
    resolve: (_root, args, ctx) => telemetry.telemetryUsage(ctx, args.groupBy ?? [], args.filter ?? {}),
  }),
}));

builder.mutationFields((t) => ({
  createFingerprint: t.field({
    type: CreateFingerprintPayload,
    authScopes: { tenant: true },
    args: { input: t.arg({ type: FingerprintInput, required: true }) },
    resolve: (_root, args, ctx) => telemetry.createFingerprint(ctx, args.input),
  }),
  createPerson: t.prismaField({
    type: 'Person',
    authScopes: { tenant: true },
    args: { personId: t.arg.string({ required: true }), properties: t.arg({ type: 'JSONObject' }) },
    resolve: (_query, _root, args, ctx) => telemetry.createPerson(ctx, args),
  }),
  updatePerson: t.prismaField({
    type: 'Person',
    authScopes: { tenant: true },
    args: {
      personId: t.arg.string({ required: true }),
      properties: t.arg({ type: 'JSONObject', required: true }),
      mode: t.arg({ type: PersonUpdateMode, defaultValue: 'replace' }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.updatePerson(ctx, args.personId, { properties: args.properties }, args.mode ?? 'replace'),
  }),
  createAgent: t.prismaField({
    type: 'Agent',
    authScopes: { tenant: true },
    args: { name: t.arg.string({ required: true }), description: t.arg.string() },
    resolve: (_query, _root, args, ctx) => telemetry.createAgent(ctx, args),
  }),
  updateAgent: t.prismaField({
    type: 'Agent',
    authScopes: { tenant: true },
    args: { name: t.arg.string({ required: true }), changes: t.arg({ type: AgentChanges, required: true }) },
    resolve: (_query, _root, args, ctx) => telemetry.updateAgent(ctx, args.name, args.changes),
  }),
  createAgentVersion: t.prismaField({
    type: 'AgentVersion',
    authScopes: { tenant: true },
    args: {
      agentName: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      description: t.arg.string(),
      deprecatedAt: t.arg({ type: 'DateTime' }),
      runConfig: t.arg({ type: RunConfigInput, description: 'How executions run the version; none: the echo script.' }),
    },
    resolve: (_query, _root, { agentName, ...input }, ctx) => telemetry.createAgentVersion(ctx, agentName, input),
  }),
  updateAgentVersion: t.prismaField({
    type: 'AgentVersion',
    authScopes: { tenant: true },
    args: {
      agentName: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      changes: t.arg({ type: AgentChanges, required: true }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.updateAgentVersion(ctx, args.agentName, args.name, args.changes),
  }),
  createLlmEvent: t.prismaField({
    type: 'LlmEvent',
    authScopes: { tenant: true },
    args: { input: t.arg({ type: CreateLlmEventInput, required: true }) },
    resolve: (_query, _root, args, ctx) => telemetry.recordLlmEvent(ctx, args.input),
  }),
  createLlmEvents: t.prismaField({
    type: ['LlmEvent'],
    description: `Records up to ${telemetry.MAX_BATCH} events in one transaction; the results are in input order.`,
    authScopes: { tenant: true },
    args: { inputs: t.arg({ type: [CreateLlmEventInput], required: true }) },
    resolve: (_query, _root, args, ctx) => telemetry.recordLlmEvents(ctx, args.inputs),
  }),
}));

builder.subscriptionFields((t) => ({
  llmEventRecorded: t.prismaField({
    type: 'LlmEvent',
    description: "Each new LLM event of the caller's tenant, recorded on any server instance.",
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: LlmEventFilter }) },
    subscribe: (_root, args, ctx) => {
      const stream = ctx.services.bus.subscribe('llmEventRecorded', requireScope(ctx), ctx.services.shutdownSignal);
      const filter = args.filter ?? {};
      if (!Object.values(filter).some((value) => value !== null && value !== undefined)) return stream;
      // The filter names related rows (agent, person...): the database answers it with the very
      // condition llmEvents uses, so both mean the same.
      const where = telemetry.llmEventWhere(filter);
      return pipe(
        stream,
        filterStream(async (event: LlmEvent) => (await ctx.db.llmEvent.count({ where: { AND: [where, { id: event.id }] } })) > 0),
      );
    },
    resolve: (_query, event) => event,
  }),
}));
