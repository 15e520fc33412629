// The payloads' form on Redis: JSON in which Dates and BigInts are tagged objects, so they come back
// as they went. Every key is data, `constructor`, `prototype` and `__proto__` included (superjson
// refuses those, and tenants' events and webhook bodies may carry them).
const TAG = '$sb';

type Tagged =
  | { [TAG]: 'date'; v: string | null }
  | { [TAG]: 'bigint'; v: string }
  | { [TAG]: 'object'; v: [string, unknown][] };

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Date) return { [TAG]: 'date', v: value };
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() };
  // An object that itself has the tag's key travels as its entries, so it is never read as a tag.
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.hasOwn(value, TAG)
  ) {
    return { [TAG]: 'object', v: Object.entries(value) };
  }
  return value;
}

// JSON.parse defines each key as an own property (no prototype is ever set) and revives inner values first.
function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, TAG)) return value;
  const tagged = value as Tagged;
  switch (tagged[TAG]) {
    case 'date':
      return new Date(tagged.v ?? Number.NaN);
    case 'bigint':
      return BigInt(tagged.v);
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [name, entry] of tagged.v)
        Object.defineProperty(object, name, {
          value: entry,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return object;
    }
  }
}

// A message of several payloads is their array (no payload is an array); one payload goes alone.
export const encodeMessage = (payloads: unknown[]): string =>
  JSON.stringify(payloads.length === 1 ? payloads[0] : payloads, replacer);
export const decodeMessage = (message: string): unknown[] => {
  const decoded: unknown = JSON.parse(message, reviver);
  return Array.isArray(decoded) ? decoded : [decoded];
};
