// `npm run worker`: a process that only runs executions (no HTTP), on the same database and Redis
// as the servers. Any number may run; leases hand each execution to one of them.
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

try {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const { createServices } = await import('./http/server.ts');
  const worker = await createServices({ config, logger });
  logger.info('Switchboard worker is running executions');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      logger.info({ signal }, 'handing running executions over');
      await worker.close();
      process.exit(0);
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
