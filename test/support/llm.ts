// LLM provider payloads the telemetry tests send, and a fake provider the executions call.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion as OpenAI returns it, with `model` and usage as given. */
export function chatCompletion(
  model: string,
  usage: { prompt: number; completion: number } | null,
  extra: Record<string, unknown> = {},
) {
  return {
    inputs: { model, messages: [{ role: 'user', content: 'Hello' }] },
    outputs: usage
      ? {
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 1732400000,
          model,
          choices: [
            { index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop' },
          ],
          usage: {
            prompt_tokens: usage.prompt,
            completion_tokens: usage.completion,
            total_tokens: usage.prompt + usage.completion,
          },
        }
      : { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    ...extra,
  };
}

/**
 * A local OpenAI-compatible chat-completions server that answers every call with `text`, recording
 * each call's Authorization header and all of its headers as text.
 */
export async function startFakeOpenAI(text = 'Hello from the fake model.') {
  const authorizations: string[] = [];
  const headers: string[] = [];
  const server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    headers.push(JSON.stringify(request.headers));
    request.resume();
    request.on('end', () => {
      const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1732400000, model: 'fake-model', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chunk({ role: 'assistant', content: text }));
      response.write(chunk({}, 'stop'));
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    authorizations,
    headers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
