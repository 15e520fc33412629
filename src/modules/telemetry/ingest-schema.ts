import { builder } from '../../schema/builder.ts';
import * as ingest from './ingest.ts';
import * as telemetry from './service.ts';

// What clients send: fingerprints, persons and LLM events.

const CreateLlmEventInput = builder.inputType('CreateLlmEventInput', {
  description: 'One LLM call to record.',
  fields: (t) => ({
    fingerprintId: t.id({
      required: true,
      description: 'The client environment (createFingerprint) that made the call.',
    }),
    properties: t.field({
      type: 'JSONObject',
      required: true,
      description:
        '`inputs`: the request body, `outputs`: the response, as the provider defines them (OpenAI, Anthropic, Gemini are read); `latency_ms` optional. At most 1 MiB.',
    }),
    agent: t.string({ description: 'Agent name; created when missing, `default` when absent.' }),
    agentVersion: t.string({
      description: 'Version name; created when missing, `default` when absent.',
    }),
    person: t.string({ description: 'The client’s person id; created when missing.' }),
    session: t.string({ description: 'The client’s session id; created when missing.' }),
  }),
});

const FingerprintInput = builder.inputType('CreateFingerprintInput', {
  description:
    'The client environment that sends LLM events; the same content is the same fingerprint.',
  fields: (t) => ({
    language: t.string({ required: true, description: 'The client’s programming language.' }),
    languageVersion: t.string({ required: true, description: 'The version of that language.' }),
    system: t.string({ required: true, description: 'The operating system.' }),
    openaiSdkVersion: t.string({ description: 'The OpenAI SDK version, when installed.' }),
    anthropicSdkVersion: t.string({ description: 'The Anthropic SDK version, when installed.' }),
    geminiSdkVersion: t.string({ description: 'The Gemini SDK version, when installed.' }),
    vokerSdkVersion: t.string({ description: 'The Voker SDK version, when installed.' }),
    allPackages: t.field({
      type: 'JSONObject',
      description: 'The installed packages and their versions (free-form).',
    }),
    gitRepositoryUrl: t.string({ description: 'The client’s git repository.' }),
    gitBranch: t.string({ description: 'The client’s git branch.' }),
    gitCommitHash: t.string({ description: 'The client’s git commit.' }),
    gitCommitDate: t.string({ description: 'The date of that commit.' }),
  }),
});

const CreateFingerprintPayload = builder
  .objectRef<Awaited<ReturnType<typeof telemetry.createFingerprint>>>('CreateFingerprintPayload')
  .implement({
    description: 'The result of createFingerprint.',
    fields: (t) => ({
      fingerprint: t.prismaField({
        type: 'Fingerprint',
        description: 'The fingerprint of the content, new or existing.',
        resolve: (_query, payload) => payload.fingerprint,
      }),
      created: t.exposeBoolean('created', {
        description: 'False when the same content had been sent before.',
      }),
    }),
  });

const PersonUpdateMode = builder.enumType('PersonUpdateMode', {
  description: 'How updatePerson changes the properties.',
  values: {
    REPLACE: { value: 'replace', description: 'The properties become the given object.' },
    MERGE: {
      value: 'merge',
      description: 'The given top-level keys are added or overwritten; the others stay.',
    },
  } as const,
});

builder.mutationFields((t) => ({
  createFingerprint: t.field({
    type: CreateFingerprintPayload,
    description: 'Records a client environment, or finds the one with the same content.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({
        type: FingerprintInput,
        required: true,
        description: 'The environment’s content; its hash identifies it.',
      }),
    },
    resolve: (_root, args, ctx) => telemetry.createFingerprint(ctx, args.input),
  }),
  createPerson: t.prismaField({
    type: 'Person',
    description: 'Records an end user of the client application.',
    authScopes: { tenant: true },
    args: {
      personId: t.arg.string({
        required: true,
        description: 'The client’s identifier for the person.',
      }),
      properties: t.arg({
        type: 'JSONObject',
        description: 'Free-form properties to keep about the person.',
      }),
    },
    resolve: (_query, _root, args, ctx) => telemetry.createPerson(ctx, args),
  }),
  updatePerson: t.prismaField({
    type: 'Person',
    description: 'Changes a person’s properties.',
    authScopes: { tenant: true },
    args: {
      personId: t.arg.string({
        required: true,
        description: 'The client’s identifier for the person.',
      }),
      properties: t.arg({
        type: 'JSONObject',
        required: true,
        description: 'The properties (free-form).',
      }),
      mode: t.arg({
        type: PersonUpdateMode,
        defaultValue: 'replace',
        description: 'Replace the properties or merge into them.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      telemetry.updatePerson(
        ctx,
        args.personId,
        { properties: args.properties },
        args.mode ?? 'replace',
      ),
  }),
  createLlmEvent: t.prismaField({
    type: 'LlmEvent',
    description:
      'Records one LLM call, creating the agent, version, person and session it names when missing.',
    authScopes: { tenant: true },
    args: {
      input: t.arg({
        type: CreateLlmEventInput,
        required: true,
        description: 'The call’s payload and the names it belongs to.',
      }),
    },
    resolve: (_query, _root, args, ctx) => ingest.recordLlmEvent(ctx, args.input),
  }),
  createLlmEvents: t.prismaField({
    type: ['LlmEvent'],
    description: `Records up to ${ingest.MAX_BATCH} events in one transaction; the results are in input order.`,
    authScopes: { tenant: true },
    args: {
      inputs: t.arg({
        type: [CreateLlmEventInput],
        required: true,
        description: 'The calls, in order.',
      }),
    },
    resolve: (_query, _root, args, ctx) => ingest.recordLlmEvents(ctx, args.inputs),
  }),
}));
