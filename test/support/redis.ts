// Redis for tests: each test takes a key prefix of its own (give it to the server as REDIS_PREFIX),
// so runs sharing one Redis do not see each other's keys, and deletes its keys afterwards.
//
//   const prefix = testRedisPrefix();        // 'sbtest:<run>:<n>:'
//   ... REDIS_PREFIX: prefix ...
//   await cleanRedisPrefix(prefix);           // or cleanupTestRedis() once for the whole run
import crypto from 'node:crypto';
import { Redis } from 'ioredis';

const runPrefix = `sbtest:${crypto.randomBytes(6).toString('hex')}:`;
let counter = 0;

/** The Redis tests use, if any: TEST_REDIS_URL, else REDIS_URL. */
export function testRedisUrl(): string | undefined {
  return process.env.TEST_REDIS_URL || process.env.REDIS_URL || undefined;
}

/** A prefix no other test or run uses: `sbtest:<random per process>:<counter>:`. */
export function testRedisPrefix(): string {
  counter += 1;
  return `${runPrefix}${counter}:`;
}

/** Deletes every key starting with `prefix` (SCAN + UNLINK) and returns how many; 0 without a Redis. */
export async function cleanRedisPrefix(
  prefix: string,
  url: string | undefined = testRedisUrl(),
): Promise<number> {
  if (!url) return 0;
  if (!prefix) throw new Error('cleanRedisPrefix: refusing an empty prefix');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    let deleted = 0;
    const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    for await (const keys of redis.scanStream({ match, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Deletes the keys of every prefix testRedisPrefix() handed out in this process. */
export function cleanupTestRedis(url: string | undefined = testRedisUrl()): Promise<number> {
  return cleanRedisPrefix(runPrefix, url);
}
