import { CredentialKind } from '../../generated/prisma/enums.ts';
import { builder } from '../../schema/builder.ts';
import * as credentials from './service.ts';

const CredentialKindRef = builder.enumType('CredentialKind', {
  description: 'What a credential is for: each use accepts only its own kind.',
  values: {
    WEBHOOK_SIGNING_SECRET: {
      value: CredentialKind.WEBHOOK_SIGNING_SECRET,
      description: 'Verifies the signatures of a trigger’s webhooks (signingSecretCredentialIds).',
    },
    MODEL_API_KEY: {
      value: CredentialKind.MODEL_API_KEY,
      description:
        'The API key an agent version’s model calls carry (runConfig.provider.apiKeyCredentialId).',
    },
  } as const,
});

builder.prismaNode('Credential', {
  id: { field: 'id' },
  nullable: true,
  description:
    'A stored secret (a webhook signing secret or a model API key). The secret itself is shown only when created or rotated.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: CredentialKindRef }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    rotatedAt: t.expose('rotatedAt', { type: 'DateTime', nullable: true }),
    previousValidUntil: t.expose('previousExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Until when the secret before the last rotation still verifies.',
    }),
  }),
});

const CredentialWithSecret = builder
  .objectRef<Awaited<ReturnType<typeof credentials.createCredential>>>('CredentialWithSecret')
  .implement({
    description: 'A credential with its secret, right after it was created or rotated.',
    fields: (t) => ({
      credential: t.prismaField({
        type: 'Credential',
        description: 'The credential, without its secret.',
        resolve: (_query, payload) => payload.credential,
      }),
      secret: t.exposeString('secret', { description: 'Shown this once.' }),
    }),
  });

builder.queryFields((t) => ({
  credentials: t.prismaField({
    type: ['Credential'],
    description: 'The caller’s credentials, without their secrets.',
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.credential.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  createCredential: t.field({
    type: CredentialWithSecret,
    description: 'Stores a secret, encrypted; the answer shows it this once.',
    authScopes: { tenant: true },
    args: {
      name: t.arg.string({ required: true, description: 'The display name.' }),
      secret: t.arg.string({
        description:
          'Default for a WEBHOOK_SIGNING_SECRET: a new `whsec_…` secret. Required for a MODEL_API_KEY.',
      }),
      kind: t.arg({ type: CredentialKindRef, description: 'Default WEBHOOK_SIGNING_SECRET.' }),
    },
    resolve: (_root, args, ctx) => credentials.createCredential(ctx, args),
  }),
  rotateCredential: t.field({
    type: CredentialWithSecret,
    description:
      'Replaces a credential’s secret; the previous one still verifies during the grace period.',
    authScopes: { tenant: true },
    args: {
      id: t.arg.id({ required: true, description: 'The credential’s id.' }),
      secret: t.arg.string({ description: 'Required for a MODEL_API_KEY.' }),
      graceSeconds: t.arg.int({
        description: 'How long the previous secret still verifies (default a day).',
      }),
    },
    resolve: (_root, args, ctx) => credentials.rotateCredential(ctx, args.id.toString(), args),
  }),
  deleteCredential: t.prismaField({
    type: 'Credential',
    description: 'Refused (CONFLICT) while a trigger or an agent version uses it.',
    authScopes: { tenant: true },
    args: { id: t.arg.id({ required: true, description: 'The credential’s id.' }) },
    resolve: (_query, _root, args, ctx) => credentials.deleteCredential(ctx, args.id.toString()),
  }),
}));
