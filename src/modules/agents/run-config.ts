import { z } from 'zod';

/** A tool the model may call, and what runs it. */
const toolSchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
  description: z.string().max(2000).default(''),
  /** JSON Schema of the arguments, as the model sees it. */
  parameters: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
  requiresApproval: z.boolean().default(false),
  executor: z.discriminatedUnion('type', [
    /** POSTs `{arguments, toolCallId, executionId}` with an `Idempotency-Key` header; the JSON answer is the result. */
    z.object({ type: z.literal('http'), url: z.url({ error: 'must be an http(s) URL' }) }),
    /** Runs inside Switchboard: `echo` answers its arguments. */
    z.object({ type: z.literal('builtin'), name: z.enum(['echo']) }),
  ]),
});

/** One model turn of the scripted provider: text to stream, then tool calls (none: the run finishes). */
const scriptedTurnSchema = z.object({
  text: z.string().default(''),
  toolCalls: z
    .array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) }))
    .default([]),
  /** Pause between streamed words, for demos and tests of interrupted runs. */
  delayMs: z.number().int().min(0).max(10_000).default(0),
});

export const runConfigSchema = z.object({
  provider: z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('scripted'),
        /** Turn n answers the n-th model call; with none, the reply echoes the last user message. */
        turns: z.array(scriptedTurnSchema).default([]),
      }),
      z.object({
        /** Any server speaking OpenAI's streaming chat-completions protocol. */
        type: z.literal('openai-compatible'),
        model: z.string().min(1),
        /** Default: OPENAI_BASE_URL. */
        baseUrl: z.url({ error: 'must be an http(s) URL' }).optional(),
        /** The id of the tenant's MODEL_API_KEY credential the calls carry (checked when the version is saved). */
        apiKeyCredentialId: z.string().min(1).optional(),
        /** Refused rather than dropped: a configuration never names the server's environment variables. */
        apiKeyEnv: z
          .never({
            error:
              'is not supported: store the key with createCredential(kind: MODEL_API_KEY) and name it in apiKeyCredentialId',
          })
          .optional(),
        temperature: z.number().min(0).max(2).optional(),
      }),
    ])
    .default({ type: 'scripted', turns: [] }),
  systemPrompt: z.string().max(100_000).default(''),
  tools: z.array(toolSchema).max(128).default([]),
  /** Request headers of createExecution that tool endpoints receive (case-insensitive names). */
  forwardedHeaders: z.array(z.string()).default([]),
  /** How long an approval request waits before it counts as a denial. */
  approvalTimeoutSeconds: z
    .number()
    .int()
    .positive()
    .default(24 * 3600),
});
export type RunConfig = z.output<typeof runConfigSchema>;
export type ToolConfig = RunConfig['tools'][number];
export type ScriptedTurn = z.output<typeof scriptedTurnSchema>;

/** The stored configuration of a version, defaults filled in (a version without one runs the echo script). */
export function runConfigOf(stored: unknown): RunConfig {
  return runConfigSchema.parse(stored ?? {});
}
