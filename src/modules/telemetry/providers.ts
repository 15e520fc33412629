// Reads what an LLM call did from the provider's own request (`properties.inputs`) and response
// (`properties.outputs`) bodies. Clients send whatever their SDK produced, so every field is
// checked before it is used and nothing here throws.

export type LlmProvider = 'openai' | 'anthropic' | 'gemini';
export type LlmFormat =
  'openai.chat_completions' | 'openai.responses' | 'anthropic.messages' | 'gemini.generate_content';

export interface LlmToolCall {
  id: string | null;
  name: string;
  arguments: unknown;
}

export interface LlmCallSummary {
  provider: LlmProvider | null;
  format: LlmFormat | null;
  model: string | null;
  /** Prompt tokens, cached ones included. */
  inputTokens: number | null;
  outputTokens: number | null;
  /** Cache reads, part of the input tokens. */
  cachedInputTokens: number | null;
  /** Input tokens written to the provider's prompt cache (Anthropic), part of the input tokens. */
  cacheWriteTokens: number | null;
  toolCalls: LlmToolCall[];
  /** As the provider spells it. */
  finishReason: string | null;
  error: string | null;
  latencyMs: number | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const object = (value: unknown): Json => (isObject(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
const sum = (...values: (number | null)[]) =>
  values.some((value) => value !== null)
    ? values.reduce<number>((total, value) => total + (value ?? 0), 0)
    : null;

/** Tool arguments arrive as JSON text from OpenAI; parsed when they are JSON, kept as sent otherwise. */
function parsedArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The message of a provider error body ({error: {message}}, {error: "..."}, {message}) or null. */
function errorMessage(value: unknown): string | null {
  if (typeof value === 'string') return text(value);
  if (!isObject(value)) return null;
  const inner = value.error;
  if (typeof inner === 'string') return text(inner);
  if (isObject(inner)) {
    const message = text(inner.message) ?? text(inner.type) ?? text(inner.code);
    const kind =
      text(inner.type) ??
      text(inner.status) ??
      (typeof inner.code === 'number' ? String(inner.code) : null);
    return message && kind && kind !== message ? `${kind}: ${message}` : message;
  }
  return null;
}

function latencyOf(properties: Json): number | null {
  const milliseconds = [properties.latency_ms, properties.latencyMs, properties.duration_ms].find(
    (value) => typeof value === 'number',
  );
  const seconds = typeof properties.latency === 'number' ? properties.latency * 1000 : undefined;
  const latency = (milliseconds as number | undefined) ?? seconds;
  return latency !== undefined && Number.isFinite(latency) && latency >= 0 ? latency : null;
}

const empty = (): Omit<LlmCallSummary, 'latencyMs'> => ({
  provider: null,
  format: null,
  model: null,
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
  cacheWriteTokens: null,
  toolCalls: [],
  finishReason: null,
  error: null,
});

function openaiChat(inputs: Json, outputs: Json) {
  const usage = object(outputs.usage);
  const [choice] = list(outputs.choices).map(object);
  const toolCalls = list(object(choice?.message).tool_calls)
    .map(object)
    .flatMap((call) => {
      const fn = object(call.function);
      const name = text(fn.name);
      return name ? [{ id: text(call.id), name, arguments: parsedArguments(fn.arguments) }] : [];
    });
  return {
    provider: 'openai' as const,
    format: 'openai.chat_completions' as const,
    model: text(outputs.model) ?? text(inputs.model),
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(object(usage.prompt_tokens_details).cached_tokens),
    cacheWriteTokens: null,
    toolCalls,
    finishReason: text(choice?.finish_reason),
    error: errorMessage(outputs),
  };
}

function openaiResponses(inputs: Json, outputs: Json) {
  const usage = object(outputs.usage);
  const toolCalls = list(outputs.output)
    .map(object)
    .filter((item) => item.type === 'function_call' && text(item.name))
    .map((item) => ({
      id: text(item.call_id) ?? text(item.id),
      name: text(item.name)!,
      arguments: parsedArguments(item.arguments),
    }));
  const status = text(outputs.status);
  return {
    provider: 'openai' as const,
    format: 'openai.responses' as const,
    model: text(outputs.model) ?? text(inputs.model),
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    cachedInputTokens: count(object(usage.input_tokens_details).cached_tokens),
    cacheWriteTokens: null,
    toolCalls,
    finishReason:
      status === 'incomplete'
        ? (text(object(outputs.incomplete_details).reason) ?? status)
        : status,
    error: errorMessage(outputs),
  };
}

function anthropicMessages(inputs: Json, outputs: Json) {
  const usage = object(outputs.usage);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const toolCalls = list(outputs.content)
    .map(object)
    .filter((block) => block.type === 'tool_use' && text(block.name))
    .map((block) => ({
      id: text(block.id),
      name: text(block.name)!,
      arguments: block.input ?? null,
    }));
  return {
    provider: 'anthropic' as const,
    format: 'anthropic.messages' as const,
    model: text(outputs.model) ?? text(inputs.model),
    // Anthropic counts cache reads and writes apart from input_tokens; Switchboard's input includes them.
    inputTokens: sum(count(usage.input_tokens), cacheRead, cacheWrite),
    outputTokens: count(usage.output_tokens),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    toolCalls,
    finishReason: text(outputs.stop_reason),
    error: errorMessage(outputs),
  };
}

function geminiGenerateContent(inputs: Json, outputs: Json) {
  const usage = object(outputs.usageMetadata);
  const [candidate] = list(outputs.candidates).map(object);
  const toolCalls = list(object(candidate?.content).parts)
    .map((part) => object(object(part).functionCall))
    .filter((call) => text(call.name))
    .map((call) => ({ id: text(call.id), name: text(call.name)!, arguments: call.args ?? null }));
  const model = text(outputs.modelVersion) ?? text(inputs.model);
  return {
    provider: 'gemini' as const,
    format: 'gemini.generate_content' as const,
    model: model?.replace(/^models\//, '') ?? null,
    inputTokens: count(usage.promptTokenCount),
    outputTokens: sum(count(usage.candidatesTokenCount), count(usage.thoughtsTokenCount)),
    cachedInputTokens: count(usage.cachedContentTokenCount),
    cacheWriteTokens: null,
    toolCalls,
    finishReason: text(candidate?.finishReason),
    error:
      errorMessage(outputs) ??
      (text(object(outputs.promptFeedback).blockReason)
        ? `blocked: ${text(object(outputs.promptFeedback).blockReason)}`
        : null),
  };
}

/** Which format a call is in: by the response's own markers, else (an error body) by the request's shape. */
function formatOf(inputs: Json, outputs: Json): LlmFormat | null {
  if (outputs.object === 'chat.completion' || Array.isArray(outputs.choices))
    return 'openai.chat_completions';
  if (outputs.object === 'response') return 'openai.responses';
  if (outputs.type === 'message' || (outputs.type === 'error' && isObject(outputs.error)))
    return 'anthropic.messages';
  if (
    Array.isArray(outputs.candidates) ||
    isObject(outputs.usageMetadata) ||
    isObject(outputs.promptFeedback)
  )
    return 'gemini.generate_content';
  if (Array.isArray(inputs.contents)) return 'gemini.generate_content';
  if (inputs.input !== undefined && inputs.messages === undefined) return 'openai.responses';
  if (Array.isArray(inputs.messages)) {
    // Anthropic requires max_tokens and keeps the system prompt outside the messages.
    const anthropicShaped =
      typeof inputs.max_tokens === 'number' &&
      (typeof inputs.system === 'string' || /^claude/i.test(String(inputs.model)));
    return anthropicShaped ? 'anthropic.messages' : 'openai.chat_completions';
  }
  return null;
}

const readers = {
  'openai.chat_completions': openaiChat,
  'openai.responses': openaiResponses,
  'anthropic.messages': anthropicMessages,
  'gemini.generate_content': geminiGenerateContent,
};

export function summarizeLlmCall(properties: Record<string, unknown>): LlmCallSummary {
  const inputs = object(properties.inputs);
  const outputs = object(properties.outputs);
  const format = formatOf(inputs, outputs);
  const summary = format ? readers[format](inputs, outputs) : empty();
  return {
    ...summary,
    error: summary.error ?? errorMessage(properties.error),
    latencyMs: latencyOf(properties),
  };
}
