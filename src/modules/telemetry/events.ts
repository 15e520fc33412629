import { z } from 'zod';
import { defineEvent } from '../../kernel/events.ts';

export const fingerprintCreated = defineEvent({
  name: 'fingerprint.created',
  description: 'A client environment sent its fingerprint for the first time.',
  resourceType: 'fingerprint',
  payload: z.object({ language: z.string(), system: z.string() }),
  webhook: false,
  example: { language: 'python', system: 'linux' },
});

const named = {
  /** Created on first use by an LLM event naming it, rather than explicitly. */
  autoCreated: z.boolean(),
};

export const personCreated = defineEvent({
  name: 'person.created',
  description: 'An end user was recorded: by createPerson, or by the first LLM event naming it.',
  resourceType: 'person',
  payload: z.object(named),
  webhook: false,
  example: { autoCreated: false },
});

export const personUpdated = defineEvent({
  name: 'person.updated',
  description: 'A person’s properties were replaced or merged into.',
  resourceType: 'person',
  payload: z.object({ mode: z.enum(['replace', 'merge']), keys: z.array(z.string()) }),
  webhook: false,
  example: { mode: 'merge', keys: ['plan'] },
});

export const sessionCreated = defineEvent({
  name: 'session.created',
  description: 'The first LLM event naming a session created it.',
  resourceType: 'session',
  payload: z.object(named),
  webhook: false,
  example: { autoCreated: true },
});

export const llmEventRecorded = defineEvent({
  name: 'llm_event.recorded',
  description:
    'An LLM call was recorded: sent by a client (createLlmEvent) or made by an execution.',
  resourceType: 'llm_event',
  // What webhooks carry; live subscribers get the whole event.
  payload: z.object({
    id: z.string(),
    agentId: z.string(),
    agentVersionId: z.string(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    inputTokens: z.number().int().nullable(),
    outputTokens: z.number().int().nullable(),
    costUsd: z.number().nullable(),
    error: z.string().nullable(),
    createdAt: z.date(),
  }),
  aliases: ['llm_event.created'],
  webhook: true,
  live: true,
  route: (event) => ({ agentId: event.agentId }),
  // The event itself stays in its table; the audit row says which agent and model.
  audit: (event) => ({ agentId: event.agentId, model: event.model, provider: event.provider }),
  example: {
    id: '6d0c1f7a-2b3e-4c5d-8e9f-0a1b2c3d4e5f',
    agentId: 'a1b2c3d4-0000-4000-8000-000000000001',
    agentVersionId: 'a1b2c3d4-0000-4000-8000-000000000002',
    provider: 'openai',
    model: 'gpt-4.1-mini',
    inputTokens: 812,
    outputTokens: 64,
    costUsd: 0.0004272,
    error: null,
    createdAt: new Date('2026-11-30T09:00:00.000Z'),
  },
});

export const telemetryModuleEvents = [
  fingerprintCreated,
  personCreated,
  personUpdated,
  sessionCreated,
  llmEventRecorded,
];
