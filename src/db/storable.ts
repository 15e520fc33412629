// PostgreSQL refuses NUL characters in text and jsonb, and lone UTF-16 surrogates in jsonb: what
// outside servers answer is stored with each replaced by U+FFFD, so storing it cannot fail.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const storableText = (text: string) => text.replace(UNSTORABLE, '\ufffd');

/** Whether PostgreSQL can store `text` as it is. */
export const isStorableText = (text: string) => !text.match(UNSTORABLE);

/** A parsed JSON value with every string (keys too) made storable. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [storableText(key), storableJson(entry)]),
    );
  return value;
}
