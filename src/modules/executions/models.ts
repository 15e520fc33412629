import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Services } from '../../kernel/context.ts';
import { modelApiKey } from '../credentials/service.ts';
import type { RunConfig, ToolConfig } from '../agents/run-config.ts';

export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  toolCalls?: ToolCallRequest[];
  toolCallId?: string;
}

/** What a model streams: text as it comes, then the tool calls it wants, and what it counted. */
export type ModelChunk =
  | { type: 'text'; text: string }
  | ({ type: 'tool_call' } & ToolCallRequest)
  | {
      type: 'usage';
      model: string;
      promptTokens: number;
      completionTokens: number;
      finishReason: string | null;
    };

export interface ModelCall {
  /** 1 for the run's first model call, 2 for the next... */
  step: number;
  messages: ChatMessage[];
  tools: ToolConfig[];
  signal: AbortSignal;
  /** How a provider reaches its server: the guarded outbound client's fetch (src/net/outbound.ts). */
  fetch: typeof fetch;
}

export interface ModelProvider {
  /** What telemetry records the calls as. */
  provider: string;
  model: string;
  stream(call: ModelCall): AsyncIterable<ModelChunk>;
}

/**
 * Plays the turns written in the agent's configuration: deterministic runs for demos, the default
 * agent and tests. Tool call ids depend only on the step, so a restarted call asks for the same ones.
 */
export function scriptedProvider(
  config: Extract<RunConfig['provider'], { type: 'scripted' }>,
): ModelProvider {
  return {
    provider: 'scripted',
    model: 'scripted',
    async *stream({ step, messages, signal }) {
      const lastUser = [...messages].reverse().find((message) => message.role === 'user');
      const turn = config.turns.length
        ? config.turns[step - 1]
        : step === 1
          ? { text: `You said: ${lastUser?.content ?? ''}`, toolCalls: [], delayMs: 0 }
          : undefined;
      if (!turn) return;
      for (const word of turn.text.match(/\S+\s*/g) ?? []) {
        if (turn.delayMs) await sleep(turn.delayMs, undefined, { signal });
        yield { type: 'text', text: word };
      }
      for (const [index, call] of turn.toolCalls.entries()) {
        yield {
          type: 'tool_call',
          id: `call_${step}_${index + 1}`,
          name: call.name,
          arguments: call.arguments,
        };
      }
    },
  };
}

/** OpenAI's message shapes for the run's messages. */
function toOpenAI(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    if (message.role === 'tool')
      return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
    if (message.role === 'assistant') {
      return {
        role: 'assistant',
        content: message.content || null,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            }
          : {}),
      };
    }
    return { role: message.role, content: message.content };
  });
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text || '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { value: parsed };
  } catch {
    return { unparsed: text };
  }
}

/** The failure of a model call that never got an answer, with its reason (the client says only "Connection error."). */
function unreachable(error: unknown) {
  return error instanceof OpenAI.APIConnectionError && error.cause instanceof Error
    ? new Error(`The model provider could not be reached: ${error.cause.message}`)
    : error;
}

/**
 * Any server that speaks OpenAI's streaming chat completions, through the official client (on the
 * call's guarded fetch). Tool calls arrive in fragments per index and are yielded whole once the stream ends.
 */
export function openAICompatibleProvider(
  config: Extract<RunConfig['provider'], { type: 'openai-compatible' }>,
  access: { baseUrl?: string; apiKey?: string; headers: Record<string, string | null> },
): ModelProvider {
  return {
    provider: 'openai',
    model: config.model,
    async *stream({ messages, tools, signal, fetch }) {
      // Every option the client would otherwise read from the server's environment is given here (null:
      // none), so the server's OPENAI_ADMIN_KEY, organization and project never reach a tenant's URL.
      const client = new OpenAI({
        baseURL: access.baseUrl ?? null,
        apiKey: access.apiKey ?? 'unset',
        defaultHeaders: access.headers,
        adminAPIKey: null,
        organization: null,
        project: null,
        webhookSecret: null,
        maxRetries: 2,
        fetch,
      });
      const request = client.chat.completions.create(
        {
          model: config.model,
          messages: toOpenAI(messages),
          stream: true,
          stream_options: { include_usage: true },
          ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
          ...(tools.length
            ? {
                tools: tools.map((tool) => ({
                  type: 'function' as const,
                  function: {
                    name: tool.name,
                    description: tool.description,
                    parameters: tool.parameters,
                  },
                })),
              }
            : {}),
        },
        { signal },
      );
      const stream = await request.catch((error: unknown) => {
        throw unreachable(error);
      });
      const calls = new Map<number, { id: string; name: string; arguments: string }>();
      let finishReason: string | null = null;
      let model = config.model;
      for await (const chunk of stream) {
        model = chunk.model || model;
        const [choice] = chunk.choices;
        if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
        for (const fragment of choice?.delta?.tool_calls ?? []) {
          const call = calls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
          call.id ||= fragment.id ?? '';
          call.name += fragment.function?.name ?? '';
          call.arguments += fragment.function?.arguments ?? '';
          calls.set(fragment.index, call);
        }
        finishReason = choice?.finish_reason ?? finishReason;
        if (chunk.usage) {
          yield {
            type: 'usage',
            model,
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
            finishReason,
          };
        }
      }
      for (const [index, call] of [...calls].sort(([a], [b]) => a - b)) {
        yield {
          type: 'tool_call',
          id: call.id || `call_${index}`,
          name: call.name,
          arguments: parseArguments(call.arguments),
        };
      }
    },
  };
}

/**
 * The provider a version's calls go to. The key is the version's own MODEL_API_KEY credential,
 * decrypted now; without one, the operator's OPENAI_API_KEY only where OPENAI_API_KEY_FOR_TENANTS
 * lends it, and only towards OPENAI_BASE_URL (never to a baseUrl the version chose). The server's
 * environment is read through its validated configuration, never by a name the tenant gives.
 */
export async function modelProviderOf(
  config: RunConfig,
  services: Services,
  tenantId: string,
): Promise<ModelProvider> {
  if (config.provider.type === 'scripted') return scriptedProvider(config.provider);
  const { OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_API_KEY_FOR_TENANTS, OPENAI_CUSTOM_HEADERS } =
    services.config;
  const { baseUrl, apiKeyCredentialId } = config.provider;
  const apiKey = apiKeyCredentialId
    ? await modelApiKey(services, tenantId, apiKeyCredentialId)
    : OPENAI_API_KEY_FOR_TENANTS && !baseUrl
      ? OPENAI_API_KEY
      : undefined;
  // The client adds OPENAI_CUSTOM_HEADERS from the environment to every call; null removes each
  // from calls to a URL the tenant chose.
  const headers = baseUrl
    ? Object.fromEntries(Object.keys(OPENAI_CUSTOM_HEADERS).map((name) => [name, null]))
    : OPENAI_CUSTOM_HEADERS;
  return openAICompatibleProvider(config.provider, {
    baseUrl: baseUrl ?? OPENAI_BASE_URL,
    apiKey,
    headers,
  });
}
