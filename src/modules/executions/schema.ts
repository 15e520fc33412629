import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { Execution } from '../../generated/prisma/client.ts';
import { matchesWhere } from '../../db/filters.ts';
import { scopeFilter } from '../../db/scoped.ts';
import { AppError } from '../../errors.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, sequenceIn } from '../../schema/connections.ts';
import { followJournal, type JournalEntry, type JournalType } from './journal.ts';
import * as executions from './service.ts';

const ExecutionStatus = builder.enumType('ExecutionStatus', {
  values: {
    QUEUED: { value: 'queued' },
    RUNNING: { value: 'running' },
    SUSPENDED: { value: 'suspended', description: 'Waiting for a tool call approval.' },
    COMPLETED: { value: 'completed' },
    FAILED: { value: 'failed' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});

const ToolCallStatus = builder.enumType('ExecutionToolCallStatus', {
  values: {
    PENDING_APPROVAL: { value: 'pending_approval' },
    READY: { value: 'ready', description: 'Approved, denied, or needing no approval; runs next.' },
    COMPLETED: { value: 'completed' },
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
    status: t.field({ type: ToolCallStatus, resolve: (call) => call.status as 'pending_approval' | 'ready' | 'completed' }),
    approved: t.exposeBoolean('approved', { nullable: true, description: 'The decision, for a tool that requires approval.' }),
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
    id: t.exposeID('id'),
    status: t.field({ type: ExecutionStatus, resolve: (execution) => execution.status as executions.ExecutionFilter['status'] & string }),
    agent: t.relation('agent'),
    agentVersion: t.relation('agentVersion'),
    conversation: t.relation('conversation'),
    input: t.expose('input', { type: 'JSON', description: 'The messages the run started with.' }),
    error: t.exposeString('error', { nullable: true }),
    correlationId: t.exposeString('correlationId', { description: 'Shared by the audit events of the run.' }),
    claims: t.exposeInt('claims', { description: 'How often a worker took the run up: more than one after a crash or restart.' }),
    journalLength: t.exposeInt('journalLength', { description: 'The sequence number of the last streamed event.' }),
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
    messages: t.relatedConnection('messages', { cursor: 'seq', totalCount: true, query: { orderBy: { seq: 'asc' } } }),
    executions: t.relatedConnection('executions', { cursor: 'seq', totalCount: true, query: { orderBy: { seq: 'asc' } } }),
  }),
});

type StreamEvent = Omit<JournalEntry, 'tenantId' | 'projectId'>;
// The journal's data is written by the runner with these keys; each field states its GraphQL type.
const data = <T = any>(event: StreamEvent, key: string) => event.data[key] as T;

/** One member of the stream union per journal type: seq, createdAt and the type's own fields. */
const streamEventTypes = {
  text_delta: builder.objectRef<StreamEvent>('ExecutionTextDelta').implement({
    fields: (t) => ({
      step: t.int({ resolve: (event) => data(event, 'step') }),
      text: t.string({ resolve: (event) => data(event, 'text') }),
    }),
  }),
  tool_call: builder.objectRef<StreamEvent>('ExecutionToolCallRequested').implement({
    fields: (t) => ({
      step: t.int({ resolve: (event) => data(event, 'step') }),
      toolCallId: t.string({ resolve: (event) => data(event, 'toolCallId') }),
      name: t.string({ resolve: (event) => data(event, 'name') }),
      arguments: t.field({ type: 'JSON', resolve: (event) => data(event, 'arguments') }),
    }),
  }),
  approval_requested: builder.objectRef<StreamEvent>('ExecutionApprovalRequested').implement({
    fields: (t) => ({
      toolCallId: t.string({ resolve: (event) => data(event, 'toolCallId') }),
      name: t.string({ resolve: (event) => data(event, 'name') }),
      arguments: t.field({ type: 'JSON', resolve: (event) => data(event, 'arguments') }),
      expiresAt: t.field({ type: 'DateTime', resolve: (event) => new Date(data<string>(event, 'expiresAt')) }),
    }),
  }),
  approval_decided: builder.objectRef<StreamEvent>('ExecutionApprovalDecided').implement({
    fields: (t) => ({
      toolCallId: t.string({ resolve: (event) => data(event, 'toolCallId') }),
      approved: t.boolean({ resolve: (event) => data(event, 'approved') }),
      reason: t.string({ nullable: true, resolve: (event) => data(event, 'reason') }),
      expired: t.boolean({ resolve: (event) => data(event, 'expired') }),
    }),
  }),
  tool_result: builder.objectRef<StreamEvent>('ExecutionToolResult').implement({
    fields: (t) => ({
      toolCallId: t.string({ resolve: (event) => data(event, 'toolCallId') }),
      name: t.string({ resolve: (event) => data(event, 'name') }),
      result: t.field({ type: 'JSON', nullable: true, resolve: (event) => data(event, 'result') }),
      isError: t.boolean({ resolve: (event) => data(event, 'isError') }),
    }),
  }),
  step_restarted: builder.objectRef<StreamEvent>('ExecutionStepRestarted').implement({
    description: 'A model call was interrupted (its worker died) and starts again: drop the step’s partial text.',
    fields: (t) => ({ step: t.int({ resolve: (event) => data(event, 'step') }) }),
  }),
  status_changed: builder.objectRef<StreamEvent>('ExecutionStatusChanged').implement({
    fields: (t) => ({ status: t.field({ type: ExecutionStatus, resolve: (event) => data(event, 'status') }) }),
  }),
  error: builder.objectRef<StreamEvent>('ExecutionErrorOccurred').implement({
    fields: (t) => ({ message: t.string({ resolve: (event) => data(event, 'message') }) }),
  }),
  finished: builder.objectRef<StreamEvent>('ExecutionFinished').implement({
    description: 'The last event of a run.',
    fields: (t) => ({ status: t.field({ type: ExecutionStatus, resolve: (event) => data(event, 'status') }) }),
  }),
} satisfies Record<JournalType, unknown>;

for (const ref of Object.values(streamEventTypes)) {
  builder.objectFields(ref, (t) => ({
    seq: t.int({ description: 'Position in the execution’s journal: 1, 2, 3...', resolve: (event) => event.seq }),
    createdAt: t.field({ type: 'DateTime', resolve: (event) => event.createdAt }),
  }));
}

const ExecutionStreamEvent = builder.unionType('ExecutionStreamEvent', {
  types: Object.values(streamEventTypes),
  resolveType: (event) => streamEventTypes[event.type],
});

const MessageInput = builder.inputType('ExecutionMessageInput', {
  fields: (t) => ({ role: t.string({ required: true, description: '`system`, `user` or `assistant`.' }), content: t.string({ required: true }) }),
});

const CreateExecutionInput = builder.inputType('CreateExecutionInput', {
  fields: (t) => ({
    agentId: t.id({ description: 'Default: the default agent.' }),
    agentVersion: t.string({ description: 'Version name. Default: the agent’s newest undeprecated version.' }),
    conversationId: t.string({ description: 'Continues that conversation (created when new). Default: a new one.' }),
    messages: t.field({ type: [MessageInput], required: true }),
    forwardedHeaders: t.field({ type: 'JSONObject', description: 'Headers for tool endpoints; only those on the agent’s allowlist are kept.' }),
  }),
});

const ExecutionFilter = builder.inputType('ExecutionFilter', {
  fields: (t) => ({ status: t.field({ type: ExecutionStatus }), agentId: t.id(), conversationId: t.string() }),
});
const filterOf = (filter?: { status?: string | null; agentId?: string | number | null; conversationId?: string | null } | null) =>
  executions.executionWhere({ ...filter, status: filter?.status as executions.ExecutionFilter['status'], agentId: filter?.agentId?.toString() });

const ApprovalPayload = builder.objectRef<{ success: true; executionId: string }>('ApproveToolCallPayload').implement({
  fields: (t) => ({
    success: t.exposeBoolean('success'),
    execution: t.prismaField({ type: 'Execution', resolve: (query, payload, _args, ctx) => ctx.db.execution.findUniqueOrThrow({ ...query, where: { id: payload.executionId } }) }),
  }),
});

builder.queryFields((t) => ({
  execution: t.prismaField({
    type: 'Execution',
    nullable: true,
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.execution.findUnique({ ...query, where: { id: args.id.toString() } }),
  }),
  executions: t.prismaConnection(
    {
      type: 'Execution',
      cursor: 'seq',
      description: 'Executions, newest first.',
      authScopes: { tenant: true },
      args: { filter: t.arg({ type: ExecutionFilter }) },
      totalCount: (_connection, args, ctx) => ctx.db.execution.count({ where: filterOf(args.filter) }),
      resolve: (query, _root, args, ctx) => ctx.db.execution.findMany({ ...query, where: filterOf(args.filter), orderBy: { seq: 'desc' } }),
    },
    ExecutionConnection,
  ),
  conversation: t.prismaField({
    type: 'Conversation',
    nullable: true,
    description: 'A conversation by its id, with its messages and executions.',
    authScopes: { tenant: true },
    args: { id: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.conversation.findFirst({ ...query, where: { projectId: requireScope(ctx).projectId, conversationId: args.id } }),
  }),
}));

builder.mutationFields((t) => ({
  createExecution: t.prismaField({
    type: 'Execution',
    description: 'Queues a run and returns it at once; follow it with the executionEvents subscription.',
    authScopes: { tenant: true },
    args: { input: t.arg({ type: CreateExecutionInput, required: true }) },
    resolve: (_query, _root, args, ctx) => executions.createExecution(ctx, { ...args.input, agentId: args.input.agentId?.toString() }),
  }),
  approveToolCall: t.field({
    type: ApprovalPayload,
    description: 'Approves or denies a tool call waiting for approval. The same decision again succeeds; a contrary one is a CONFLICT.',
    authScopes: { tenant: true },
    args: {
      executionId: t.arg.id({ required: true }),
      toolCallId: t.arg.string({ required: true }),
      approved: t.arg.boolean({ required: true }),
      reason: t.arg.string({ description: 'A denial’s reason reaches the model as the tool’s result.' }),
    },
    resolve: async (_root, args, ctx) => {
      const executionId = args.executionId.toString();
      await executions.approveToolCall(ctx, { ...args, executionId });
      return { success: true as const, executionId };
    },
  }),
  cancelExecution: t.prismaField({
    type: 'Execution',
    description: 'Stops a run at any status; an ended run is returned as it is.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_query, _root, args, ctx) => executions.cancelExecution(ctx, args.id.toString()),
  }),
}));

builder.subscriptionFields((t) => ({
  executionEvents: t.field({
    type: ExecutionStreamEvent,
    description: 'The journal after `after` (default 0: all of it), then each new event, on any instance; completes when the run ends.',
    authScopes: { tenant: true },
    args: { executionId: t.arg.id({ required: true }), after: t.arg.int({ defaultValue: 0 }) },
    subscribe: async (_root, args, ctx) => {
      if (args.after != null && args.after < 0) throw new AppError('BAD_USER_INPUT', 'Argument "after" must be a non-negative integer');
      const execution = await executions.getExecution(ctx, args.executionId.toString());
      return followJournal(ctx.db, ctx.services.bus, requireScope(ctx), execution.id, args.after ?? 0, ctx.services.shutdownSignal);
    },
    resolve: (event) => event as StreamEvent,
  }),
  executionUpdated: t.prismaField({
    type: 'Execution',
    description: 'Executions of the caller’s tenant as their status changes, on any instance.',
    authScopes: { tenant: true },
    args: { filter: t.arg({ type: ExecutionFilter }) },
    subscribe: (_root, args, ctx) => {
      const { conversation: _conversation, ...where } = filterOf(args.filter);
      const conversationId = args.filter?.conversationId;
      return pipe(
        ctx.services.bus.subscribe('executionUpdated', requireScope(ctx), ctx.services.shutdownSignal),
        filterStream(async (execution: Execution) =>
          matchesWhere(execution, where) &&
          (!conversationId || (await ctx.db.conversation.count({ where: { id: execution.conversationRef, conversationId } })) > 0),
        ),
      );
    },
    resolve: (_query, execution) => execution,
  }),
}));
