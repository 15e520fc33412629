// Outages for real: server processes on a PostgreSQL cluster and a Redis server of this test's own,
// under a steady load of event writes and a live subscription, while Redis restarts, PostgreSQL
// restarts and a server process is killed. No server may die on its own, every acknowledged write
// must be stored, every refusal must be a 503 with Retry-After, and service must come back by itself.
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AppEventLogged, CreateApiKey, CreateTenant } from '../support/operations.ts';
import {
  cleanUpProcesses,
  graphqlAt,
  launch,
  logLines,
  startProcess,
  tempDir,
  type Running,
} from '../support/processes.ts';
import { readEvents } from '../support/sse.ts';
import { ADMIN_KEY, eventually, subscribe } from '../support/switchboard.ts';
import { graphql } from '../gql/index.ts';
import { createPostgres, createRedisServer, type Postgres, type RedisServer } from './services.ts';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const CreateFaultsAgent = graphql(`
  mutation CreateFaultsAgent($runConfig: RunConfigInput!) {
    createAgent(name: "faults-bot") {
      id
    }
    createAgentVersion(agentName: "faults-bot", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const CountEvents = graphql(`
  query CountEvents {
    appEvents(first: 1) {
      totalCount
    }
  }
`);

let postgres: Postgres | undefined;
let redis: RedisServer | undefined;
const clients: Client[] = [];

afterAll(async () => {
  await Promise.allSettled(clients.map((client) => client.dispose()));
  cleanUpProcesses();
  await redis?.stop();
  await postgres?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  id: string;
  server: string;
  phase: string;
  status: number | 'error';
  retryAfter: string | null;
  at: number;
  detail?: string;
}

const postEvent = (url: string, key: string, body: Record<string, unknown>) =>
  fetch(`${url}/run/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });

const readyz = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as { publishFailures: number; reason?: string },
  };
};

describe.skipIf(!process.env.DATABASE_URL)('outages under load', () => {
  it('survives Redis and PostgreSQL restarts and a killed process without losing an acknowledged write', async () => {
    postgres = await createPostgres();
    redis = await createRedisServer();
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
      RATE_LIMIT_REQUESTS: '1000000',
      EXECUTION_POLL_MS: '1000',
      DELIVERY_POLL_MS: '1000',
    };

    // Start-up waits for PostgreSQL, then for Redis, one line per try and no stack trace.
    const launched = launch(['src/main.ts'], {
      DATA_DIR: tempDir(),
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
    const logged = (text: string) => () =>
      logLines(launched.stdout()).some((line) => line.msg.startsWith(text));
    await eventually(
      logged('waiting for PostgreSQL'),
      'the first server to wait for PostgreSQL',
      45_000,
    );
    await postgres.start();
    await eventually(logged('waiting for Redis'), 'the first server to wait for Redis', 30_000);
    await redis.start();
    const listening = await eventually(
      () => logLines(launched.stdout()).find((line) => line.msg === 'Switchboard is listening'),
      'the first server to listen',
      30_000,
    );
    expect(launched.child.exitCode).toBeNull();
    expect(launched.stderr()).not.toMatch(/\n\s+at /);
    const first: Running = { ...launched, url: listening.url as string };
    const second = await startProcess(tempDir(), env);
    const servers = new Map<string, Running>([
      ['A', first],
      ['B', second],
    ]);

    const tenant = await graphqlAt(first.url, CreateTenant, { name: 'faults' }, ADMIN_KEY);
    const tenantId = tenant.data.createTenant.id as string;
    const key = (await graphqlAt(first.url, CreateApiKey, { name: 'faults', tenantId }, ADMIN_KEY))
      .data.createApiKey.secret as string;

    // A subscriber on B, fed by events written on A: they can only arrive through Redis.
    const client = createClient({
      url: `${second.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    clients.push(client);
    const subscription = subscribe(client, AppEventLogged, { filter: { type: 'probe' } });
    await subscription.started;
    let probes = 0;
    /** Writes probes on A until B's subscriber receives one (or `timeoutMs` passes). */
    const probeArrives = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const id = `probe-${(probes += 1)}`;
        const response = await postEvent(first.url, key, { id, type: 'probe' }).catch(() => null);
        await response?.body?.cancel();
        if (
          await eventually(
            () => subscription.received.some((event) => event.data?.appEventLogged.id === id),
            'a probe',
            300,
          ).catch(() => false)
        )
          return true;
      }
      return false;
    };
    expect(await probeArrives(10_000)).toBe(true);

    // The load: writes with client ids, round robin over the live servers.
    const outcomes: Outcome[] = [];
    let phase = 'steady';
    let written = 0;
    let loading = true;
    const live = new Set(['A', 'B']);
    const worker = async () => {
      while (loading) {
        const names = [...live];
        const server = names[written % names.length];
        const id = `load-${(written += 1)}`;
        const outcome: Omit<Outcome, 'status' | 'retryAfter' | 'at'> = { id, server, phase };
        try {
          const response = await postEvent(servers.get(server)!.url, key, { id, type: 'load' });
          const detail =
            response.status === 201
              ? (await response.body?.cancel(), undefined)
              : await response.text();
          outcomes.push({
            ...outcome,
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            at: Date.now(),
            detail,
          });
        } catch {
          outcomes.push({ ...outcome, status: 'error', retryAfter: null, at: Date.now() });
        }
        await sleep(20);
      }
    };
    const workers = Array.from({ length: 3 }, () => worker());
    const refusedOutsidePostgres = () =>
      outcomes.filter((outcome) => outcome.status !== 201 && !outcome.phase.startsWith('postgres'));
    const acknowledgedSince = (since: number) =>
      outcomes.filter((outcome) => outcome.at > since && outcome.status === 201).length;
    const resumes = (what: string) => {
      const since = Date.now();
      return eventually(() => acknowledgedSince(since) >= 10, what, 30_000);
    };
    await sleep(1000);

    // An execution streaming on A, followed on B, that goes on (and ends) while Redis is away.
    const words = Array.from({ length: 15 }, (_, i) => `w${i + 1}`).join(' ');
    const agent = await graphqlAt(
      first.url,
      CreateFaultsAgent,
      { runConfig: { provider: { type: 'SCRIPTED', turns: [{ text: words, delayMs: 60 }] } } },
      key,
    );
    expect(agent.errors).toBeUndefined();
    const created = await fetch(`${first.url}/run/api/executions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        agentId: agent.data.createAgent.id,
        messages: [{ role: 'user', content: 'talk' }],
      }),
    });
    const executionId = created.headers.get('x-execution-id')!;
    await created.body?.cancel();
    const followed = readEvents(
      await fetch(`${second.url}/run/api/executions/${executionId}/stream`, {
        headers: { authorization: `Bearer ${key}` },
      }),
    );

    // Redis restarts: writes go on (rate limits per process), publishing fails softly, /readyz says 503.
    phase = 'redis down';
    await redis.stop();
    await sleep(1500);
    const redisDown = await readyz(first.url);
    expect(redisDown.status).toBe(503);
    expect(redisDown.body.reason).toBe('pub/sub: Redis is unreachable');
    await sleep(1000);
    phase = 'redis back';
    await redis.start();
    await eventually(
      async () =>
        (await readyz(first.url)).status === 200 && (await readyz(second.url)).status === 200,
      'ready again after Redis',
      15_000,
    );
    expect(await probeArrives(15_000)).toBe(true); // B's subscription resumed
    // The execution's stream on B is whole: what was published while Redis was away is read back.
    const journal = await Promise.race([followed, sleep(15_000).then(() => [])]);
    expect(journal.map((event) => Number(event.id))).toEqual(journal.map((_, index) => index + 1));
    expect(journal.at(-1)?.event).toBe('finished');
    const publishFailures = (await readyz(first.url)).body.publishFailures;
    expect(refusedOutsidePostgres()).toEqual([]); // writes go on while Redis is away
    expect(publishFailures).toBeGreaterThan(0);
    await resumes('writes after Redis');

    // A key B has never read: B keeps the keys it has read, so only this one needs the database.
    const unreadKey = (
      await graphqlAt(first.url, CreateApiKey, { name: 'faults-unread', tenantId }, ADMIN_KEY)
    ).data.createApiKey.secret as string;

    // PostgreSQL restarts (fast shutdown: open connections get 57P01): 503 with Retry-After meanwhile.
    phase = 'postgres down';
    await postgres.stop();
    await sleep(1000);
    expect((await readyz(second.url)).status).toBe(503);
    const graphqlDown = await graphqlAt(second.url, CountEvents, {}, key);
    expect(graphqlDown.status).toBe(503);
    expect(graphqlDown.errors).toMatchObject([{ extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    const refusedSocket = createClient({
      url: `${second.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${unreadKey}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    clients.push(refusedSocket);
    const closeCode = new Promise((resolve) =>
      refusedSocket.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    expect(await closeCode).toBe(1013); // try again later, not 4403 Forbidden
    const restDown = await postEvent(second.url, key, { id: 'while-down', type: 'refused' });
    expect(restDown.status).toBe(503);
    expect(restDown.headers.get('retry-after')).toBeTruthy();
    expect(await restDown.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
    await sleep(1500);
    phase = 'postgres back';
    await postgres.start();
    await resumes('writes after PostgreSQL');

    // A server killed outright; its replacement joins.
    phase = 'A killed';
    live.delete('A');
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;
    const third = await startProcess(tempDir(), env);
    servers.set('C', third);
    live.add('C');
    phase = 'C joined';
    await resumes('writes on the new server');
    loading = false;
    await Promise.all(workers);

    // Nobody died on their own, and nothing was lost.
    expect(second.child.exitCode).toBeNull();
    expect(third.child.exitCode).toBeNull();
    for (const server of [first, second, third]) {
      expect(server.stderr()).not.toMatch(/\n\s+at /);
      expect(
        logLines(server.stdout()).filter((line) => line.msg.startsWith('unhandled error')),
      ).toEqual([]);
      // A lost database is a warning every 10 s from the background workers, not an error per poll.
      expect(
        logLines(server.stdout()).filter(
          (line) => line.level >= 50 && line.msg.startsWith('claiming'),
        ),
      ).toEqual([]);
    }
    const unexpected = outcomes.filter(
      (outcome) =>
        ![201, 503].includes(outcome.status as number) &&
        !(outcome.server === 'A' && outcome.status === 'error' && outcome.at >= killedAt),
    );
    expect(unexpected).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 503 && !outcome.retryAfter)).toEqual([]);
    const database = new pg.Client({ connectionString: postgres.url });
    await database.connect();
    const stored = new Set(
      (
        await database.query<{ id: string }>('SELECT id FROM "AppEvent" WHERE "tenantId" = $1', [
          tenantId,
        ])
      ).rows.map((row) => row.id),
    );
    await database.end();
    const acknowledged = outcomes.filter((outcome) => outcome.status === 201);
    expect(acknowledged.filter((outcome) => !stored.has(outcome.id))).toEqual([]);

    const figures = new Map<string, Record<string, number>>();
    for (const outcome of outcomes) {
      const counts = figures.get(outcome.phase) ?? {};
      counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
      figures.set(outcome.phase, counts);
    }
    const warnings: Record<string, number> = {};
    for (const line of logLines(second.stdout()))
      if (line.level >= 40) warnings[line.msg] = (warnings[line.msg] ?? 0) + 1;
    console.log(
      'outcomes per phase',
      Object.fromEntries(figures),
      { publishFailures, acknowledged: acknowledged.length, stored: stored.size },
      'B logged',
      warnings,
    );
  }, 110_000);

  it('counts a PostgreSQL that accepts connections but never answers as unreachable (DATABASE_CONNECT_TIMEOUT_MS)', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const launched = launch(['src/main.ts'], {
        DATA_DIR: tempDir(),
        PORT: '0',
        HOST: '127.0.0.1',
        SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
        DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
        DATABASE_CONNECT_TIMEOUT_MS: '500',
      });
      const waiting = await eventually(
        () =>
          logLines(launched.stdout()).find((line) => line.msg.startsWith('waiting for PostgreSQL')),
        'a waiting line',
        45_000,
      );
      expect(waiting.msg).toBe(
        `waiting for PostgreSQL at 127.0.0.1:${port} (connection terminated); retrying in 1000 ms`,
      );
      launched.child.kill('SIGKILL');
    } finally {
      silent.close();
    }
  }, 60_000);
});
