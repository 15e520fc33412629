import { z } from 'zod';
import { defineEvent } from '../../kernel/events.ts';

export const tenantCreated = defineEvent({
  name: 'tenant.created',
  description: 'The admin key created a tenant.',
  resourceType: 'tenant',
  payload: z.object({ name: z.string() }),
  webhook: false,
  example: { name: 'Acme' },
});

export const projectCreated = defineEvent({
  name: 'project.created',
  description: 'A project was created in a tenant.',
  resourceType: 'project',
  payload: z.object({ name: z.string() }),
  webhook: false,
  example: { name: 'support-bot' },
});

export const apiKeyCreated = defineEvent({
  name: 'api_key.created',
  description: 'An API key was issued, tenant-wide or for one project.',
  resourceType: 'api_key',
  payload: z.object({
    name: z.string(),
    actorType: z.enum(['user', 'api_key']),
    projectId: z.string().nullable(),
  }),
  webhook: false,
  example: { name: 'ci', actorType: 'api_key', projectId: null },
});

export const apiKeyRevoked = defineEvent({
  name: 'api_key.revoked',
  description: 'An API key was revoked; it authenticates nothing any more.',
  resourceType: 'api_key',
  payload: z.object({ name: z.string(), revokedBy: z.string().nullable() }),
  webhook: false,
  example: { name: 'ci', revokedBy: '0b5e2f9c-7d3a-4c1b-9e8f-1a2b3c4d5e6f' },
});

export const tenancyModuleEvents = [tenantCreated, projectCreated, apiKeyCreated, apiKeyRevoked];
