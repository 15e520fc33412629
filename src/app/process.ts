import { ConfigError, loadConfig, type Config } from '../kernel/config.ts';
import { createLogger, type Logger } from '../kernel/logger.ts';

/**
 * Runs a Switchboard process: checks the configuration first (a bad value exits 1 with one line per
 * problem, no stack trace), starts it, and on SIGTERM or SIGINT stops it and exits 0.
 */
export async function runProcess(
  start: (config: Config, logger: Logger) => Promise<{ stop(): Promise<void>; stopping: string }>,
) {
  try {
    const config = loadConfig();
    const logger = createLogger(config.LOG_LEVEL);
    // Spans still buffered are sent once the process has stopped.
    let flushTraces = async () => {};
    if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
      const { startTracing } = await import('../observability/tracing.ts');
      flushTraces = startTracing().shutdown;
      logger.info({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }, 'sending traces (OTLP)');
    }
    const running = await start(config, logger);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, async () => {
        logger.info({ signal }, running.stopping);
        await running.stop();
        await flushTraces();
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
}
