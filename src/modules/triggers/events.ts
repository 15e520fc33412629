import { z } from 'zod';
import { defineEvent } from '../../kernel/events.ts';

const triggerRef = z.object({ id: z.string(), agentId: z.string() });
const example = { id: 'orders', agentId: 'a1b2c3d4-0000-4000-8000-000000000001' };
const invocationId = '7d9e8f10-2a3b-4c5d-8e6f-708192a3b4c5';

export const triggerCreated = defineEvent({
  name: 'trigger.created',
  description: 'A trigger was created for an agent.',
  resourceType: 'trigger',
  payload: triggerRef.extend({ name: z.string() }),
  webhook: false,
  example: { ...example, name: 'Orders' },
});

export const triggerUpdated = defineEvent({
  name: 'trigger.updated',
  description: 'A trigger changed; `previous` names it as it was when it was renamed or moved.',
  resourceType: 'trigger',
  payload: triggerRef.extend({
    fields: z.array(z.string()),
    previous: triggerRef.optional(),
  }),
  webhook: false,
  example: { ...example, fields: ['messageTemplate'] },
});

export const triggerDeleted = defineEvent({
  name: 'trigger.deleted',
  description: 'A trigger was deleted, with its invocations.',
  resourceType: 'trigger',
  payload: triggerRef,
  webhook: false,
  example,
});

export const triggerWebhookUrlRotated = defineEvent({
  name: 'trigger.webhook_url_rotated',
  description: 'A trigger got a new webhook URL; the old one answers 404.',
  resourceType: 'trigger',
  payload: triggerRef,
  webhook: false,
  example,
});

/** A webhook accepted: it causes the execution it starts. Refused, it is a `failure` with the error. */
export const triggerInvoked = defineEvent({
  name: 'trigger.invoked',
  description: 'A trigger accepted a webhook and started an execution of its agent.',
  resourceType: 'trigger',
  payload: z.object({ invocationId: z.string(), agentId: z.string() }),
  webhook: false,
  example: { invocationId, agentId: example.agentId },
});

/** An invocation's message run again: it causes the new execution. */
export const triggerRerun = defineEvent({
  name: 'trigger.rerun',
  description: 'An invocation’s message was run again, as a new invocation and execution.',
  resourceType: 'trigger',
  payload: z.object({ invocationId: z.string(), rerunOf: z.string(), agentId: z.string() }),
  webhook: false,
  example: {
    invocationId,
    rerunOf: '0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3',
    agentId: example.agentId,
  },
});

/**
 * A webhook refused (with the HTTP `status` it was answered) or the run it started failed (with
 * its `executionId`): the body endpoints receive as `trigger.invocation.failed`.
 */
export const triggerInvocationFailed = defineEvent({
  name: 'trigger_invocation.failed',
  description: 'A trigger’s webhook was refused, or the execution it started failed.',
  resourceType: 'trigger_invocation',
  payload: z.object({
    invocationId: z.string(),
    triggerId: z.string(),
    agentId: z.string(),
    executionId: z.string().optional(),
    status: z.number().int().optional(),
    errorMessage: z.string().nullable(),
  }),
  aliases: ['trigger.invocation.failed'],
  webhook: true,
  route: (failed) => ({ agentId: failed.agentId }),
  example: {
    invocationId,
    triggerId: example.id,
    agentId: example.agentId,
    status: 403,
    errorMessage: 'Wrong credentials',
  },
});

export const triggersModuleEvents = [
  triggerCreated,
  triggerUpdated,
  triggerDeleted,
  triggerWebhookUrlRotated,
  triggerInvoked,
  triggerRerun,
  triggerInvocationFailed,
];
