import { z } from 'zod';
import { defineEvent } from '../../kernel/events.ts';
import { CredentialKind } from '../../generated/prisma/enums.ts';

export const credentialCreated = defineEvent({
  name: 'credential.created',
  description: 'A secret was stored (a signing secret or a model API key); never its value.',
  resourceType: 'credential',
  payload: z.object({ name: z.string(), kind: z.enum(CredentialKind) }),
  webhook: false,
  example: { name: 'github-signing', kind: CredentialKind.WEBHOOK_SIGNING_SECRET },
});

export const credentialRotated = defineEvent({
  name: 'credential.rotated',
  description: 'A credential got a new secret; the previous one verifies for `graceSeconds`.',
  resourceType: 'credential',
  payload: z.object({ graceSeconds: z.number().int() }),
  webhook: false,
  example: { graceSeconds: 86_400 },
});

export const credentialDeleted = defineEvent({
  name: 'credential.deleted',
  description: 'A credential was deleted.',
  resourceType: 'credential',
  payload: z.object({ name: z.string() }),
  webhook: false,
  example: { name: 'github-signing' },
});

export const credentialsModuleEvents = [credentialCreated, credentialRotated, credentialDeleted];
