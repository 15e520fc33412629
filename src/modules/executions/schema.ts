import type { RequestContext } from '../../kernel/context.ts';
import { loaderName, selectsRelations, withColumns } from '../../db/loaders.ts';
import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { Execution } from '../../generated/prisma/client.ts';
import { matchesWhere } from '../../db/filters.ts';
import { scopeFilter } from '../../db/scoped.ts';
import { AppError } from '../../kernel/errors.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, sequenceIn } from '../../schema/connections.ts';
import { followJournal, type JournalEntry, type JournalType } from './journal.ts';
import { approveToolCall } from './approvals.ts';
import * as executions from './service.ts';

const ExecutionStatus = builder.enumType('ExecutionStatus', {
  description: 'Where an execution is in its run.',
  values: {
    QUEUED: { value: 'queued', description: 'Waiting for a worker.' },
    RUNNING: { value: 'running', description: 'A worker runs it.' },
    SUSPENDED: { value: 'suspended', description: 'Waiting for a tool call approval.' },
    COMPLETED: {
      value: 'completed',
      description: 'Finished: the model answered without further tool calls.',
    },
    FAILED: { value: 'failed', description: 'Stopped by an error (see `error`).' },
    CANCELLED: { value: 'cancelled', description: 'Stopped by cancelExecution.' },
  } as const,
});

const ToolCallStatus = builder.enumType('ExecutionToolCallStatus', {
  description: 'Where a tool call is.',
  values: {
    PENDING_APPROVAL: { value: 'pending_approval', description: 'Waiting for approveToolCall.' },
    READY: { value: 'ready', description: 'Approved, denied, or needing no approval; runs next.' },
    COMPLETED: { value: 'completed', description: 'Ran (or was denied); its result is stored.' },
  } as const,
});

builder.prismaNode('ExecutionToolCall', {
  id: { field: 'id' },
  // Tool calls carry no tenant column: a node lookup is confined through their execution.
  findUnique: (id, ctx) => ({ id, execution: scopeFilter('Execution', requireScope(ctx)) }),
  nullable: true,
  fields: (t) => ({
    toolCallId: t.exposeString('toolCallId'),
    name: t.exposeString('name'),
    arguments: t.expose('arguments', { type: 'JSON' }),
    status: t.field({
      type: ToolCallStatus,
      description: 'Where the call is.',
      resolve: (call) => call.status as 'pending_approval' | 'ready' | 'completed',
    }),
    approved: t.exposeBoolean('approved', {
      nullable: true,
      description: 'The decision, for a tool that requires approval.',
    }),
    expired: t.exposeBoolean('expired'),
    reason: t.exposeString('reason', { nullable: true }),
    result: t.expose('result', { type: 'JSON', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
  }),
});

const ExecutionRef = builder.prismaNode('Execution', {
  id: { field: 'id' },
  nullable: true,
  description: 'A durable run of an agent version over a conversation (reference 001).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Generated when the execution is created.' }),
    status: t.field({
      type: ExecutionStatus,
      description: 'Where the run is.',
      resolve: (execution) => execution.status as executions.ExecutionFilter['status'] & string,
    }),
    agent: t.relation('agent'),
    agentVersion: t.relation('agentVersion'),
    conversation: t.relation('conversation'),
    input: t.expose('input', { type: 'JSON', description: 'The messages the run started with.' }),
    error: t.exposeString('error', { nullable: true }),
    correlationId: t.exposeString('correlationId', {
      description: 'Shared by the audit events of the run.',
    }),
    claims: t.exposeInt('claims', {
      description: 'How often a worker took the run up: more than one after a crash or restart.',
    }),
    journalLength: t.exposeInt('journalLength', {
      description: 'The sequence number of the last streamed event.',
    }),
    toolCalls: t.relation('toolCalls', { query: { orderBy: { createdAt: 'asc' } } }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true }),
  }),
});
const ExecutionConnection = countedConnection(ExecutionRef, 'ExecutionConnection');

builder.prismaNode('ConversationMessage', {
  id: { field: 'seq' },
  findUnique: sequenceIn,
  nullable: true,
  fields: (t) => ({
    role: t.exposeString('role', { description: '`system`, `user`, `assistant` or `tool`.' }),
    content: t.exposeString('content'),
    toolCalls: t.expose('toolCalls', { type: 'JSON', nullable: true }),
    toolCallId: t.exposeString('toolCallId', { nullable: true }),
    executionId: t.exposeString('executionId', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaNode('Conversation', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    conversationId: t.exposeString('conversationId'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    messages: t.relatedConnection('messages', {
      cursor: 'seq',
      totalCount: true,
      query: { orderBy: { seq: 'asc' } },
    }),
    executions: t.relatedConnection('executions', {
      cursor: 'seq',
      totalCount: true,
      query: { orderBy: { seq: 'asc' } },
    }),
  }),
});

type StreamEvent = Omit<JournalEntry, 'tenantId' | 'projectId'>;
// The journal's data is written by the runner with these keys; each field states its GraphQL type.
const data = <T = any>(event: StreamEvent, key: string) => event.data[key] as T;

/** One member of the stream union per journal type: seq, createdAt and the type's own fields. */
const streamEventTypes = {
  text_delta: builder.objectRef<StreamEvent>('ExecutionTextDelta').implement({
    description: 'A piece of the model’s text, as it streams.',
    fields: (t) => ({
      step: t.int({
        description: 'The model call it belongs to: 1, 2, 3...',
        resolve: (event) => data(event, 'step'),
      }),
      text: t.string({
        description: 'The new text, to append to the step’s.',
        resolve: (event) => data(event, 'text'),
      }),
    }),
  }),
  tool_call: builder.objectRef<StreamEvent>('ExecutionToolCallRequested').implement({
    description: 'The model called a tool.',
    fields: (t) => ({
      step: t.int({
        description: 'The model call that made it: 1, 2, 3...',
        resolve: (event) => data(event, 'step'),
      }),
      toolCallId: t.string({
        description: 'The model’s id for the call.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      name: t.string({ description: 'The tool called.', resolve: (event) => data(event, 'name') }),
      arguments: t.field({
        type: 'JSON',
        description: 'The arguments the model passed (free-form).',
        resolve: (event) => data(event, 'arguments'),
      }),
    }),
  }),
  approval_requested: builder.objectRef<StreamEvent>('ExecutionApprovalRequested').implement({
    description: 'A tool call waits for approveToolCall; the run is suspended.',
    fields: (t) => ({
      toolCallId: t.string({
        description: 'The call to approve or deny.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      name: t.string({ description: 'The tool called.', resolve: (event) => data(event, 'name') }),
      arguments: t.field({
        type: 'JSON',
        description: 'The arguments the model passed (free-form).',
        resolve: (event) => data(event, 'arguments'),
      }),
      expiresAt: t.field({
        type: 'DateTime',
        description: 'When an unanswered request counts as a denial.',
        resolve: (event) => new Date(data<string>(event, 'expiresAt')),
      }),
    }),
  }),
  approval_decided: builder.objectRef<StreamEvent>('ExecutionApprovalDecided').implement({
    description: 'A tool call was approved or denied (or its request expired).',
    fields: (t) => ({
      toolCallId: t.string({
        description: 'The call decided.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      approved: t.boolean({
        description: 'Whether the call may run.',
        resolve: (event) => data(event, 'approved'),
      }),
      reason: t.string({
        nullable: true,
        description: 'The reason given with the decision.',
        resolve: (event) => data(event, 'reason'),
      }),
      expired: t.boolean({
        description: 'Whether the request expired (a denial).',
        resolve: (event) => data(event, 'expired'),
      }),
    }),
  }),
  tool_result: builder.objectRef<StreamEvent>('ExecutionToolResult').implement({
    description: 'A tool call’s result, which the model reads next.',
    fields: (t) => ({
      toolCallId: t.string({
        description: 'The call answered.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      name: t.string({ description: 'The tool called.', resolve: (event) => data(event, 'name') }),
      result: t.field({
        type: 'JSON',
        nullable: true,
        description: 'What the tool answered (free-form).',
        resolve: (event) => data(event, 'result'),
      }),
      isError: t.boolean({
        description: 'Whether the tool failed (the result then describes the failure).',
        resolve: (event) => data(event, 'isError'),
      }),
    }),
  }),
  step_restarted: builder.objectRef<StreamEvent>('ExecutionStepRestarted').implement({
    description:
      'A model call was interrupted (its worker died) and starts again: drop the step’s partial text.',
    fields: (t) => ({
      step: t.int({
        description: 'The model call that starts again.',
        resolve: (event) => data(event, 'step'),
      }),
    }),
  }),
  status_changed: builder.objectRef<StreamEvent>('ExecutionStatusChanged').implement({
    description: 'The run’s status changed.',
    fields: (t) => ({
      status: t.field({
        type: ExecutionStatus,
        description: 'The new status.',
        resolve: (event) => data(event, 'status'),
      }),
    }),
  }),
  error: builder.objectRef<StreamEvent>('ExecutionErrorOccurred').implement({
    description: 'The run failed.',
    fields: (t) => ({
      message: t.string({
        description: 'What went wrong.',
        resolve: (event) => data(event, 'message'),
      }),
    }),
  }),
  finished: builder.objectRef<StreamEvent>('ExecutionFinished').implement({
    description: 'The last event of a run.',
    fields: (t) => ({
      status: t.field({
        type: ExecutionStatus,
        description: 'How the run ended.',
        resolve: (event) => data(event, 'status'),
      }),
    }),
  }),
} satisfies Record<JournalType, unknown>;

for (const ref of Object.values(streamEventTypes)) {
  builder.objectFields(ref, (t) => ({
    seq: t.int({
      description: 'Position in the execution’s journal: 1, 2, 3...',
      resolve: (event) => event.seq,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the event was journaled.',
      resolve: (event) => event.createdAt,
    }),
  }));
}

const ExecutionStreamEvent = builder.unionType('ExecutionStreamEvent', {
  description: 'One entry of an execution’s journal.',
  types: Object.values(streamEventTypes),
  resolveType: (event) => streamEventTypes[event.type],
});

const MessageInput = builder.inputType('ExecutionMessageInput', {
  description: 'A message a run starts with.',
  fields: (t) => ({
    role: t.string({ required: true, description: '`system`, `user` or `assistant`.' }),
    content: t.string({ required: true, description: 'The text.' }),
  }),
});

const CreateExecutionInput = builder.inputType('CreateExecutionInput', {
  description: 'What to run: an agent version over a conversation, with new messages.',
  fields: (t) => ({
    agentId: t.id({ description: 'Default: the default agent.' }),
    agentVersion: t.string({
      description: 'Version name. Default: the agent’s newest undeprecated version.',
    }),
    conversationId: t.string({
      description: 'Continues that conversation (created when new). Default: a new one.',
    }),
    messages: t.field({
      type: [MessageInput],
      required: true,
      description: 'Appended to the conversation before the run (at least one).',
    }),
    forwardedHeaders: t.field({
      type: 'JSONObject',
      description: 'Headers for tool endpoints; only those on the agent’s allowlist are kept.',
    }),
  }),
});

const ExecutionFilter = builder.inputType('ExecutionFilter', {
  description: 'Which executions to include; absent fields do not filter.',
  fields: (t) => ({
    status: t.field({ type: ExecutionStatus, description: 'Only executions with this status.' }),
    agentId: t.id({ description: 'Only executions of this agent.' }),
    conversationId: t.string({ description: 'Only executions over this conversation.' }),
  }),
});
const filterOf = (
  filter?: {
    status?: string | null;
    agentId?: string | number | null;
    conversationId?: string | null;
  } | null,
) =>
  executions.executionWhere({
    ...filter,
    status: filter?.status as executions.ExecutionFilter['status'],
    agentId: filter?.agentId?.toString(),
  });

const ApprovalPayload = builder
  .objectRef<{ success: true; executionId: string }>('ApproveToolCallPayload')
  .implement({
    description: 'The result of approveToolCall.',
    fields: (t) => ({
      success: t.exposeBoolean('success', { description: 'Always true: a refusal is an error.' }),
      execution: t.prismaField({
        type: 'Execution',
        description: 'The execution, requeued when the decision let it go on.',
        resolve: (query, payload, _args, ctx) =>
          ctx.db.execution.findUniqueOrThrow({ ...query, where: { id: payload.executionId } }),
      }),
    }),
  });

builder.queryFields((t) => ({
  execution: t.prismaField({
    type: 'Execution',
    nullable: true,
    description: 'An execution by id; null when the caller cannot see it.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true, description: 'The execution’s id.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.execution.findUnique({ ...query, where: { id: args.id.toString() } }),
  }),
  executions: t.prismaConnection(
    {
      type: 'Execution',
      cursor: 'seq',
      description: 'Executions, newest first.',
      authScopes: { tenant: true },
      args: {
        filter: t.arg({ type: ExecutionFilter, description: 'Which executions to include.' }),
      },
      totalCount: (_connection, args, ctx) =>
        ctx.db.execution.count({ where: filterOf(args.filter) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.execution.findMany({
          ...query,
          where: filterOf(args.filter),
          orderBy: { seq: 'desc' },
        }),
    },
    ExecutionConnection,
  ),
  conversation: t.prismaField({
    type: 'Conversation',
    nullable: true,
    description: 'A conversation by its id, with its messages and executions.',
    authScopes: { tenant: true },
    args: {
      id: t.arg.string({ required: true, description: 'The conversation’s id (conversationId).' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.conversation.findFirst({
        ...query,
        where: { projectId: requireScope(ctx).projectId, conversationId: args.id },
      }),
  }),
}));

builder.mutationFields((t) => ({
  createExecution: t.prismaField({
    type: 'Execution',
    description:
      'Queues a run and returns it at once; follow it with the executionEvents subscription.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({ type: CreateExecutionInput, required: true, description: 'What to run.' }),
    },
    resolve: (_query, _root, args, ctx) =>
      executions.createExecution(ctx, { ...args.input, agentId: args.input.agentId?.toString() }),
  }),
  approveToolCall: t.field({
    type: ApprovalPayload,
    description:
      'Approves or denies a tool call waiting for approval. The same decision again succeeds; a contrary one is a CONFLICT.',
    authScopes: { tenant: true },
    args: {
      executionId: t.arg.id({ required: true, description: 'The suspended execution.' }),
      toolCallId: t.arg.string({ required: true, description: 'The call waiting for a decision.' }),
      approved: t.arg.boolean({
        required: true,
        description: 'True lets the tool run; false denies it.',
      }),
      reason: t.arg.string({
        description: 'A denial’s reason reaches the model as the tool’s result.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const executionId = args.executionId.toString();
      await approveToolCall(ctx, { ...args, executionId });
      return { success: true as const, executionId };
    },
  }),
  cancelExecution: t.prismaField({
    type: 'Execution',
    description: 'Stops a run at any status; an ended run is returned as it is.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true, description: 'The execution to stop.' }) },
    resolve: (_query, _root, args, ctx) => executions.cancelExecution(ctx, args.id.toString()),
  }),
}));

/** An execution's conversation id, read once per event for all its subscribers (the payload is in their scope already). */
const conversationOf = (ctx: RequestContext, conversationRef: string) =>
  ctx.services.subscriptionLoaders.load(
    'conversationIdOf',
    conversationRef,
    (ids) =>
      ctx.services.prisma.conversation.findMany({
        where: { id: { in: ids } },
        select: { id: true, conversationId: true },
      }),
    (conversation) => conversation.id,
  );

builder.subscriptionFields((t) => ({
  executionEvents: t.field({
    type: ExecutionStreamEvent,
    description:
      'The journal after `after` (default 0: all of it), then each new event, on any instance; completes when the run ends.',
    authScopes: { tenant: true },
    args: {
      executionId: t.arg.id({ required: true, description: 'The execution to follow.' }),
      after: t.arg.int({
        defaultValue: 0,
        description: 'The last seq the client has; the stream starts after it.',
      }),
    },
    subscribe: async (_root, args, ctx) => {
      if (args.after != null && args.after < 0)
        throw new AppError('BAD_USER_INPUT', 'Argument "after" must be a non-negative integer');
      const execution = await executions.getExecution(ctx, args.executionId.toString());
      return followJournal(
        ctx.db,
        ctx.services.bus,
        requireScope(ctx),
        execution.id,
        args.after ?? 0,
        ctx.services.shutdownSignal,
      );
    },
    resolve: (event) => event as StreamEvent,
  }),
  executionUpdated: t.prismaField({
    type: 'Execution',
    description: 'Executions of the caller’s tenant as their status changes, on any instance.',
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: ExecutionFilter, description: 'Which executions to follow.' }) },
    subscribe: (_root, args, ctx) => {
      const { conversation: _conversation, ...where } = filterOf(args.filter);
      const conversationId = args.filter?.conversationId;
      return pipe(
        ctx.services.bus.subscribe(
          'executionUpdated',
          requireScope(ctx),
          ctx.services.shutdownSignal,
        ),
        filterStream(
          async (execution: Execution) =>
            matchesWhere(execution, where) &&
            (!conversationId ||
              (await conversationOf(ctx, execution.conversationRef))?.conversationId ===
                conversationId),
        ),
      );
    },
    // Relations are read once per event for every subscriber asking the same selection, not per
    // subscriber (the payload is in their scope already).
    resolve: async (query, execution, _args, ctx) =>
      selectsRelations(query)
        ? ((await ctx.services.subscriptionLoaders.load(
            loaderName('executionUpdated', query),
            execution.id,
            (ids) =>
              ctx.services.prisma.execution.findMany({
                ...withColumns(query, 'id'),
                where: { id: { in: ids } },
              }),
            (row) => row.id,
          )) ?? execution)
        : execution,
  }),
}));
