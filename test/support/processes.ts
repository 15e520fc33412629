// The real server process, from source (`node --import tsx src/main.ts`; `npm start` runs the same
// code compiled, test/deploy), for tests of start-up, shutdown and crashes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { eventually } from './switchboard.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tempDirs: string[] = [];
const children: ChildProcess[] = [];

/** Kills what the test started and removes its folders (call from afterAll). */
export function cleanUpProcesses() {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-process-'));
  tempDirs.push(dir);
  return dir;
}

/** The embedded default: no DATABASE_URL, REDIS_URL or admin key from the test run's environment. */
export function processEnv(extra: Record<string, string>) {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'info' };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'SWITCHBOARD_ADMIN_KEY',
    'TEST_DATABASE_URL',
    'TEST_REDIS_URL',
    'PORT',
    'HOST',
  ])
    delete env[name];
  return { ...env, ...extra };
}

export interface Running {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function launch(args: string[], env: Record<string, string>) {
  return spawnProcess(process.execPath, ['--import', 'tsx', ...args], env);
}

/** Any command from the repository's root (`npm start`, the image's start command), its output collected. */
export function spawnProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { detached?: boolean } = {},
) {
  const child = spawn(command, args, { cwd: root, env: processEnv(env), ...options });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    },
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Runs a command to its end. */
export async function run(args: string[], env: Record<string, string>) {
  const launched = launch(args, env);
  const { code } = await launched.exited;
  return { code, stdout: launched.stdout(), stderr: launched.stderr() };
}

/** Pino's JSON lines on stdout (the admin key banner is plain text between them). */
export const logLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; level: number; [field: string]: unknown });

/** Starts the server on PORT=0 (with `env` over the embedded default) and reads the chosen URL from its "listening" log line. */
export async function startProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Running> {
  return listening(launch(['src/main.ts'], listeningEnv(dataDir, env)));
}

/** The embedded default in `dataDir`, on a port of the system's choosing, with `env` over it. */
export const listeningEnv = (dataDir: string, env: Record<string, string> = {}) => ({
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  ...env,
});

/** Waits for a launched server's "listening" log line and reads its URL from it. */
export async function listening(launched: ReturnType<typeof spawnProcess>): Promise<Running> {
  const line = await eventually(
    () =>
      logLines(launched.stdout()).find((line) => line.msg === 'Switchboard is listening') ??
      launched.child.exitCode !== null,
    'the server to listen',
    45_000,
  );
  if (line === true)
    throw new Error(`the server exited at start:\n${launched.stdout()}\n${launched.stderr()}`);
  return { ...launched, url: line.url as string };
}

export async function graphqlAt(
  url: string,
  document: Parameters<typeof print>[0],
  variables: unknown,
  key: string,
) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return {
    status: response.status,
    ...((await response.json()) as { data?: any; errors?: unknown[] }),
  };
}
