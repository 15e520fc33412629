import { badInput, type FieldIssue } from '../errors.ts';

// PostgreSQL stores neither NUL nor unpaired UTF-16 surrogates in text or jsonb (error 22P05).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses text the database cannot store: NUL characters and unpaired surrogates. */
export function checkText(text: string, path: FieldIssue['path']) {
  const problem = text.includes('\u0000') ? 'must not contain NUL characters (\\u0000)' : LONE_SURROGATE.test(text) ? 'must not contain unpaired UTF-16 surrogates' : null;
  if (problem) throw badInput(`Invalid ${path.length ? path.join('.') : 'input'}: ${problem}`, [{ path, message: problem }]);
}

/**
 * Refuses parsed JSON input (a REST body, GraphQL variables) that nests deeper than `maxDepth` or
 * holds text the database cannot store. Walks without recursion: the input may be 10,000 levels deep.
 */
export function checkJsonInput(value: unknown, maxDepth: number, root: FieldIssue['path'] = []) {
  const pending: { value: unknown; path: FieldIssue['path'] }[] = [{ value, path: root }];
  while (pending.length) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') checkText(value, path);
    if (!value || typeof value !== 'object') continue;
    if (path.length - root.length >= maxDepth) {
      const message = `nests deeper than ${maxDepth} levels`;
      throw badInput(`Invalid ${path.join('.')}: ${message}`, [{ path, message }]);
    }
    for (const [name, item] of Object.entries(value)) {
      checkText(name, [...path, name]);
      pending.push({ value: item, path: [...path, Array.isArray(value) ? Number(name) : name] });
    }
  }
}
