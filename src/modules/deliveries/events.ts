import { z } from 'zod';
import { defineEvent } from '../../kernel/events.ts';

const endpointId = '6d1f9a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const deliveryId = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';

export const endpointCreated = defineEvent({
  name: 'webhook_endpoint.created',
  description: 'An outbound webhook endpoint was registered.',
  resourceType: 'webhook_endpoint',
  payload: z.object({ url: z.string(), eventTypes: z.array(z.string()) }),
  webhook: false,
  example: { url: 'https://example.com/hooks', eventTypes: ['app_event.logged'] },
});

export const endpointUpdated = defineEvent({
  name: 'webhook_endpoint.updated',
  description: 'An endpoint’s settings changed; `fields` names them.',
  resourceType: 'webhook_endpoint',
  payload: z.object({ fields: z.array(z.string()) }),
  webhook: false,
  example: { fields: ['eventTypes', 'enabled'] },
});

export const endpointDeleted = defineEvent({
  name: 'webhook_endpoint.deleted',
  description: 'An endpoint was deleted with its deliveries.',
  resourceType: 'webhook_endpoint',
  payload: z.object({ url: z.string() }),
  webhook: false,
  example: { url: 'https://example.com/hooks' },
});

export const endpointSecretRotated = defineEvent({
  name: 'webhook_endpoint.secret_rotated',
  description: 'An endpoint got a new signing secret; the old one signs too for `graceSeconds`.',
  resourceType: 'webhook_endpoint',
  payload: z.object({ graceSeconds: z.number().int() }),
  webhook: false,
  example: { graceSeconds: 86_400 },
});

export const endpointDisabled = defineEvent({
  name: 'webhook_endpoint.disabled',
  description: 'Switchboard disabled an endpoint: it answered 410 Gone or kept failing.',
  resourceType: 'webhook_endpoint',
  payload: z.object({ endpointId: z.string(), url: z.string(), reason: z.string() }),
  aliases: ['endpoint.disabled'],
  webhook: true,
  example: { endpointId, url: 'https://example.com/hooks', reason: 'The endpoint kept failing' },
});

export const endpointRecovered = defineEvent({
  name: 'webhook_endpoint.recovered',
  description: 'An endpoint was enabled again and its failed deliveries of a time window queued.',
  resourceType: 'webhook_endpoint',
  payload: z.object({ since: z.date(), until: z.date(), requeued: z.number().int() }),
  webhook: false,
  example: {
    since: new Date('2026-11-30T08:00:00.000Z'),
    until: new Date('2026-11-30T09:00:00.000Z'),
    requeued: 12,
  },
});

const delivery = z.object({
  deliveryId: z.string(),
  endpointId: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  attempt: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
});
const deliveryExample = {
  deliveryId,
  endpointId,
  messageId: 'msg_2b7c4a1e9f0d4c3b8a716e5d4c3b2a19',
  eventType: 'app_event.logged',
  attempt: 1,
  responseStatus: 200,
  error: null,
};

/** Delivery outcomes are caused by the event delivered: they close its chain in the audit log. */
export const deliverySucceeded = defineEvent({
  name: 'webhook_delivery.succeeded',
  description: 'An endpoint acknowledged a delivery (a 2xx answer).',
  resourceType: 'webhook_delivery',
  payload: delivery,
  webhook: false,
  example: deliveryExample,
});

export const deliveryFailed = defineEvent({
  name: 'webhook_delivery.failed',
  description: 'A delivery was given up: attempts exhausted, refused by the guard, or 410 Gone.',
  resourceType: 'webhook_delivery',
  payload: delivery,
  webhook: false,
  example: { ...deliveryExample, attempt: 8, responseStatus: 503, error: null },
});

export const deliveryRequeued = defineEvent({
  name: 'webhook_delivery.requeued',
  description: 'A delivery was queued again by hand, for an attempt now.',
  resourceType: 'webhook_delivery',
  payload: z.object({ deliveryId: z.string(), endpointId: z.string() }),
  webhook: false,
  example: { deliveryId, endpointId },
});

export const deliveriesModuleEvents = [
  endpointCreated,
  endpointUpdated,
  endpointDeleted,
  endpointSecretRotated,
  endpointDisabled,
  endpointRecovered,
  deliverySucceeded,
  deliveryFailed,
  deliveryRequeued,
];
