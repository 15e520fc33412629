import { pino, type DestinationStream, type Logger } from 'pino';
import { logMixin } from './log-context.ts';

export type { Logger };

/**
 * JSON lines on stdout, or readable colored lines when stdout is a terminal (a developer's
 * console: pino-pretty, loaded only then, in pino's transport thread); to `destination` when
 * given (tests read the lines).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'switchboard' }, mixin: logMixin };
  if (destination) return pino(options, destination);
  return process.stdout.isTTY
    ? pino(
        options,
        pino.transport({
          target: 'pino-pretty',
          options: { colorize: true, ignore: 'pid,hostname,service' },
        }),
      )
    : pino(options);
}
