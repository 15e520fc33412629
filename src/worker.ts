// `npm run worker`: a process that only runs executions (no HTTP), on the same database and Redis
// as the servers. Any number may run; leases hand each execution to one of them.
import { runProcess } from './app/process.ts';

await runProcess(async (config, logger) => {
  const { createServices } = await import('./app/services.ts');
  const worker = await createServices({ config, logger });
  logger.info('Switchboard worker is running executions');
  return { stop: () => worker.close(), stopping: 'handing running executions over' };
});
