import { LRUCache } from 'lru-cache';
import type { ApiKey, PrismaClient } from '../generated/prisma/client.ts';
import { EVERY_TENANT, type EventBus } from '../kernel/bus/index.ts';
import type { Logger } from '../kernel/logger.ts';
import { AppError } from '../kernel/errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { parseApiKey, secretMatches } from './secrets.ts';

export type ActorType = 'user' | 'api_key' | 'system' | 'webhook';

/** Who is calling. A key belongs to one tenant and may be limited to one of its projects. */
export type Viewer =
  | { kind: 'admin'; actorType: 'system'; actorId: 'admin' }
  | {
      kind: 'apiKey';
      keyId: string;
      tenantId: string;
      projectId: string | null;
      actorType: ActorType;
      actorId: string;
    };

export const KEY_COOKIE = 'switchboard_key';

/**
 * The cookies that may carry a Switchboard key on a path: `switchboard_key` everywhere, and the
 * cookie each reference page's own clients send on its routes (003's `vai_token`, 002's
 * `better-auth.session_token`), only there.
 */
export function keyCookiesFor(path: string): string[] {
  if (path.startsWith('/api/v1/')) return [KEY_COOKIE, 'vai_token'];
  if (path.startsWith('/manage/')) return [KEY_COOKIE, 'better-auth.session_token'];
  return [KEY_COOKIE];
}

/** What authentication reads of a request's headers (a fetch `Headers`, or a socket request's). */
export type RequestHeaders = Pick<Headers, 'get' | 'has'>;

/** The presented key: `Authorization: Bearer`, then `X-API-Key`, then the first of `cookies` that is set. */
export function presentedKey(
  headers: RequestHeaders,
  cookies: string[] = [KEY_COOKIE],
): string | null {
  // A bare scheme (GraphiQL's preset `Bearer ` before a key is pasted) is no key at all.
  const authorization = headers.get('authorization')?.replace(/^Bearer\s*$/i, '');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : authorization.trim();
  }
  const apiKey = headers.get('x-api-key');
  if (apiKey) return apiKey.trim();
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  const sent = new Map<string, string>();
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (!sent.has(name)) sent.set(name, value.join('='));
  }
  const name = cookies.find((candidate) => sent.has(candidate));
  return name === undefined ? null : decodeURIComponent(sent.get(name)!);
}

/** The parts of a key's row that authenticate it. */
const KEY_ROW = {
  id: true,
  tenantId: true,
  projectId: true,
  actorType: true,
  secretHash: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;
type KeyRow = Pick<ApiKey, keyof typeof KEY_ROW>;

/**
 * Keys are read once and kept: revocations reach every instance through the bus, and an entry
 * expires after `KEY_CACHE_TTL_MS` in case one was missed (Redis away). Bounded by key count.
 */
const KEY_CACHE_TTL_MS = 10_000;
const KEY_CACHE_MAX = 10_000;

export class Authenticator {
  /** Key rows by key id (never by secret), as the lookup's promise so concurrent requests share one read. */
  private readonly keys = new LRUCache<string, Promise<KeyRow | null>>({
    max: KEY_CACHE_MAX,
    ttl: KEY_CACHE_TTL_MS,
  });

  constructor(
    private readonly prisma: PrismaClient,
    private readonly adminKeyHash: string | null,
    private readonly rateLimiter: RateLimiter,
    /** Budget per client IP of requests without a valid key. */
    private readonly anonymousLimiter: RateLimiter,
  ) {}

  /**
   * Forgets revoked keys: this process's revocations at once (as they are published), the other
   * instances' as they arrive; everything after Redis was away, since what it carried meanwhile is lost.
   */
  followRevocations(bus: EventBus, signal: AbortSignal, logger: Logger) {
    bus.onPublish((published) => {
      if (published.topic === 'apiKeyRevoked') this.keys.delete(published.payload.keyId);
    });
    bus.onResubscribed(() => this.keys.clear());
    const everyTenant = { tenantId: EVERY_TENANT, projectId: null };
    (async () => {
      for await (const { keyId } of bus.subscribe('apiKeyRevoked', everyTenant, signal))
        this.keys.delete(keyId);
    })().catch((error: unknown) => {
      this.keys.clear();
      logger.error({ err: error }, 'key revocations are no longer followed');
    });
  }

  /**
   * Resolves a presented key to its viewer and counts the request against the key's rate limit;
   * a bad key counts against the client IP's anonymous budget instead.
   */
  async authenticate(token: string, ip: string | null): Promise<Viewer> {
    let viewer: Viewer;
    try {
      viewer = await this.resolve(token);
    } catch (error) {
      // Only a bad key spends the address's budget: a database outage is not the client's doing.
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED')
        await this.countAnonymous(ip);
      throw error;
    }
    await this.countRequest(viewer);
    return viewer;
  }

  /** Counts a request without a valid key against its IP's budget; throws RATE_LIMITED past it. */
  countAnonymous(ip: string | null): Promise<void> {
    return this.anonymousLimiter.consume(ip ?? 'unknown');
  }

  /** Counts one request (or WebSocket operation) against the key's budget; throws RATE_LIMITED past it. */
  countRequest(viewer: Viewer): Promise<void> {
    return this.rateLimiter.consume(viewer.kind === 'admin' ? 'admin' : viewer.keyId);
  }

  /** Records when a key was last used, at most once a minute so authentication stays a read. */
  private touch(key: KeyRow) {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < 60_000) return;
    key.lastUsedAt = now;
    this.prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => {
      // Best effort: a failed bookkeeping write must not fail the request.
    });
  }

  private keyRow(id: string): Promise<KeyRow | null> {
    const cached = this.keys.get(id);
    if (cached) return cached;
    const row = Promise.resolve(this.prisma.apiKey.findUnique({ where: { id }, select: KEY_ROW }));
    this.keys.set(id, row);
    // A failed read (a database outage) is not remembered.
    row.catch(() => {
      if (this.keys.peek(id) === row) this.keys.delete(id);
    });
    return row;
  }

  private async resolve(token: string): Promise<Viewer> {
    // A tenant key is tried first, so that its request hashes one secret (its own), not the admin
    // key's too: the admin key (`sb_admin_…`) does not have a tenant key's form.
    const parsed = parseApiKey(token);
    const key = parsed && (await this.keyRow(parsed.id));
    if (parsed && key && !key.revokedAt && secretMatches(parsed.secret, key.secretHash)) {
      this.touch(key);
      return {
        kind: 'apiKey',
        keyId: key.id,
        tenantId: key.tenantId,
        projectId: key.projectId,
        actorType: key.actorType as ActorType,
        actorId: key.id,
      };
    }
    if (this.adminKeyHash && secretMatches(token, this.adminKeyHash)) {
      return { kind: 'admin', actorType: 'system', actorId: 'admin' };
    }
    throw new AppError('UNAUTHENTICATED', 'The API key is invalid or revoked');
  }
}
