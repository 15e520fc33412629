import { z } from 'zod';
import { defineEvent, jsonValue } from '../../kernel/events.ts';

const json = jsonValue().nullable();

/** An application event as webhooks, subscribers and the catalogue show it. */
export const appEventPayload = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  type: z.string(),
  agentId: z.string().nullable(),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  properties: json,
  userProperties: json,
  metadata: json,
  serverMetadata: jsonValue(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const appEventLogged = defineEvent({
  name: 'app_event.logged',
  description: 'A client application logged an event (reference 000).',
  resourceType: 'app_event',
  payload: appEventPayload,
  aliases: ['event.created'],
  webhook: true,
  live: true,
  // A conversation's events keep their order at endpoints that ask for it.
  route: (event) => ({
    orderKey: event.conversationId ?? event.id,
    agentId: event.agentId,
    subtype: event.type,
  }),
  // The event itself stays in its table; the audit row says what and where.
  audit: (event) => ({
    type: event.type,
    conversationId: event.conversationId,
    agentId: event.agentId,
  }),
  example: {
    id: 'evt_01HZX3',
    projectId: 'b0f7c6de-5d4e-4c3b-9a21-2f1e0d9c8b7a',
    type: 'message.sent',
    agentId: 'support',
    conversationId: 'conv_42',
    messageId: 'msg_7',
    properties: { channel: 'web' },
    userProperties: { plan: 'pro' },
    metadata: null,
    serverMetadata: { receivedAt: '2026-11-30T09:00:00.000Z', ip: '203.0.113.7' },
    createdAt: new Date('2026-11-30T09:00:00.000Z'),
    updatedAt: new Date('2026-11-30T09:00:00.000Z'),
  },
});

export const eventsModuleEvents = [appEventLogged];
