import { z } from 'zod';
import type { LlmCallSummary } from './providers.ts';

/** USD per 1 million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Cached input tokens; the input price when absent. */
  cachedInput?: number;
}

/** The providers' public list prices (standard tier, USD per 1M tokens) as of 2026-11. */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  // OpenAI
  'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60, cachedInput: 7.5 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  'o3-mini': { input: 1.1, output: 4.4, cachedInput: 0.55 },
  'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  // Anthropic (cache reads at a tenth of the input price)
  'claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5 },
  'claude-opus-4': { input: 15, output: 75, cachedInput: 1.5 },
  'claude-sonnet-4-5': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
  'claude-3-7-sonnet': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-3-5-sonnet': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08 },
  'claude-3-opus': { input: 15, output: 75, cachedInput: 1.5 },
  'claude-3-haiku': { input: 0.25, output: 1.25, cachedInput: 0.03 },
  // Google (prompts up to 200k tokens)
  'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.31 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.075 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'gemini-1.5-pro': { input: 1.25, output: 5, cachedInput: 0.3125 },
  'gemini-1.5-flash': { input: 0.075, output: 0.3, cachedInput: 0.01875 },
};

const usdPerMillion = z.number().finite().nonnegative();
export const modelPricesSchema = z
  .record(
    z.string().min(1),
    z
      .object({
        input: usdPerMillion,
        output: usdPerMillion,
        cachedInput: usdPerMillion.optional(),
      })
      .strict(),
  )
  .refine((prices) => Object.keys(prices).length > 0, { message: 'must name at least one model' });

/** Prices by model name: the shipped list with configured overrides over it. */
export class PriceTable {
  private readonly prices: Map<string, ModelPrice>;
  /** Longest first, so a dated `gpt-4o-mini-…` matches `gpt-4o-mini`, not `gpt-4o`. */
  private readonly namesByLength: string[];

  constructor(overrides: Record<string, ModelPrice> = {}) {
    this.prices = new Map(
      Object.entries({ ...DEFAULT_PRICES, ...overrides }).map(([name, price]) => [
        name.toLowerCase(),
        price,
      ]),
    );
    this.namesByLength = [...this.prices.keys()].sort((a, b) => b.length - a.length);
  }

  /** The exact model, else the longest known name it extends with `-` or `@` (dated snapshots), else null. */
  priceOf(model: string | null): ModelPrice | null {
    if (!model) return null;
    const name = model.toLowerCase();
    const exact = this.prices.get(name);
    if (exact) return exact;
    const base = this.namesByLength.find(
      (known) =>
        name.startsWith(known) && (name[known.length] === '-' || name[known.length] === '@'),
    );
    return base ? this.prices.get(base)! : null;
  }

  /** USD, or null when the model has no price or the call reported no tokens (never a made-up zero). */
  cost(
    summary: Pick<LlmCallSummary, 'model' | 'inputTokens' | 'outputTokens' | 'cachedInputTokens'>,
  ): number | null {
    const price = this.priceOf(summary.model);
    if (!price || (summary.inputTokens === null && summary.outputTokens === null)) return null;
    const cached = Math.min(summary.cachedInputTokens ?? 0, summary.inputTokens ?? 0);
    const uncached = (summary.inputTokens ?? 0) - cached;
    const micro =
      uncached * price.input +
      cached * (price.cachedInput ?? price.input) +
      (summary.outputTokens ?? 0) * price.output;
    return micro / 1_000_000;
  }
}
