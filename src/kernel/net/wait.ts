import { setTimeout as sleep } from 'node:timers/promises';
import { connectionFailure } from '../errors.ts';
import type { Logger } from '../logger.ts';

/**
 * Start-up: runs `check` until it succeeds, logging one line (no stack trace) per failed attempt, a second apart,
 * while `what` cannot be reached. Any other error (a bad password, say) is thrown at once.
 */
const retryMs = 1000;

export async function waitUntilAvailable(
  what: string,
  check: () => Promise<unknown>,
  logger: Logger,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await check();
      if (attempt > 1) logger.info(`${what} is available`);
      return;
    } catch (error) {
      const reason = connectionFailure(error);
      if (!reason) throw error;
      logger.warn(`waiting for ${what} (${reason}); retrying in ${retryMs} ms`);
      await sleep(retryMs);
    }
  }
}
