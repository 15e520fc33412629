import { badInput, type FieldIssue } from './errors.ts';
import { isStorableText } from '../db/storable.ts';

/** Refuses text the database cannot store: NUL characters and unpaired surrogates. */
export function checkText(text: string, path: FieldIssue['path']) {
  const problem = unstorableProblem(text);
  if (problem)
    throw badInput(`Invalid ${path.length ? path.join('.') : 'input'}: ${problem}`, [
      { path, message: problem },
    ]);
}

function unstorableProblem(text: string) {
  if (isStorableText(text)) return null;
  return text.includes('\u0000')
    ? 'must not contain NUL characters (\\u0000)'
    : 'must not contain unpaired UTF-16 surrogates';
}

/**
 * Refuses parsed JSON input (a REST body, GraphQL variables, a webhook payload) that nests deeper
 * than `maxDepth` or holds text the database cannot store. Walks without recursion: the input may
 * be 10,000 levels deep. Depth is refused first (its issue has type `json_too_deep`), so input
 * refused for its text alone is shallow enough for any recursive reader.
 */
export function checkJsonInput(value: unknown, maxDepth: number, root: FieldIssue['path'] = []) {
  const pending: { value: unknown; path: FieldIssue['path'] }[] = [{ value, path: root }];
  let unstorable: FieldIssue | null = null;
  const noteText = (text: string, path: FieldIssue['path']) => {
    const problem = unstorable ? null : unstorableProblem(text);
    if (problem) unstorable = { path, message: problem };
  };
  while (pending.length) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') noteText(value, path);
    if (!value || typeof value !== 'object') continue;
    if (path.length - root.length >= maxDepth) {
      const message = `nests deeper than ${maxDepth} levels`;
      throw badInput(`Invalid ${path.join('.')}: ${message}`, [
        { path, message, type: 'json_too_deep' },
      ]);
    }
    for (const [name, item] of Object.entries(value)) {
      noteText(name, [...path, name]);
      pending.push({ value: item, path: [...path, Array.isArray(value) ? Number(name) : name] });
    }
  }
  // Assigned in a closure: TypeScript cannot follow it there.
  const found = unstorable as FieldIssue | null;
  if (found)
    throw badInput(
      `Invalid ${found.path.length ? found.path.join('.') : 'input'}: ${found.message}`,
      [found],
    );
}
