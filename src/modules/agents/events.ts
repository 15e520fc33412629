import { z } from 'zod';
import { defineEvent } from '../../kernel/events.ts';

const created = z.object({ name: z.string(), number: z.number().int() });
/** What an update set: absent fields stayed as they were. */
const changes = {
  description: z.string().nullable().optional(),
  deprecatedAt: z.date().nullable().optional(),
};

export const agentCreated = defineEvent({
  name: 'agent.created',
  description:
    'An agent was created: by createAgent, or on first use by an LLM event or an execution naming it.',
  resourceType: 'agent',
  payload: created,
  webhook: false,
  example: { name: 'support', number: 1 },
});

export const agentUpdated = defineEvent({
  name: 'agent.updated',
  description: 'An agent’s description or deprecation changed.',
  resourceType: 'agent',
  payload: z.object(changes),
  webhook: false,
  example: { deprecatedAt: new Date('2026-11-30T09:00:00.000Z') },
});

export const agentVersionCreated = defineEvent({
  name: 'agent_version.created',
  description: 'A version of an agent was created, explicitly or on first use.',
  resourceType: 'agent_version',
  payload: created.extend({ agent: z.string() }),
  webhook: false,
  example: { agent: 'support', name: 'v2', number: 2 },
});

export const agentVersionUpdated = defineEvent({
  name: 'agent_version.updated',
  description: 'A version’s description, deprecation or run configuration changed.',
  resourceType: 'agent_version',
  payload: z.object({ ...changes, runConfig: z.record(z.string(), z.unknown()).optional() }),
  webhook: false,
  example: { description: 'Shorter answers', runConfig: { systemPrompt: 'Answer briefly.' } },
});

export const agentsModuleEvents = [
  agentCreated,
  agentUpdated,
  agentVersionCreated,
  agentVersionUpdated,
];
