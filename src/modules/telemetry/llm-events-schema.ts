import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { LlmEvent, Prisma } from '../../generated/prisma/client.ts';
import { loaderName } from '../../db/loaders.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, pageWithCount } from '../../schema/connections.ts';
import { llmEventWhere } from './ingest.ts';
import type { LlmToolCall } from './providers.ts';

// LLM events and what they belong to (fingerprints, persons, sessions): their types, reads and
// live updates.

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

builder.prismaObjectFields('Agent', (t) => ({
  llmEvents: t.relatedConnection('llmEvents', {
    cursor: 'seq',
    totalCount: true,
    query: { orderBy: { seq: 'desc' } },
  }),
}));

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

export const LlmEventFilter = builder.inputType('LlmEventFilter', {
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

builder.queryFields((t) => ({
  llmEvents: t.prismaConnection(
    {
      type: 'LlmEvent',
      cursor: 'seq',
      description: 'LLM events, newest first.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: LlmEventFilter, description: 'Which events to include.' }) },
      ...pageWithCount(
        (args: { filter?: Parameters<typeof llmEventWhere>[0] | null }, ctx) =>
          ctx.db.llmEvent.count({ where: llmEventWhere(args.filter ?? {}) }),
        (query: Prisma.LlmEventFindManyArgs, args, ctx) =>
          ctx.db.llmEvent.findMany({
            ...query,
            where: llmEventWhere(args.filter ?? {}),
            orderBy: { seq: 'desc' },
          }),
      ),
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
}));

builder.subscriptionFields((t) => ({
  llmEventRecorded: t.prismaField({
    type: 'LlmEvent',
    description: "Each new LLM event of the caller's tenant, recorded on any server instance.",
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: LlmEventFilter, description: 'Which events to receive.' }) },
    subscribe: (_root, args, ctx) => {
      const stream = ctx.services.bus.subscribe(
        'llm_event.recorded',
        requireScope(ctx),
        ctx.services.shutdownSignal,
      );
      const filter = args.filter ?? {};
      if (!Object.values(filter).some((value) => value !== null && value !== undefined))
        return stream;
      // The filter names related rows (agent, person...): the database answers it with the very
      // condition llmEvents uses, so both mean the same.
      const where = llmEventWhere(filter);
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
