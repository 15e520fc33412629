import { setFlagsFromString } from 'node:v8';
import { runProcess } from './app/process.ts';

await runProcess(async (config, logger) => {
  // The embedded database's WebAssembly stays on V8's baseline compiler: its optimizing tier
  // compiles PostgreSQL's largest functions on background threads whose memory (some 70 MB) stays
  // resident for good, to make queries a few percent faster. Set before PGlite compiles its module.
  if (!config.DATABASE_URL) setFlagsFromString('--liftoff-only');
  // Loaded after the configuration is checked, so a bad value is reported at once.
  const { createSwitchboard } = await import('./http/server.ts');
  const switchboard = await createSwitchboard({ config, logger });
  await switchboard.listen();
  return { stop: () => switchboard.shutdown(), stopping: 'draining' };
});
