import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../kernel/errors.ts';

/**
 * Per-key request budget; shared through Redis when instances are scaled out. While Redis is away
 * each process counts on its own (rate-limiter-flexible's insurance limiter) rather than failing requests.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract;

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
  }

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError(
        'RATE_LIMITED',
        `Too many requests for ${this.options.subject}; retry in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      );
    }
  }
}
