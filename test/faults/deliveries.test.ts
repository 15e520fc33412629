// The outbox under a crash: a server process killed with SIGKILL in the middle of a steady ingest
// whose events each go to a webhook endpoint. Every event the database holds must reach the
// receiver at least once, a repeat with the `webhook-id` of the first, and every acknowledged
// event must be in the database; clients retry what went unanswered with the same id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateApiKey, CreateTenant } from '../support/operations.ts';
import { cleanUpProcesses, graphqlAt, launch, logLines, tempDir } from '../support/processes.ts';
import { ADMIN_KEY, eventually } from '../support/switchboard.ts';
import { createPostgres, createRedisServer, type Postgres, type RedisServer } from './services.ts';

const EVENTS = 300;
const PER_SECOND = 50;
const KILL_AFTER = 150;

let postgres: Postgres | undefined;
let redis: RedisServer | undefined;
/** What reached the receiver: the app event's id and the delivery's `webhook-id`, in order. */
const received: { eventId: string; webhookId: string }[] = [];
const receiver = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const { data } = JSON.parse(body) as { data: { id: string } };
    received.push({ eventId: data.id, webhookId: String(request.headers['webhook-id']) });
    response.writeHead(204).end();
  });
});

afterAll(async () => {
  cleanUpProcesses();
  receiver.close();
  await redis?.stop();
  await postgres?.remove();
});

/** A server process on PORT=0; its URL once it listens (a loaded machine may take a minute). */
async function start(env: Record<string, string>) {
  const launched = launch(['src/main.ts'], {
    DATA_DIR: tempDir(),
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const listening = await eventually(
    () => logLines(launched.stdout()).find((line) => line.msg === 'Switchboard is listening'),
    'the server to listen',
    120_000,
  );
  return { ...launched, url: listening.url as string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rest = (url: string, path: string, key: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });

describe.skipIf(!process.env.DATABASE_URL)('webhook deliveries across a killed server', () => {
  it('delivers every stored event at least once, repeats with one webhook id', async () => {
    postgres = await createPostgres();
    redis = await createRedisServer();
    await Promise.all([postgres.start(), redis.start()]);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      SWITCHBOARD_ADMIN_KEY: ADMIN_KEY,
      RATE_LIMIT_REQUESTS: '1000000',
      OUTBOUND_ALLOWED_NETWORKS: 'loopback',
      DELIVERY_POLL_MS: '200',
      // A killed server's leases lapse (five timeouts and 30 s): its deliveries are sent again.
      DELIVERY_TIMEOUT_MS: '2000',
      EXECUTION_POLL_MS: '1000',
    };
    const first = await start(env);
    const tenantId = (await graphqlAt(first.url, CreateTenant, { name: 'faults' }, ADMIN_KEY)).data
      .createTenant.id as string;
    const key = (await graphqlAt(first.url, CreateApiKey, { name: 'faults', tenantId }, ADMIN_KEY))
      .data.createApiKey.secret as string;
    const endpoint = await rest(first.url, '/run/v1/webhooks/endpoints', key, {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      eventTypes: ['app_event.logged'],
    });
    expect(endpoint.status).toBe(201);

    // Steady ingest; what goes unanswered (the server dead or not yet replaced) is retried later.
    const acknowledged = new Set<string>();
    const unanswered = new Set<string>();
    const retried = new Set<string>();
    let target: string | null = first.url;
    const send = async (id: string) => {
      const url = target;
      unanswered.add(id);
      if (!url) return;
      try {
        const response = await rest(url, '/run/v1/events', key, { id, type: 'fault.delivery' });
        await response.body?.cancel();
        if (response.ok) {
          acknowledged.add(id);
          unanswered.delete(id);
        }
      } catch {
        // Unanswered: retried with the same id.
      }
    };
    const sends: Promise<void>[] = [];
    let second: Promise<unknown> | undefined;
    for (let index = 0; index < EVENTS; index++) {
      if (index === KILL_AFTER) {
        target = null;
        first.child.kill('SIGKILL');
        second = start(env).then((running) => (target = running.url));
      }
      sends.push(send(`fault-${index}`));
      await sleep(1000 / PER_SECOND);
    }
    await Promise.all(sends);
    await second;
    for (let round = 0; unanswered.size && round < 10; round++) {
      // One at a time, as a client working through its backlog (all at once time out on a loaded host).
      for (const id of [...unanswered]) {
        retried.add(id);
        await send(id);
      }
    }
    expect(unanswered.size).toBe(0);

    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      await eventually(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS pending FROM "WebhookDelivery" WHERE status = 'pending'`,
            )
          ).rows[0].pending === 0,
        'the deliveries to drain',
        240_000,
      );
      const stored = (await db.query<{ id: string }>(`SELECT id FROM "AppEvent"`)).rows.map(
        (row) => row.id,
      );
      const webhookIds = new Map<string, Set<string>>();
      for (const { eventId, webhookId } of received) {
        webhookIds.set(eventId, (webhookIds.get(eventId) ?? new Set()).add(webhookId));
      }
      const figures = {
        sent: EVENTS,
        retried: retried.size,
        acknowledged: acknowledged.size,
        committed: stored.length,
        delivered: webhookIds.size,
        requests: received.length,
        duplicates: received.length - webhookIds.size,
      };
      console.log('webhook deliveries across a killed server:', figures);
      expect(stored.filter((id) => !webhookIds.has(id))).toEqual([]);
      expect([...webhookIds].filter(([, ids]) => ids.size > 1)).toEqual([]);
      expect([...acknowledged].filter((id) => !stored.includes(id))).toEqual([]);
      expect(acknowledged.size).toBe(EVENTS);
    } finally {
      await db.end();
    }
  }, 600_000);
});
