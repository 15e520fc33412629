import { requireScope } from '../../auth/require.ts';
import { builder } from '../../schema/builder.ts';
import { countedConnection, pageWithCount } from '../../schema/connections.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { findAgent } from '../agents/service.ts';
import {
  OutputTransformInput,
  outputTransformOf,
  SignatureVerificationInput,
  TriggerAuthenticationInput,
} from './config-inputs.ts';
import { OutputTransform, SignatureVerification, TriggerAuthentication } from './config-schema.ts';
import * as triggers from './service.ts';
import { InvocationStatus } from './schema-invocations.ts';

const TriggerRef = builder.prismaNode('Trigger', {
  // Its primary key is the secret webhook key: the global id names the trigger by agent and id instead.
  id: { resolve: (trigger) => `${trigger.agentId}:${trigger.id}` },
  findUnique: (globalId) => {
    const [agentId, ...id] = globalId.split(':');
    return { agentId_id: { agentId, id: id.join(':') } };
  },
  nullable: true,
  description:
    'Turns incoming webhooks from any service into messages for an agent (reference 002).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Unique per agent.' }),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    enabled: t.exposeBoolean('enabled'),
    inputSchema: t.expose('inputSchema', { type: 'JSON', nullable: true }),
    messageTemplate: t.exposeString('messageTemplate', { nullable: true }),
    outputTransform: t.field({
      type: OutputTransform,
      nullable: true,
      description: 'How the webhook body becomes the payload; null: unchanged.',
      resolve: (trigger) => trigger.outputTransform as typeof OutputTransform.$inferType | null,
    }),
    authentication: t.field({
      type: TriggerAuthentication,
      nullable: true,
      description: 'How callers authenticate; null: anyone with the URL.',
      resolve: (trigger) =>
        triggers.publicAuthentication(trigger.authentication) as
          typeof TriggerAuthentication.$inferType | null,
    }),
    signatureVerification: t.field({
      type: SignatureVerification,
      nullable: true,
      description: 'How signatures are checked; null: not at all.',
      resolve: (trigger) =>
        trigger.signatureVerification as typeof SignatureVerification.$inferType | null,
    }),
    signingSecretCredentialIds: t.exposeStringList('signingSecretCredentialIds'),
    webhookUrl: t.string({
      description: 'Where senders POST; the key in it is a secret.',
      resolve: (trigger, _args, ctx) => triggers.webhookUrl(ctx.services, trigger),
    }),
    agent: t.relation('agent'),
    invocations: t.relatedConnection('invocations', {
      cursor: 'seq',
      totalCount: true,
      args: {
        status: t.arg({ type: InvocationStatus, description: 'Only invocations in this status.' }),
        from: t.arg({
          type: 'DateTime',
          description: 'Only invocations received at or after this time.',
        }),
        to: t.arg({
          type: 'DateTime',
          description: 'Only invocations received at or before this time.',
        }),
      },
      query: (args) => ({ where: triggers.invocationWhere(args), orderBy: { seq: 'desc' } }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});
const TriggerConnection = countedConnection(TriggerRef, 'TriggerConnection');

type InputFields = Parameters<NonNullable<Parameters<typeof builder.inputType>[1]['fields']>>[0];

const triggerFields = (t: InputFields) => ({
  name: t.string({ description: 'The display name.' }),
  description: t.string({ description: 'What the trigger is for.' }),
  enabled: t.boolean({ description: 'Whether webhooks are accepted; default true.' }),
  inputSchema: t.field({
    type: 'JSONObject',
    description: 'JSON Schema of the webhook body (checked when saved).',
  }),
  messageTemplate: t.string({
    description: 'With `{{a.b.c}}` placeholders over the transformed payload.',
  }),
  outputTransform: t.field({
    type: OutputTransformInput,
    description: 'How the webhook body becomes the payload the template sees; null clears it.',
  }),
  authentication: t.field({
    type: TriggerAuthenticationInput,
    description: 'How callers authenticate; null: anyone with the URL may call.',
  }),
  signatureVerification: t.field({
    type: SignatureVerificationInput,
    description: 'How each webhook’s HMAC signature is checked; null: not at all.',
  }),
  signingSecretCredentialReferenceId: t.string({
    description: 'One WEBHOOK_SIGNING_SECRET credential (reference 002’s name); null clears them.',
  }),
  signingSecretCredentialIds: t.stringList({ description: 'Several secrets during a rotation.' }),
});
const CreateTriggerInput = builder.inputType('CreateTriggerInput', {
  description: 'A new trigger.',
  fields: (t) => ({
    id: t.string({ description: '`^[a-zA-Z0-9-_.]+$`; generated when absent.' }),
    ...triggerFields(t),
    name: t.string({ required: true, description: 'The display name.' }),
  }),
});
const UpdateTriggerInput = builder.inputType('UpdateTriggerInput', {
  description: 'Changes to a trigger; absent fields stay, nulls clear.',
  fields: (t) => triggerFields(t),
});

/** The id of the agent `agentId` names by id or name (an unknown one matches no trigger). */
const agentIdOf = async (ctx: RequestContext, agentId: string | number) =>
  (await findAgent(ctx.db, requireScope(ctx), agentId.toString()))?.id ?? agentId.toString();

/**
 * The service's shape of a trigger input. GraphQL leaves unsent input fields out; explicit nulls
 * clear them, as PATCH does.
 */
const sent = <T extends { outputTransform?: typeof OutputTransformInput.$inferInput | null }>(
  input: T,
) =>
  Object.fromEntries(
    Object.entries({ ...input, outputTransform: outputTransformOf(input.outputTransform) }).filter(
      ([, value]) => value !== undefined,
    ),
  );

builder.queryFields((t) => ({
  triggers: t.prismaConnection(
    {
      type: 'Trigger',
      cursor: 'webhookKey',
      description: 'An agent’s triggers, oldest first.',
      authScopes: { tenant: true },
      args: {
        agentId: t.arg.id({
          required: true,
          description: 'The agent the trigger belongs to: its id or its name.',
        }),
      },
      ...pageWithCount(
        async (args: { agentId: string | number }, ctx) =>
          ctx.db.trigger.count({ where: { agentId: await agentIdOf(ctx, args.agentId) } }),
        async (query: Prisma.TriggerFindManyArgs, args, ctx) =>
          ctx.db.trigger.findMany({
            ...query,
            where: { agentId: await agentIdOf(ctx, args.agentId) },
            orderBy: { createdAt: 'asc' },
          }),
      ),
    },
    TriggerConnection,
  ),
  trigger: t.prismaField({
    type: 'Trigger',
    nullable: true,
    description: 'One of an agent’s triggers; null when there is none of that id.',
    authScopes: { tenant: true },
    args: {
      agentId: t.arg.id({
        required: true,
        description: 'The agent the trigger belongs to: its id or its name.',
      }),
      id: t.arg.string({ required: true, description: 'The trigger’s id.' }),
    },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.trigger.findFirst({
        ...query,
        where: { agentId: await agentIdOf(ctx, args.agentId), id: args.id },
      }),
  }),
  triggerInvocation: t.prismaField({
    type: 'TriggerInvocation',
    nullable: true,
    authScopes: { tenant: true },
    description: 'One invocation of a trigger by its id; null when the caller cannot see it.',
    args: { id: t.arg.id({ required: true, description: 'The invocation’s id.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.triggerInvocation.findUnique({ ...query, where: { id: args.id.toString() } }),
  }),
}));

builder.mutationFields((t) => ({
  createTrigger: t.prismaField({
    type: 'Trigger',
    description: 'Creates a trigger; its configuration is checked now, not when webhooks arrive.',
    authScopes: { tenant: true },
    args: {
      agentId: t.arg.id({ required: true, description: 'The agent it starts.' }),
      input: t.arg({
        type: CreateTriggerInput,
        required: true,
        description: 'The trigger’s configuration.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      triggers.createTrigger(ctx, args.agentId.toString(), sent(args.input)),
  }),
  updateTrigger: t.prismaField({
    type: 'Trigger',
    description: 'Changes the fields sent; the others stay.',
    authScopes: { tenant: true },
    args: {
      agentId: t.arg.id({
        required: true,
        description: 'The id of the agent the trigger belongs to.',
      }),
      id: t.arg.string({ required: true, description: 'The trigger’s id.' }),
      changes: t.arg({
        type: UpdateTriggerInput,
        required: true,
        description: 'The fields to change; the others stay.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      triggers.updateTrigger(ctx, args.agentId.toString(), args.id, sent(args.changes)),
  }),
  deleteTrigger: t.prismaField({
    type: 'Trigger',
    description: 'Deletes a trigger with its invocations; its URL answers 404 at once.',
    authScopes: { tenant: true },
    args: {
      agentId: t.arg.id({
        required: true,
        description: 'The id of the agent the trigger belongs to.',
      }),
      id: t.arg.string({ required: true, description: 'The trigger’s id.' }),
    },
    resolve: (_query, _root, args, ctx) =>
      triggers.deleteTrigger(ctx, args.agentId.toString(), args.id),
  }),
  rotateTriggerWebhookUrl: t.prismaField({
    type: 'Trigger',
    description:
      'Gives the trigger a new webhookUrl (the key in it is a secret); the old one answers 404 at once. Its invocations stay with it.',
    authScopes: { tenant: true },
    args: {
      agentId: t.arg.id({
        required: true,
        description: 'The id of the agent the trigger belongs to.',
      }),
      id: t.arg.string({ required: true, description: 'The trigger’s id.' }),
    },
    resolve: (_query, _root, args, ctx) =>
      triggers.rotateTriggerWebhookUrl(ctx, args.agentId.toString(), args.id),
  }),
  rerunInvocation: t.prismaField({
    type: 'TriggerInvocation',
    description: 'Runs an invocation’s message again, as a new invocation and execution.',
    authScopes: { tenant: true },
    args: {
      invocationId: t.arg.id({ required: true, description: 'The invocation to run again.' }),
    },
    resolve: (_query, _root, args, ctx) =>
      triggers.rerunInvocation(ctx, args.invocationId.toString()),
  }),
}));
