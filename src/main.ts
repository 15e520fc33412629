import { runProcess } from './app/process.ts';

await runProcess(async (config, logger) => {
  // Loaded after the configuration is checked, so a bad value is reported at once.
  const { createSwitchboard } = await import('./http/server.ts');
  const switchboard = await createSwitchboard({ config, logger });
  await switchboard.listen();
  return { stop: () => switchboard.shutdown(), stopping: 'draining' };
});
