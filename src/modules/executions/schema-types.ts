import type { ExecutionStatus as ExecutionStatusValue } from '../../generated/prisma/enums.ts';
import { requireScope } from '../../auth/require.ts';
import { scopeFilter } from '../../db/scoped.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, sequenceIn } from '../../schema/connections.ts';
import { executionWhere } from './service.ts';

export const ExecutionStatus = builder.enumType('ExecutionStatus', {
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
      resolve: (call) => call.status,
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
      resolve: (execution) => execution.status,
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
export const ExecutionConnection = countedConnection(ExecutionRef, 'ExecutionConnection');

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

export const ExecutionFilter = builder.inputType('ExecutionFilter', {
  description: 'Which executions to include; absent fields do not filter.',
  fields: (t) => ({
    status: t.field({ type: ExecutionStatus, description: 'Only executions with this status.' }),
    agentId: t.id({ description: 'Only executions of this agent.' }),
    conversationId: t.string({ description: 'Only executions over this conversation.' }),
  }),
});
export const filterOf = (
  filter?: {
    status?: string | null;
    agentId?: string | number | null;
    conversationId?: string | null;
  } | null,
) =>
  executionWhere({
    ...filter,
    status: filter?.status as ExecutionStatusValue | null | undefined,
    agentId: filter?.agentId?.toString(),
  });
