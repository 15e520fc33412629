import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../kernel/errors.ts';

/**
 * Points this process took from a key's shared budget and spends without asking Redis, until the
 * window ends. `last`: the budget had no more, so once these are spent the key is refused here.
 */
interface Lease {
  remaining: number;
  endsAt: number;
  last: boolean;
}

/** A lease is this share of the budget: a hundredth wastes little at a window's end, across instances. */
const LEASE_SHARE = 100;
const MAX_LEASES = 10_000;
const MIN_LEASE_MS = 100;

/**
 * Per-key request budget; shared through Redis when instances are scaled out. While Redis is away
 * each process counts on its own (rate-limiter-flexible's insurance limiter) rather than failing requests.
 * With Redis, each process takes points from the shared budget a lease at a time (one point for
 * budgets under 200, so small budgets stay exact) and counts the requests in between in memory.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly leaseSize: number;
  private readonly leases = new LRUCache<string, Lease>({ max: MAX_LEASES });
  /** Lease requests in flight, by key: concurrent requests of one key wait for the same one. */
  private readonly leasing = new Map<string, Promise<void>>();

  /** `subject` names what is limited in the refusal ("this key", "this address"). */
  constructor(
    private readonly options: {
      requests: number;
      windowSeconds: number;
      redis?: Redis;
      keyPrefix: string;
      subject: string;
    },
  ) {
    const common = {
      points: options.requests,
      duration: options.windowSeconds,
      keyPrefix: `${options.keyPrefix}rate`,
    };
    this.limiter = options.redis
      ? new RateLimiterRedis({
          ...common,
          storeClient: options.redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(common),
        })
      : new RateLimiterMemory(common);
    this.leaseSize = options.redis ? Math.max(1, Math.floor(options.requests / LEASE_SHARE)) : 1;
  }

  async consume(key: string): Promise<void> {
    if (this.leaseSize === 1) return this.consumeShared(key);
    for (;;) {
      const lease = this.leases.get(key);
      const msLeft = lease ? lease.endsAt - Date.now() : 0;
      if (lease && msLeft > 0) {
        if (lease.remaining > 0) {
          lease.remaining -= 1;
          return;
        }
        if (lease.last) throw this.refusal(msLeft);
      }
      let leasing = this.leasing.get(key);
      if (!leasing) {
        leasing = this.takeLease(key).finally(() => this.leasing.delete(key));
        this.leasing.set(key, leasing);
      }
      await leasing;
    }
  }

  private async consumeShared(key: string) {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw this.refusal(rejection.msBeforeNext);
    }
  }

  private async takeLease(key: string) {
    let answer: RateLimiterRes;
    try {
      answer = await this.limiter.consume(key, this.leaseSize);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      answer = rejection;
    }
    // What the budget still had before this lease: all of it when it had enough, else the rest.
    const before = this.options.requests - (answer.consumedPoints - this.leaseSize);
    const granted = Math.max(0, Math.min(this.leaseSize, before));
    this.leases.set(key, {
      remaining: granted,
      // A window about to end still serves the request that asked (no loop of empty leases).
      endsAt: Date.now() + Math.max(answer.msBeforeNext, MIN_LEASE_MS),
      last: granted < this.leaseSize || answer.remainingPoints === 0,
    });
  }

  private refusal(msBeforeNext: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AppError(
      'RATE_LIMITED',
      `Too many requests for ${this.options.subject}; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}
