// Two Switchboard instances on one PostgreSQL database and one Redis (same key prefix) behave as
// one service: events, subscriptions, keys and the per-key rate limit cross instances. Needs a real
// PostgreSQL and Redis (PGlite and the in-process bus are per process); CI runs the suite again
// with both set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../support/databases.ts';
import { AppEventLogged, CreateApiKey, LogEvent } from '../support/operations.ts';
import { cleanRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const AuditEventRecordedScaleOut = graphql(`
  subscription AuditEventRecordedScaleOut {
    auditEventRecorded {
      eventType
      resourceId
      occurredAt
    }
  }
`);

const ViewerTenant = graphql(`
  query ViewerTenant {
    viewer {
      tenantId
    }
  }
`);

const RevokeApiKeyScaleOut = graphql(`
  mutation RevokeApiKeyScaleOut($id: ID!) {
    revokeApiKey(id: $id) {
      revokedAt
    }
  }
`);

const missing = [
  ...(testServerUrl() ? [] : ['TEST_DATABASE_URL or DATABASE_URL']),
  ...(testRedisUrl() ? [] : ['TEST_REDIS_URL or REDIS_URL']),
];
const title = 'two instances on one PostgreSQL and one Redis';

/** Two instances on one database and one Redis prefix; stop() stops both and drops what they shared. */
async function startPair(env: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase();
  const redisPrefix = testRedisPrefix();
  const servers: TestServer[] = [];
  const stop = async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await database.drop();
    await cleanRedisPrefix(redisPrefix);
  };
  try {
    servers.push(await startServer({ database, redisPrefix, env }));
    servers.push(await startServer({ database, redisPrefix, env }));
  } catch (error) {
    await stop();
    throw error;
  }
  return { a: servers[0], b: servers[1], stop };
}

const postEvent = (server: TestServer, key: string, body: Record<string, unknown>) =>
  fetch(`${server.url}/run/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.skipIf(missing.length > 0)(
  missing.length ? `${title} (skipped: needs ${missing.join(' and ')})` : title,
  () => {
    describe('events, subscriptions and keys', () => {
      let pair: Awaited<ReturnType<typeof startPair>>;
      let tenant: { tenantId: string; key: string; keyId: string };

      beforeAll(async () => {
        pair = await startPair();
        tenant = await pair.a.newTenant('scale-out');
      });
      afterAll(() => pair?.stop());

      it('accepts on B a key created on A', async () => {
        const onB = await pair.b.graphql(ViewerTenant, {}, { key: tenant.key });
        expect(onB.status).toBe(200);
        expect(onB.data!.viewer!.tenantId).toBe(tenant.tenantId);
        const rest = await postEvent(pair.b, tenant.key, { id: 'made-on-b', type: 'key-check' });
        expect(rest.status).toBe(201);
      });

      it('refuses a key revoked on A on both instances within a second, though both had used it', async () => {
        const created = await pair.a.graphql(
          CreateApiKey,
          { name: 'revoked-across' },
          { key: tenant.key },
        );
        const { secret, apiKey } = created.data!.createApiKey;
        for (const server of [pair.a, pair.b])
          expect((await server.graphql(ViewerTenant, {}, { key: secret })).status).toBe(200);

        const revoked = await pair.a.graphql(
          RevokeApiKeyScaleOut,
          { id: apiKey.id },
          { key: tenant.key },
        );
        expect(revoked.data!.revokeApiKey.revokedAt).toBeTruthy();
        const refusedOn = async (server: TestServer) => {
          const result = await server.graphql(ViewerTenant, {}, { key: secret });
          return result.errors?.[0].extensions?.code === 'UNAUTHENTICATED';
        };
        await eventually(
          async () => (await refusedOn(pair.a)) && (await refusedOn(pair.b)),
          'the revoked key refused on A and B',
          1_000,
        );
        // Refused for good, not only once.
        expect(await refusedOn(pair.b)).toBe(true);
        expect(await refusedOn(pair.a)).toBe(true);
      });

      it('delivers events logged on A (REST and GraphQL) to appEventLogged and auditEventRecorded subscribers on B', async () => {
        const events = subscribe(pair.b.wsClient(tenant.key), AppEventLogged, {
          filter: { type: 'scaled' },
        });
        const audits = subscribe(pair.b.wsClient(tenant.key), AuditEventRecordedScaleOut, {});
        const onA = subscribe(pair.a.wsClient(tenant.key), AppEventLogged, {
          filter: { type: 'scaled' },
        });
        const subscribers = [events, audits, onA];
        await Promise.all(subscribers.map((subscriber) => subscriber.started));

        // "connected" does not mean B's Redis SUBSCRIBE is in place: log warm-up events on A (one per
        // 250 ms) until every subscriber has one, rather than sleeping for a guessed time.
        const deadline = Date.now() + 15_000;
        let warmups = 0;
        while (!subscribers.every((subscriber) => subscriber.received.length > 0)) {
          if (Date.now() > deadline)
            throw new Error('timed out waiting for a warm-up event on every subscriber');
          warmups += 1;
          expect(
            (await postEvent(pair.a, tenant.key, { id: `warmup-${warmups}`, type: 'scaled' }))
              .status,
          ).toBe(201);
          await eventually(
            () => subscribers.every((subscriber) => subscriber.received.length > 0),
            'warm-up',
            250,
          ).catch(() => {});
        }

        const rest = await postEvent(pair.a, tenant.key, {
          id: 'via-rest',
          type: 'scaled',
          conversationId: 'c-rest',
        });
        expect(rest.status).toBe(201);
        const logged = await pair.a.graphql(
          LogEvent,
          { input: { id: 'via-graphql', type: 'scaled' } },
          { key: tenant.key },
        );
        expect(logged.errors).toBeUndefined();
        expect(logged.data!.logEvent.created).toBe(true);

        const real = (ids: (string | undefined)[]) =>
          ids.filter((id) => id && !id.startsWith('warmup-'));
        const eventIds = (subscriber: typeof events) =>
          real(subscriber.received.map((message) => message.data?.appEventLogged.id));
        const auditIds = () =>
          real(audits.received.map((message) => message.data?.auditEventRecorded.resourceId));
        await eventually(
          () => eventIds(events).length >= 2,
          'both events on B’s appEventLogged subscriber',
          10_000,
        );
        await eventually(
          () => auditIds().length >= 2,
          'both audit events on B’s auditEventRecorded subscriber',
          10_000,
        );
        await eventually(
          () => eventIds(onA).length >= 2,
          'both events on A’s own subscriber',
          10_000,
        );

        // one publisher, so Redis keeps the order
        expect(eventIds(events)).toEqual(['via-rest', 'via-graphql']);
        expect(auditIds()).toEqual(['via-rest', 'via-graphql']);
        expect(eventIds(onA)).toEqual(['via-rest', 'via-graphql']);
        const restEvent = events.received.find(
          (message) => message.data?.appEventLogged.id === 'via-rest',
        )!.data!.appEventLogged;
        expect(restEvent).toMatchObject({ type: 'scaled', conversationId: 'c-rest' });
        expect(Number.isNaN(Date.parse(restEvent.createdAt))).toBe(false); // the Date survived the trip over Redis
        const audit = audits.received.find(
          (message) => message.data?.auditEventRecorded.resourceId === 'via-graphql',
        )!.data!.auditEventRecorded;
        expect(audit.eventType).toBe('app_event.logged');
        expect(Number.isNaN(Date.parse(audit.occurredAt))).toBe(false);

        // published once: nobody receives an event twice
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(eventIds(events)).toHaveLength(2);
        expect(auditIds()).toHaveLength(2);
        expect(eventIds(onA)).toHaveLength(2);
        for (const subscriber of subscribers) expect(subscriber.failure).toBeUndefined();
      });
    });

    // 6: every request asks Redis. 200: each instance takes two points of the budget at a time and
    // counts the requests in between in memory; the shared budget must stay exact all the same.
    describe.each([6, 200])('rate limit of %i requests', (limit) => {
      let pair: Awaited<ReturnType<typeof startPair>>;
      let key: string;

      beforeAll(async () => {
        pair = await startPair({
          RATE_LIMIT_REQUESTS: String(limit),
          RATE_LIMIT_WINDOW_SECONDS: '120',
        });
        ({ key } = await pair.a.newTenant('shared-limit'));
      });
      afterAll(() => pair?.stop());

      it('shares one budget per key across instances, REST and GraphQL alike', async () => {
        // Alternating B and A: with a budget per instance, the last two requests would still pass.
        // GraphQL spends all but two points, then REST spends those and is refused.
        const alternate = (i: number) => (i % 2 === 0 ? pair.b : pair.a);
        for (let i = 0; i < limit - 2; i += 1)
          expect((await alternate(i).graphql(ViewerTenant, {}, { key })).status).toBe(200);
        const statuses: number[] = [];
        let refused: Response | undefined;
        for (let i = limit - 2; i < limit + 2; i += 1) {
          const response = await postEvent(alternate(i), key, { id: `rate-${i}`, type: 'rate' });
          statuses.push(response.status);
          if (response.status === 429) refused ??= response;
          else await response.body?.cancel();
        }
        expect(statuses).toEqual([201, 201, 429, 429]);
        expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await refused!.json()).toMatchObject({ status: 429, code: 'too_many_requests' });

        for (const server of [pair.a, pair.b]) {
          const result = await server.graphql(ViewerTenant, {}, { key });
          expect(result.status).toBe(429);
          expect(result.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
        }
      });
    });
  },
);
