// The built server as it is deployed: the image's start command (plain `node` on dist/, read from
// the Dockerfile) and `npm start`, each stopped with SIGTERM. Both run the output of `npm run build`
// (done by `npm install`), on the embedded default in a temporary DATA_DIR.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/switchboard.ts';
import {
  cleanUpProcesses,
  listening,
  listeningEnv,
  logLines,
  spawnProcess,
  tempDir,
} from '../support/processes.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The Dockerfile's instructions, continuation lines joined. */
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim());
const execForm = (pattern: RegExp) => {
  const line = dockerfile.find((instruction) => pattern.test(instruction));
  expect(line, `the Dockerfile has ${pattern}`).toBeDefined();
  return JSON.parse(pattern.exec(line!)![1]) as string[];
};
const startCommand = execForm(/^CMD (\[.*\])$/);
const healthCheck = execForm(/^HEALTHCHECK .*CMD (\[.*\])$/);

const refused = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    () => true,
  );

beforeAll(() => {
  if (!existsSync(join(root, 'dist/main.js')))
    throw new Error('dist/main.js is missing: `npm install` or `npm run build` makes it');
});
afterAll(cleanUpProcesses);

describe("the image's start command", () => {
  it('is plain node on the compiled output, as PID 1 would run it', () => {
    expect(startCommand).toEqual(['node', 'dist/main.js']);
    expect(dockerfile).toContain('USER node');
  });

  it('serves, passes the health check on /readyz, and drains on SIGTERM to exit 0', async () => {
    const [command, ...args] = startCommand;
    const server = await listening(spawnProcess(command, args, listeningEnv(tempDir())));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const port = new URL(server.url).port;
    const [checker, ...checkArgs] = healthCheck;
    expect((await spawnProcess(checker, checkArgs, { PORT: port }).exited).code).toBe(0);

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const messages = logLines(server.stdout()).map((line) => line.msg);
    expect(messages.slice(-2)).toEqual(['draining', 'stopped']);
    expect(await refused(server.url)).toBe(true);
    expect((await spawnProcess(checker, checkArgs, { PORT: port }).exited).code).toBe(1);
  }, 90_000);
});

describe('npm start', () => {
  it('passes SIGTERM to the server: it stops answering and the whole process tree exits', async () => {
    // Its own process group, to see that nothing npm started outlives it.
    const npm = await listening(
      spawnProcess('npm', ['start'], listeningEnv(tempDir()), { detached: true }),
    );
    expect((await fetch(`${npm.url}/readyz`)).status).toBe(200);

    npm.child.kill('SIGTERM');
    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(logLines(npm.stdout()).at(-1)?.msg).toBe('stopped');
    expect(await refused(npm.url)).toBe(true);
    await eventually(() => {
      try {
        process.kill(-npm.child.pid!, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
      }
    }, 'the process group to be empty');
  }, 90_000);
});
