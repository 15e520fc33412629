// Child processes of the bench: the server under test, the baselines and the helpers. Each child
// prints one JSON line `{"ready": ...}` (or `{"result": ...}`) on stdout; the bench reads it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const benchDir = fileURLToPath(new URL('../', import.meta.url));
const children = new Set<ChildProcess>();

export interface Child {
  child: ChildProcess;
  /** Resolves with the first JSON line that has `key`. */
  line<T = any>(key: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
  output(): string;
}

export function spawnChild(command: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'pipe' });
  children.add(child);
  let output = '';
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk;
    output = (output + chunk).slice(-20_000);
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (text.startsWith('{'))
        try {
          lines.push(JSON.parse(text));
          waiters.splice(0).forEach((wake) => wake());
        } catch {}
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) =>
    child.on('close', () => {
      children.delete(child);
      waiters.splice(0).forEach((wake) => wake());
      resolve();
    }),
  );
  return {
    child,
    output: () => output,
    async line(key, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find((line) => key in line);
        if (found) return found[key] as never;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${args.join(' ')} exited:\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`${args.join(' ')}: no "${key}" line:\n${output}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** A TypeScript file of the bench in its own Node process. */
export const spawnScript = (path: string, env: Record<string, string> = {}, args: string[] = []) =>
  spawnChild(process.execPath, ['--import', 'tsx', `${benchDir}${path}`, ...args], env);

/** Runs a script to its `{"result": ...}` line. */
export async function runScript<T>(path: string, env: Record<string, string>, timeoutMs = 120_000) {
  const script = spawnScript(path, env);
  try {
    return await script.line<T>('result', timeoutMs);
  } finally {
    await script.stop();
  }
}

export function killChildren() {
  for (const child of children) child.kill('SIGKILL');
}

export async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU time a process has used (user + system, all its threads), in ms (Linux, 10 ms ticks). */
export function cpuMs(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [utime, stime] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13);
  return (Number(utime) + Number(stime)) * 10;
}

/** Prints the JSON line a parent waits for (children call this). */
export const report = (key: string, value: unknown) =>
  process.stdout.write(`${JSON.stringify({ [key]: value })}\n`);
