// PostgreSQL refuses NUL characters in text and jsonb, and lone UTF-16 surrogates in jsonb: what
// outside servers answer is stored with each replaced by U+FFFD, so storing it cannot fail.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const storableText = (text: string) => text.replace(UNSTORABLE, '\ufffd');

/** A parsed JSON value with every string (keys too) made storable. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [storableText(key), storableJson(entry)]));
  return value;
}

/** Whether PostgreSQL can store every string (keys too) of a parsed JSON value as it is. */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === 'string') return !value.match(UNSTORABLE);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value && typeof value === 'object') return Object.entries(value).every(([key, entry]) => isStorableJson(key) && isStorableJson(entry));
  return true;
}
