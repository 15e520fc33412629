import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { logMixin } from './log-context.ts';

export type { Logger };

/** JSON lines, or readable colored lines when stdout is a terminal (a developer's console). */
export function createLogger(level: string, terminal = Boolean(process.stdout.isTTY)): Logger {
  const options = { level, base: { service: 'switchboard' }, mixin: logMixin };
  return terminal
    ? pino(options, pretty({ colorize: true, ignore: 'pid,hostname,service' }))
    : pino(options);
}
