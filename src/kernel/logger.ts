import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { logMixin } from './log-context.ts';

export type { Logger };

/**
 * JSON lines on stdout, or readable colored lines when stdout is a terminal (a developer's
 * console); to `destination` when given (tests read the lines).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'switchboard' }, mixin: logMixin };
  if (destination) return pino(options, destination);
  return process.stdout.isTTY
    ? pino(options, pretty({ colorize: true, ignore: 'pid,hostname,service' }))
    : pino(options);
}
