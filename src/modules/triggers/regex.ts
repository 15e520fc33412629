import { createRequire } from 'node:module';
import { RE2 } from '@adguard/re2-wasm';
import type { Options } from 'ajv';

/** Longest regular expression a tenant may save (source characters). */
export const MAX_TENANT_REGEX_LENGTH = 1000;
/** Distinct `pattern` and `patternProperties` expressions one JSON Schema may hold: they share the compiled-expression cache below. */
export const MAX_SCHEMA_PATTERNS = 32;

// RE2 runs in one fixed 16 MB WebAssembly heap for the whole process, which the GC does not free
// and which, once exhausted, breaks every expression until restart. So: few compiled expressions
// (least recently used ones are freed), a small memory budget each (a larger program is refused
// when saved; searches fall back from the DFA to linear-time NFA), and inputs of a bounded size.
const MAX_COMPILED = 100;
const MAX_MEMORY_BYTES = 64 * 1024;

type WasmObject = { delete(): void };
// RE2's constructor leaves the WebAssembly object of a pattern it refuses allocated (about 200
// bytes each, so some 70,000 refused saves would exhaust the heap). Wrapping the module's
// constructor lets us free it.
const wasm = createRequire(import.meta.url)('@adguard/re2-wasm/build/wasm/re2.js') as {
  WrappedRE2: new (...args: unknown[]) => WasmObject;
};
const WrappedRE2 = wasm.WrappedRE2;
const allocated: { last: WasmObject | null } = { last: null };
wasm.WrappedRE2 = function (...args: unknown[]) {
  allocated.last = new WrappedRE2(...args);
  return allocated.last;
} as unknown as typeof WrappedRE2;

const freeRefused = () => allocated.last?.delete();

function compile(source: string): RE2 {
  allocated.last = null;
  try {
    return new RE2(source, 'u', MAX_MEMORY_BYTES);
  } catch (error) {
    freeRefused();
    throw error;
  } finally {
    allocated.last = null;
  }
}

const compiled = new Map<string, RE2>();

/**
 * A regular expression a tenant wrote, on RE2: linear time in the input, whatever the pattern
 * (no backtracking, so no lookaround or backreferences: those throw a SyntaxError, answered when
 * the trigger is saved). Compiled once per source; use the result at once (it may be freed later).
 */
export function tenantRegex(source: string): RE2 {
  let regex = compiled.get(source);
  if (regex) {
    // Most recently used last, so eviction drops the least recently used.
    compiled.delete(source);
  } else {
    if (source.length > MAX_TENANT_REGEX_LENGTH)
      throw new SyntaxError(
        `The regular expression is longer than ${MAX_TENANT_REGEX_LENGTH} characters`,
      );
    regex = compile(source);
    if (compiled.size >= MAX_COMPILED) {
      const [oldest, evicted] = compiled.entries().next().value!;
      compiled.delete(oldest);
      (evicted as unknown as { wrapper: WasmObject }).wrapper.delete();
    }
  }
  compiled.set(source, regex);
  return regex;
}

/**
 * RE2 is linear in its input, but per character it can cost up to some 100 µs (a few counted
 * repetitions over multi-byte text), so the text a webhook may have searched is capped in all.
 */
export class RegexBudgetExceeded extends Error {}
export interface RegexBudget {
  remaining: number;
  limit: number;
}
export const regexBudget = (chars: number): RegexBudget => ({ remaining: chars, limit: chars });
let budget: RegexBudget | null = null;

/** Runs `work` (synchronous) with the searches of tenant expressions in it counted against `spending`. */
export function withRegexBudget<T>(spending: RegexBudget, work: () => T): T {
  const outer = budget;
  budget = spending;
  try {
    return work();
  } finally {
    budget = outer;
  }
}

function spend(input: string) {
  if (!budget) return;
  budget.remaining -= input.length;
  if (budget.remaining < 0)
    throw new RegexBudgetExceeded(
      `The trigger's regular expressions would search more than ${budget.limit} characters of this webhook`,
    );
}

/** The first match of a tenant's expression in `input`, or null. */
export function execTenantRegex(source: string, input: string) {
  spend(input);
  return tenantRegex(source).exec(input);
}

/**
 * Ajv's `code.regExp` for one schema: JSON Schema `pattern` and `patternProperties` on RE2 too, at
 * most MAX_SCHEMA_PATTERNS of them. Each is compiled now (an invalid one fails the schema's
 * compilation) and looked up again at each test, so a validator never holds an expression the
 * cache has freed.
 */
export function re2Engine(): NonNullable<NonNullable<Options['code']>['regExp']> {
  const patterns = new Set<string>();
  const engine = (pattern: string) => {
    if (patterns.add(pattern).size > MAX_SCHEMA_PATTERNS)
      throw new Error(
        `holds more than ${MAX_SCHEMA_PATTERNS} regular expressions (pattern, patternProperties)`,
      );
    tenantRegex(pattern);
    return {
      test: (input: string) => {
        spend(input);
        return tenantRegex(pattern).test(input);
      },
      toString: () => `/${pattern}/u`,
    };
  };
  return Object.assign(engine, { code: 'tenantRegex' });
}
