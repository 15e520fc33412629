// Switchboard under test: `node <server dir>/dist/main.js`, as `npm start` runs it.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, spawnChild, type Child } from './processes.ts';
import type { Target } from './db.ts';

export const serverDir = resolve(
  process.env.BENCH_SERVER_DIR ?? new URL('../../', import.meta.url).pathname,
);

export interface Server {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of /readyz. */
  startMs: number;
  process: Child;
}

export async function startServer(
  target: Target,
  env: Record<string, string>,
  extra: Record<string, string> = {},
): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnChild(process.execPath, [`${serverDir}/dist/main.js`], {
    ...env,
    ...('databaseUrl' in target
      ? { DATABASE_URL: target.databaseUrl }
      : { DATA_DIR: target.dataDir, DATABASE_URL: '' }),
    ...extra,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.child.exitCode !== null) throw new Error(`the server exited:\n${child.output()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (performance.now() - started > 120_000) throw new Error(`no /readyz:\n${child.output()}`);
    await new Promise((wake) => setTimeout(wake, 20));
  }
  return { url, pid: child.child.pid!, startMs: performance.now() - started, process: child };
}
