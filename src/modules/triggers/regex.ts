import { RE2 } from '@adguard/re2-wasm';
import type { Options } from 'ajv';

/** Longest regular expression a tenant may save (source characters). */
export const MAX_TENANT_REGEX_LENGTH = 1000;
/** Compiled expressions kept: RE2 objects live in WebAssembly memory, which the GC does not free. */
const MAX_COMPILED = 500;
/** RE2's memory budget per expression (a larger program is refused when saved). */
const MAX_MEMORY_BYTES = 1024 * 1024;

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
    if (source.length > MAX_TENANT_REGEX_LENGTH) throw new SyntaxError(`The regular expression is longer than ${MAX_TENANT_REGEX_LENGTH} characters`);
    regex = new RE2(source, 'u', MAX_MEMORY_BYTES);
    if (compiled.size >= MAX_COMPILED) {
      const [oldest, evicted] = compiled.entries().next().value!;
      compiled.delete(oldest);
      (evicted as unknown as { wrapper: { delete(): void } }).wrapper.delete();
    }
  }
  compiled.set(source, regex);
  return regex;
}

/**
 * Ajv's `code.regExp`: JSON Schema `pattern` and `patternProperties` on RE2 too. The pattern is
 * compiled now (an invalid one fails the schema's compilation) and looked up again at each test,
 * so a validator never holds an expression the cache has freed.
 */
export const re2Engine: NonNullable<NonNullable<Options['code']>['regExp']> = Object.assign(
  (pattern: string) => {
    tenantRegex(pattern);
    return { test: (input: string) => tenantRegex(pattern).test(input), toString: () => `/${pattern}/u` };
  },
  { code: 'tenantRegex' },
);
