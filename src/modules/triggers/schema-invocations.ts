import { filter as filterStream, pipe } from 'graphql-yoga';
import { requireScope } from '../../auth/require.ts';
import type { TriggerInvocation } from '../../generated/prisma/client.ts';
import { builder } from '../../schema/builder.ts';
import { loadConversation, loadExecution } from '../executions/lookups.ts';
import * as triggers from './service.ts';

export const InvocationStatus = builder.enumType('TriggerInvocationStatus', {
  description: 'Where an invocation is.',
  values: {
    PENDING: { value: 'pending', description: 'Accepted; its execution is starting or runs.' },
    SUCCESS: { value: 'success', description: 'Its execution completed.' },
    FAILED: {
      value: 'failed',
      description: 'Refused, or its execution failed (see errorMessage).',
    },
  } as const,
});

builder.prismaNode('TriggerInvocation', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({
      type: InvocationStatus,
      description: 'Where the invocation is.',
      resolve: (invocation) => invocation.status as 'pending' | 'success' | 'failed',
    }),
    errorMessage: t.exposeString('errorMessage', { nullable: true }),
    deliveryId: t.exposeString('deliveryId', { nullable: true }),
    requestPayload: t.expose('requestPayload', { type: 'JSON', nullable: true }),
    transformedPayload: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The payload after outputTransform, which the template saw (free-form).',
      resolve: (invocation) => triggers.transformedPayloadOf(invocation),
    }),
    message: t.exposeString('message', { nullable: true }),
    correlationId: t.exposeString('correlationId', {
      description:
        'Shared by the webhook, the invocation, the execution and its approvals in the audit log.',
    }),
    trigger: t.relation('trigger'),
    // No Prisma relation joins these: the executions module reads them, in one batch per field.
    execution: t.prismaField({
      type: 'Execution',
      nullable: true,
      description:
        'The execution it started; null when refused, or for a moment after it was accepted.',
      resolve: (query, invocation, _args, ctx) =>
        invocation.executionId ? loadExecution(ctx, query, invocation.executionId) : null,
    }),
    conversation: t.prismaField({
      type: 'Conversation',
      nullable: true,
      description: 'The conversation its execution runs in; null when refused, or until it starts.',
      resolve: (query, invocation, _args, ctx) =>
        invocation.conversationId
          ? loadConversation(ctx, query, invocation.projectId, invocation.conversationId)
          : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.subscriptionFields((t) => ({
  triggerInvocationUpdated: t.prismaField({
    type: 'TriggerInvocation',
    description: 'A trigger’s invocations as they are recorded and as they end, on any instance.',
    authScopes: { tenant: true },
    args: {
      agentId: t.arg.id({
        required: true,
        description: 'The id of the agent the trigger belongs to.',
      }),
      triggerId: t.arg.string({ required: true, description: 'The trigger’s id.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const trigger = await triggers.getTrigger(ctx, args.agentId.toString(), args.triggerId);
      // The webhook keys seen, and whether each is this trigger's: its URL may be rotated meanwhile.
      const ours = new Map([[trigger.webhookKey, true]]);
      const isOurs = async ({ webhookKey }: TriggerInvocation) => {
        if (!ours.has(webhookKey)) {
          const owner = await ctx.db.trigger.findUnique({
            where: { webhookKey },
            select: { agentId: true, id: true },
          });
          ours.set(webhookKey, owner?.agentId === trigger.agentId && owner.id === trigger.id);
        }
        return ours.get(webhookKey)!;
      };
      return pipe(
        ctx.services.bus.subscribe(
          'triggerInvocationUpdated',
          requireScope(ctx),
          ctx.services.shutdownSignal,
        ),
        filterStream(isOurs),
      );
    },
    resolve: (_query, invocation) => invocation,
  }),
}));
