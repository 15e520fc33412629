import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppEventLogged, CreateApiKey, CreateTenant } from '../support/operations.ts';
import { eventually } from '../support/switchboard.ts';

/** The real server as a user runs it (`tsx src/main.ts`), on an embedded database in a temp folder. */
const root = new URL('../..', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
const dataDirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  dataDirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The embedded default: no DATABASE_URL, no REDIS_URL, no admin key unless given. */
function cleanEnv(extra: Record<string, string>) {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'info' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SWITCHBOARD_ADMIN_KEY', 'TEST_DATABASE_URL', 'TEST_REDIS_URL']) delete env[name];
  return { ...env, ...extra };
}

async function startProcess(dataDir: string) {
  const port = await freePort();
  const child = spawn(tsx, ['src/main.ts'], { cwd: root, env: cleanEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }) });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await eventually(() => output.includes('Switchboard is listening') || child.exitCode !== null, 'the server to listen', 30_000);
  expect(child.exitCode, output).toBeNull();
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function graphqlAt(url: string, document: Parameters<typeof print>[0], variables: unknown, key: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

describe('the server process', () => {
  it('generates the admin key once, serves health, and drains on SIGTERM', async () => {
    const dataDir = newDataDir();
    const first = await startProcess(dataDir);
    const adminKey = /sb_admin_[A-Za-z0-9_-]+/.exec(first.output())?.[0];
    expect(adminKey).toBeDefined();
    expect(readFileSync(join(dataDir, 'admin-key'), 'utf8').trim()).toBe(adminKey);

    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite', pubsub: 'in-process' });

    const tenant = await graphqlAt(first.url, CreateTenant, { name: 'process' }, adminKey!);
    const key = await graphqlAt(first.url, CreateApiKey, { name: 'k', tenantId: tenant.data.createTenant.id }, adminKey!);
    const client = createClient({
      url: `${first.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key.data.createApiKey.secret}` },
      retryAttempts: 0,
    });
    let completed = false;
    let failed: unknown;
    client.subscribe({ query: print(AppEventLogged) }, { next: () => {}, error: (error) => (failed = error), complete: () => (completed = true) });
    await new Promise((resolve) => setTimeout(resolve, 500));

    first.child.kill('SIGTERM');
    await eventually(() => completed || failed, 'the subscription to end', 10_000);
    expect(failed).toBeUndefined();
    expect(completed).toBe(true);
    expect(await first.exited).toBe(0);
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    await client.dispose();

    // Second start on the same folder: the key is not printed again and still works.
    const second = await startProcess(dataDir);
    expect(second.output()).not.toContain('sb_admin_');
    const viewer = await graphqlAt(second.url, CreateTenant, { name: 'again' }, adminKey!);
    expect(viewer.data.createTenant.id).toBeTruthy();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it('refuses a bad configuration with a message naming each variable', () => {
    const result = spawnSync(tsx, ['src/main.ts'], {
      cwd: root,
      env: cleanEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DATA_DIR: newDataDir() }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(result.stderr).toContain(name);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('applies migrations with `npm run migrate`, then nothing', () => {
    const dataDir = newDataDir();
    const run = () => spawnSync(tsx, ['scripts/migrate.ts'], { cwd: root, env: cleanEnv({ DATA_DIR: dataDir }), encoding: 'utf8', timeout: 60_000 });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/_init/);
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/_init/);
  }, 90_000);
});
