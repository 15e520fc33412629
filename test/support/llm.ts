// LLM provider payloads the telemetry tests send.

/** A chat completion as OpenAI returns it, with `model` and usage as given. */
export function chatCompletion(model: string, usage: { prompt: number; completion: number } | null, extra: Record<string, unknown> = {}) {
  return {
    inputs: { model, messages: [{ role: 'user', content: 'Hello' }] },
    outputs: usage
      ? {
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 1732400000,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
        }
      : { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    ...extra,
  };
}
