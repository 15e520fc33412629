import { builder } from '../../schema/builder.ts';
import { runConfigOf, type RunConfig, type ScriptedTurn, type ToolConfig } from './run-config.ts';

// The GraphQL shape of an agent version's run configuration (run-config.ts). Inputs are flat, a `type`
// plus the fields of each kind, and go to `runConfigSchema` as they are: the zod schema stays the
// one place that checks them.

/** The fields of every kind, each absent on the kinds without it. */
type AnyProvider = {
  type: RunConfig['provider']['type'];
  turns?: ScriptedTurn[];
  model?: string;
  baseUrl?: string;
  apiKeyCredentialId?: string;
  temperature?: number;
};
type AnyExecutor = { type: ToolConfig['executor']['type']; url?: string; name?: 'echo' };

const ProviderType = builder.enumType('ModelProviderType', {
  description: 'What answers an execution’s model calls.',
  values: {
    SCRIPTED: {
      value: 'scripted',
      description:
        'Replays scripted turns (for demos and tests); without turns it echoes the last user message.',
    },
    OPENAI_COMPATIBLE: {
      value: 'openai-compatible',
      description: 'Any server speaking OpenAI’s streaming chat-completions protocol.',
    },
  } as const,
});

const ExecutorType = builder.enumType('ToolExecutorType', {
  description: 'What runs a tool call.',
  values: {
    HTTP: {
      value: 'http',
      description:
        'A POST of `{arguments, toolCallId, executionId}` with an `Idempotency-Key` header; the JSON answer is the result.',
    },
    BUILTIN: { value: 'builtin', description: 'A tool inside Switchboard, named by `name`.' },
  } as const,
});

const BuiltinTool = builder.enumType('BuiltinTool', {
  description: 'The tools Switchboard runs itself.',
  values: { ECHO: { value: 'echo', description: 'Answers its arguments.' } } as const,
});

const ScriptedToolCall = builder
  .objectRef<ScriptedTurn['toolCalls'][number]>('ScriptedToolCall')
  .implement({
    description: 'A tool call a scripted turn makes.',
    fields: (t) => ({
      name: t.exposeString('name', {
        description: 'The tool called (one of the version’s tools).',
      }),
      arguments: t.expose('arguments', {
        type: 'JSONObject',
        description: 'The arguments the call passes (free-form).',
      }),
    }),
  });

const ScriptedTurnRef = builder.objectRef<ScriptedTurn>('ScriptedTurn').implement({
  description:
    'One model turn of the scripted provider: text to stream, then tool calls (none: the run finishes).',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'Streamed word by word.' }),
    toolCalls: t.field({
      type: [ScriptedToolCall],
      description: 'Made after the text, in order.',
      resolve: (turn) => turn.toolCalls,
    }),
    delayMs: t.exposeInt('delayMs', {
      description: 'Pause between streamed words, in milliseconds.',
    }),
  }),
});

const ModelProvider = builder.objectRef<AnyProvider>('ModelProvider').implement({
  description: 'The model an agent version runs on; the fields of the other kind are null.',
  fields: (t) => ({
    type: t.field({
      type: ProviderType,
      description: 'The kind of provider.',
      resolve: (provider) => provider.type,
    }),
    turns: t.field({
      type: [ScriptedTurnRef],
      nullable: true,
      description: 'SCRIPTED: turn n answers the n-th model call.',
      resolve: (provider) => provider.turns,
    }),
    model: t.exposeString('model', {
      nullable: true,
      description: 'OPENAI_COMPATIBLE: the model name sent.',
    }),
    baseUrl: t.exposeString('baseUrl', {
      nullable: true,
      description: 'OPENAI_COMPATIBLE: the API’s base URL; null means OPENAI_BASE_URL.',
    }),
    apiKeyCredentialId: t.exposeString('apiKeyCredentialId', {
      nullable: true,
      description: 'OPENAI_COMPATIBLE: the MODEL_API_KEY credential the calls carry.',
    }),
    temperature: t.exposeFloat('temperature', {
      nullable: true,
      description: 'OPENAI_COMPATIBLE: the sampling temperature (0 to 2).',
    }),
  }),
});

const ToolExecutor = builder.objectRef<AnyExecutor>('ToolExecutor').implement({
  description: 'What runs an agent tool’s calls; the fields of the other kind are null.',
  fields: (t) => ({
    type: t.field({
      type: ExecutorType,
      description: 'The kind of executor.',
      resolve: (executor) => executor.type,
    }),
    url: t.exposeString('url', {
      nullable: true,
      description: 'HTTP: the endpoint that receives the calls.',
    }),
    name: t.field({
      type: BuiltinTool,
      nullable: true,
      description: 'BUILTIN: the built-in tool.',
      resolve: (executor) => executor.name,
    }),
  }),
});

const AgentTool = builder.objectRef<ToolConfig>('AgentTool').implement({
  description: 'A tool the model may call, and what runs it.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'The name the model calls it by (1-64 letters, digits, "_" or "-").',
    }),
    description: t.exposeString('description', {
      description: 'What the model is told the tool does.',
    }),
    parameters: t.expose('parameters', {
      type: 'JSONObject',
      description: 'JSON Schema of the arguments, as the model sees it.',
    }),
    requiresApproval: t.exposeBoolean('requiresApproval', {
      description: 'Whether each call waits for approveToolCall.',
    }),
    executor: t.field({
      type: ToolExecutor,
      description: 'What runs the calls.',
      resolve: (tool) => tool.executor,
    }),
  }),
});

export const RunConfigRef = builder.objectRef<RunConfig>('RunConfig').implement({
  description: 'How executions run an agent version, defaults filled in.',
  fields: (t) => ({
    provider: t.field({
      type: ModelProvider,
      description: 'What answers the model calls.',
      resolve: (config) => config.provider,
    }),
    systemPrompt: t.exposeString('systemPrompt', {
      description: 'The system message every run starts with (empty: none).',
    }),
    tools: t.field({
      type: [AgentTool],
      description: 'The tools the model may call.',
      resolve: (config) => config.tools,
    }),
    forwardedHeaders: t.exposeStringList('forwardedHeaders', {
      description:
        'Request headers of createExecution that tool endpoints receive (case-insensitive).',
    }),
    approvalTimeoutSeconds: t.exposeInt('approvalTimeoutSeconds', {
      description: 'How long an approval request waits before it counts as a denial.',
    }),
  }),
});

/** A stored configuration as the API shows it (null when the version has none). */
export const shownRunConfig = (stored: unknown) =>
  stored === null || stored === undefined ? null : runConfigOf(stored);

const ScriptedToolCallInput = builder.inputType('ScriptedToolCallInput', {
  description: 'A tool call a scripted turn makes.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'The tool called (one of the version’s tools).',
    }),
    arguments: t.field({
      type: 'JSONObject',
      description: 'The arguments the call passes (free-form); default {}.',
    }),
  }),
});

const ScriptedTurnInput = builder.inputType('ScriptedTurnInput', {
  description:
    'One model turn of the scripted provider: text to stream, then tool calls (none: the run finishes).',
  fields: (t) => ({
    text: t.string({ description: 'Streamed word by word; default empty.' }),
    toolCalls: t.field({
      type: [ScriptedToolCallInput],
      description: 'Made after the text, in order.',
    }),
    delayMs: t.int({ description: 'Pause between streamed words, 0 to 10000 ms; default 0.' }),
  }),
});

const ModelProviderInput = builder.inputType('ModelProviderInput', {
  description: 'The model an agent version runs on: `type`, then the fields of that kind.',
  fields: (t) => ({
    type: t.field({ type: ProviderType, required: true, description: 'The kind of provider.' }),
    turns: t.field({
      type: [ScriptedTurnInput],
      description:
        'SCRIPTED: turn n answers the n-th model call; none echoes the last user message.',
    }),
    model: t.string({ description: 'OPENAI_COMPATIBLE (required): the model name sent.' }),
    baseUrl: t.string({
      description: 'OPENAI_COMPATIBLE: the API’s base URL; default OPENAI_BASE_URL.',
    }),
    apiKeyCredentialId: t.string({
      description:
        'OPENAI_COMPATIBLE: a MODEL_API_KEY credential of the caller (createCredential) the calls carry.',
    }),
    temperature: t.float({ description: 'OPENAI_COMPATIBLE: the sampling temperature, 0 to 2.' }),
  }),
});

const ToolExecutorInput = builder.inputType('ToolExecutorInput', {
  description: 'What runs an agent tool’s calls: `type`, then the fields of that kind.',
  fields: (t) => ({
    type: t.field({ type: ExecutorType, required: true, description: 'The kind of executor.' }),
    url: t.string({
      description: 'HTTP (required): the http(s) endpoint that receives the calls.',
    }),
    name: t.field({ type: BuiltinTool, description: 'BUILTIN (required): the built-in tool.' }),
  }),
});

const AgentToolInput = builder.inputType('AgentToolInput', {
  description: 'A tool the model may call, and what runs it.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'The name the model calls it by (1-64 letters, digits, "_" or "-").',
    }),
    description: t.string({
      description: 'What the model is told the tool does (at most 2000 characters).',
    }),
    parameters: t.field({
      type: 'JSONObject',
      description:
        'JSON Schema of the arguments, as the model sees it; default an object with no properties.',
    }),
    requiresApproval: t.boolean({
      description: 'Whether each call waits for approveToolCall; default false.',
    }),
    executor: t.field({
      type: ToolExecutorInput,
      required: true,
      description: 'What runs the calls.',
    }),
  }),
});

export const RunConfigInput = builder.inputType('RunConfigInput', {
  description: 'How executions run an agent version; absent fields take their defaults.',
  fields: (t) => ({
    provider: t.field({
      type: ModelProviderInput,
      description: 'What answers the model calls; default SCRIPTED with no turns (an echo).',
    }),
    systemPrompt: t.string({
      description: 'The system message every run starts with (at most 100000 characters).',
    }),
    tools: t.field({
      type: [AgentToolInput],
      description: 'The tools the model may call (at most 128).',
    }),
    forwardedHeaders: t.stringList({
      description:
        'Request headers of createExecution that tool endpoints receive (case-insensitive names).',
    }),
    approvalTimeoutSeconds: t.int({
      description:
        'How long an approval request waits before it counts as a denial; default one day.',
    }),
  }),
});
