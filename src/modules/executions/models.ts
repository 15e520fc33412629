import { setTimeout as sleep } from 'node:timers/promises';
import type { RunConfig, ToolConfig } from './config.ts';

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

/** What a model streams: text as it comes, then the tool calls it wants. */
export type ModelChunk = { type: 'text'; text: string } | ({ type: 'tool_call' } & ToolCallRequest);

export interface ModelCall {
  /** 1 for the run's first model call, 2 for the next... */
  step: number;
  messages: ChatMessage[];
  tools: ToolConfig[];
  signal: AbortSignal;
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
export function scriptedProvider(config: Extract<RunConfig['provider'], { type: 'scripted' }>): ModelProvider {
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
        yield { type: 'tool_call', id: `call_${step}_${index + 1}`, name: call.name, arguments: call.arguments };
      }
    },
  };
}

export function modelProviderOf(config: RunConfig): ModelProvider {
  return scriptedProvider(config.provider);
}
