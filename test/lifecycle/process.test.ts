// The real server as an operator runs it (`node --import tsx src/main.ts`, what `npm start` does
// through tsx) on the embedded default: PGlite in a temporary DATA_DIR, in-process pub/sub.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { defaultMigrationsDir, readMigrations } from '../../src/db/migrate.ts';
import { AppEventLogged, AppEvents, CreateApiKey, CreateTenant } from '../support/operations.ts';
import { eventually, subscribe } from '../support/switchboard.ts';
import {
  cleanUpProcesses,
  graphqlAt,
  logLines,
  run,
  startProcess,
  tempDir,
  type Running,
} from '../support/processes.ts';

const clients: Client[] = [];

afterAll(async () => {
  await Promise.allSettled(clients.map((client) => client.dispose()));
  cleanUpProcesses();
});

const postEvent = (url: string, key: string, body: Record<string, unknown>) =>
  fetch(`${url}/run/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The status of a request, or 'refused' when no server answers it. */
const statusOrRefused = (request: Promise<Response>) =>
  request.then(
    async (response) => {
      await response.body?.cancel();
      return response.status;
    },
    () => 'refused' as const,
  );

describe('the server process on an embedded database', () => {
  const dataDir = join(tempDir(), 'data');
  let first: Running;
  let adminKey: string;
  let tenantKey: string;

  it('generates an admin key on first start, prints it once and stores it in DATA_DIR/admin-key', async () => {
    first = await startProcess(dataDir);
    const printed = /Switchboard admin key[^\n]*\n\s*\n\s*(sb_admin_\S+)/.exec(first.stdout());
    expect(printed, first.stdout()).not.toBeNull();
    adminKey = printed![1];
    expect(first.stdout().split(adminKey)).toHaveLength(2); // exactly once
    expect(logLines(first.stdout()).some((line) => JSON.stringify(line).includes(adminKey))).toBe(
      false,
    ); // not in the structured log
    const file = join(dataDir, 'admin-key');
    expect(readFileSync(file, 'utf8').trim()).toBe(adminKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const tenant = await graphqlAt(first.url, CreateTenant, { name: 'process' }, adminKey);
    expect(tenant.errors).toBeUndefined();
    const key = await graphqlAt(
      first.url,
      CreateApiKey,
      { name: 'process', tenantId: tenant.data.createTenant.id },
      adminKey,
    );
    tenantKey = key.data.createApiKey.secret;
  }, 90_000);

  it('answers /healthz and /readyz with the database and pub/sub it uses', async () => {
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      database: 'pglite',
      pubsub: 'in-process',
      publishFailures: 0,
    });
  });

  it('drains on SIGTERM: open subscriptions complete, new requests are refused, the process exits 0', async () => {
    const client = createClient({
      url: `${first.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tenantKey}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    clients.push(client);
    const subscription = subscribe(client, AppEventLogged, { filter: { type: 'drain' } });
    await subscription.started;
    // The subscription is live once it delivers: log events until one arrives.
    for (let i = 0; subscription.received.length === 0; i += 1) {
      if (i === 40) throw new Error('timed out waiting for the subscription to deliver');
      expect(
        (await postEvent(first.url, tenantKey, { id: `drain-${i}`, type: 'drain' })).status,
      ).toBe(201);
      await eventually(() => subscription.received.length > 0, 'an event', 250).catch(() => {});
    }

    const signalled = performance.now();
    first.child.kill('SIGTERM');
    await eventually(() => subscription.completed, 'the subscription to complete', 5_000);
    expect(subscription.failure).toBeUndefined(); // `complete`, not an error or a dropped socket
    // Draining: no new request is served (503 while the listener closes, then connection refused).
    expect([503, 'refused']).toContain(await statusOrRefused(fetch(`${first.url}/readyz`)));
    expect([503, 'refused']).toContain(
      await statusOrRefused(postEvent(first.url, tenantKey, { type: 'late' })),
    );

    const exit = await first.exited;
    const drainMs = performance.now() - signalled;
    expect(exit, first.stderr()).toEqual({ code: 0, signal: null });
    expect(drainMs).toBeLessThan(5_000);
    expect(logLines(first.stdout()).map((line) => line.msg)).toEqual(
      expect.arrayContaining(['draining', 'stopped']),
    );
    expect(first.stderr()).toBe('');
    expect(await statusOrRefused(fetch(`${first.url}/healthz`))).toBe('refused');
  });

  it('does not print the key again on a second start; the key and the data are kept', async () => {
    const second = await startProcess(dataDir);
    expect(second.stdout()).not.toContain('Switchboard admin key');
    expect(second.stdout()).not.toContain(adminKey);
    expect(logLines(second.stdout()).map((line) => line.msg)).not.toContain(
      'applied database migrations',
    );
    expect(readFileSync(join(dataDir, 'admin-key'), 'utf8').trim()).toBe(adminKey);

    const tenant = await graphqlAt(second.url, CreateTenant, { name: 'again' }, adminKey);
    expect(tenant.errors).toBeUndefined();
    expect(tenant.data.createTenant.id).toBeTruthy();
    const events = await graphqlAt(second.url, AppEvents, { filter: { type: 'drain' } }, tenantKey);
    expect(events.errors).toBeUndefined();
    expect(events.data.appEvents.totalCount).toBeGreaterThan(0);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 90_000);
});

describe('a bad configuration', () => {
  // One variable at a time (test/config.test.ts covers several at once without a process).
  const cases: [string, Record<string, string>, string[]][] = [
    ['PORT=abc', { PORT: 'abc' }, ['PORT']],
    ['DATABASE_URL=mysql://x', { DATABASE_URL: 'mysql://x' }, ['DATABASE_URL']],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, ['LOG_LEVEL']],
  ];

  it('exits with code 1 and a message naming each bad variable, without a stack trace or touching DATA_DIR', async () => {
    const parent = tempDir();
    const results = await Promise.all(
      cases.map(async ([, env], i) => {
        const dataDir = join(parent, `data-${i}`);
        return { ...(await run(['src/main.ts'], { DATA_DIR: dataDir, ...env })), dataDir };
      }),
    );
    results.forEach((result, i) => {
      const [label, , names] = cases[i];
      expect(result.code, `${label}: ${result.stderr}`).toBe(1);
      expect(result.stderr, label).toMatch(/^Invalid configuration:\n/);
      for (const name of names)
        expect(result.stderr, label).toMatch(new RegExp(`^  ${name}: \\S`, 'm'));
      expect(result.stderr.trim().split('\n'), label).toHaveLength(1 + names.length); // one line per problem
      expect(result.stderr, label).not.toMatch(/\n\s+at /);
      expect(result.stdout, label).toBe('');
      expect(existsSync(result.dataDir), label).toBe(false);
    });
  }, 90_000);
});

describe('npm run migrate (scripts/migrate.ts)', () => {
  it('applies every migration to a fresh DATA_DIR, then nothing on a second run', async () => {
    const names = readMigrations(defaultMigrationsDir).migrationDirectories.map((dir) => dir.path);
    const dataDir = join(tempDir(), 'data');
    const first = await run(['scripts/migrate.ts'], { DATA_DIR: dataDir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied ${names.length} migration(s)`);
    for (const name of names) expect(first.stdout).toContain(name);

    const second = await run(['scripts/migrate.ts'], { DATA_DIR: dataDir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('up to date, no migration applied');
    for (const name of names) expect(second.stdout).not.toContain(name);
  }, 90_000);
});
