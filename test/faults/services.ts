// A PostgreSQL cluster and a Redis server of the fault tests' own, on free ports in a temporary
// folder, so that stopping and restarting them never touches the services other tests share.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const pgBin = '/usr/lib/postgresql/15/bin';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user under root (initdb and the server refuse root), without blocking the load. */
async function asPostgres(binary: string, args: string[]) {
  if (isRoot)
    await promisify(execFile)('runuser', ['-u', 'postgres', '--', join(pgBin, binary), ...args]);
  else await promisify(execFile)(join(pgBin, binary), args);
}

export interface Postgres {
  url: string;
  start(): Promise<void>;
  /** `fast`: clients get 57P01 (admin shutdown), as in a restart by an operator. */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** initdb in a temporary folder (trust authentication, no fsync); not started yet. */
export async function createPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-faults-pg-'));
  if (isRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    );
  const data = join(dir, 'data');
  await asPostgres('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let running = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await asPostgres('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-l',
        join(dir, 'log'),
        '-w',
        'start',
      ]);
      running = true;
    },
    async stop() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    async remove() {
      if (running)
        await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: the connections drop at once, as when Redis crashes or its host restarts. */
  stop(): Promise<void>;
}

export async function createRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child = started;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        started.stdout!.on('data', (chunk) => {
          output += chunk;
          if (output.includes('Ready to accept connections')) resolve();
        });
        started.once('exit', (code) =>
          reject(new Error(`redis-server exited (${code}): ${output}`)),
        );
      });
      started.stdout!.resume();
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
