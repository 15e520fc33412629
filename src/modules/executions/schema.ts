import type { RequestContext } from '../../kernel/context.ts';
import { loaderName, selectsRelations, withColumns } from '../../db/loaders.ts';
import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { Execution, Prisma } from '../../generated/prisma/client.ts';
import { matchesWhere } from '../../db/filters.ts';
import { AppError } from '../../kernel/errors.ts';
import { builder } from '../../schema/builder.ts';
import { pageWithCount } from '../../schema/connections.ts';
import { followJournal } from './journal.ts';
import { approveToolCall } from './approvals.ts';
import { ExecutionStreamEvent, type StreamEvent } from './schema-stream.ts';
import { ExecutionConnection, ExecutionFilter, filterOf } from './schema-types.ts';
import * as executions from './service.ts';

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
      ...pageWithCount(
        (args: { filter?: Parameters<typeof filterOf>[0] }, ctx) =>
          ctx.db.execution.count({ where: filterOf(args.filter) }),
        (query: Prisma.ExecutionFindManyArgs, args, ctx) =>
          ctx.db.execution.findMany({
            ...query,
            where: filterOf(args.filter),
            orderBy: { seq: 'desc' },
          }),
      ),
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
        ctx.services.query,
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
