import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

try {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // Loaded after the configuration is checked, so a bad value is reported at once.
  const { createSwitchboard } = await import('./http/server.ts');
  const switchboard = await createSwitchboard({ config, logger });
  await switchboard.listen();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      logger.info({ signal }, 'draining');
      await switchboard.shutdown();
      logger.info('stopped');
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
