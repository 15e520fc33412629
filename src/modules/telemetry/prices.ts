import { calcPrice } from '@pydantic/genai-prices';
import { z } from 'zod';
import type { LlmCallSummary, LlmProvider } from './providers.ts';

/** USD per 1 million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Cached input tokens (cache reads); the input price when absent. */
  cachedInput?: number;
  /** Input tokens written to the cache; the input price when absent. */
  cacheWrite?: number;
}

const usdPerMillion = z.number().finite().nonnegative();
export const modelPricesSchema = z
  .record(
    z.string().min(1),
    z
      .object({
        input: usdPerMillion,
        output: usdPerMillion,
        cachedInput: usdPerMillion.optional(),
        cacheWrite: usdPerMillion.optional(),
      })
      .strict(),
  )
  .refine((prices) => Object.keys(prices).length > 0, { message: 'must name at least one model' });

/** genai-prices' provider ids for the providers Switchboard reads. */
const genaiProviderIds: Record<string, string | undefined> & Record<LlmProvider, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
};

/** A provider Switchboard does not read (a runner's `openai-compatible`) is priced by model alone. */
type PricedCall = Pick<
  LlmCallSummary,
  'model' | 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteTokens'
> & { provider: string | null };

/**
 * Prices by model name: the configured overrides (`LLM_PRICES`), else the maintained catalogue of
 * `@pydantic/genai-prices` (bundled with the package; never fetched at run time).
 */
export class PriceTable {
  private readonly overrides: Map<string, ModelPrice>;
  /** Longest first, so a dated `gpt-4o-mini-…` matches `gpt-4o-mini`, not `gpt-4o`. */
  private readonly namesByLength: string[];

  constructor(overrides: Record<string, ModelPrice> = {}) {
    this.overrides = new Map(
      Object.entries(overrides).map(([name, price]) => [name.toLowerCase(), price]),
    );
    this.namesByLength = [...this.overrides.keys()].sort((a, b) => b.length - a.length);
  }

  /** The exact model, else the longest overridden name it extends with `-` or `@` (dated snapshots). */
  private overrideOf(model: string): ModelPrice | null {
    const name = model.toLowerCase();
    const exact = this.overrides.get(name);
    if (exact) return exact;
    const base = this.namesByLength.find(
      (known) =>
        name.startsWith(known) && (name[known.length] === '-' || name[known.length] === '@'),
    );
    return base ? this.overrides.get(base)! : null;
  }

  /** USD, or null when the model has no price or the call reported no tokens (never a made-up zero). */
  cost(call: PricedCall): number | null {
    if (!call.model || (call.inputTokens === null && call.outputTokens === null)) return null;
    // Cache reads and writes are parts of the input; a payload claiming more is capped to it.
    const input = call.inputTokens ?? 0;
    const cacheRead = Math.min(call.cachedInputTokens ?? 0, input);
    const cacheWrite = Math.min(call.cacheWriteTokens ?? 0, input - cacheRead);
    const output = call.outputTokens ?? 0;
    const override = this.overrideOf(call.model);
    if (override) {
      const micro =
        (input - cacheRead - cacheWrite) * override.input +
        cacheRead * (override.cachedInput ?? override.input) +
        cacheWrite * (override.cacheWrite ?? override.input) +
        output * override.output;
      return micro / 1_000_000;
    }
    try {
      const priced = calcPrice(
        {
          input_tokens: input,
          cache_read_tokens: cacheRead,
          cache_write_tokens: cacheWrite,
          output_tokens: output,
        },
        call.model,
        call.provider && genaiProviderIds[call.provider]
          ? { providerId: genaiProviderIds[call.provider] }
          : undefined,
      );
      return priced ? priced.total_price : null;
    } catch {
      // A catalogue entry the usage cannot be priced against is an unknown price, not a failed event.
      return null;
    }
  }
}
