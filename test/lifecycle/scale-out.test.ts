import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AppEventLogged, LogEvent } from '../support/operations.ts';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../support/databases.ts';
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

const scaledOut = Boolean(testServerUrl() && testRedisUrl());

describe.skipIf(!scaledOut)('two instances on one PostgreSQL and one Redis (needs DATABASE_URL and REDIS_URL)', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  const prefix = testRedisPrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { RATE_LIMIT_REQUESTS: '30' };
    [a, b] = await Promise.all([startServer({ database, redisPrefix: prefix, env }), startServer({ database, redisPrefix: prefix, env })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    await cleanRedisPrefix(prefix);
  });

  it('delivers an event logged on A to subscribers on B, with dates intact', async () => {
    const tenant = await a.newTenant('scale');
    const events = subscribe(b.wsClient(tenant.key), AppEventLogged, {});
    const audits = subscribe(b.wsClient(tenant.key), AuditEventRecordedScaleOut, {});
    await Promise.all([events.started, audits.started]);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const rest = await fetch(`${a.url}/run/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'via-rest', type: 'scaled' }),
    });
    expect(rest.status).toBe(201);
    await a.graphql(LogEvent, { input: { id: 'via-graphql', type: 'scaled' } }, { key: tenant.key });

    await eventually(() => events.received.length >= 2, 'both events on instance B');
    expect(events.received.map((message) => message.data!.appEventLogged.id)).toEqual(['via-rest', 'via-graphql']);
    expect(Number.isNaN(Date.parse(events.received[0].data!.appEventLogged.createdAt))).toBe(false);
    await eventually(() => audits.received.length >= 2, 'both audit events on instance B');
    expect(audits.received.map((message) => message.data!.auditEventRecorded.resourceId)).toEqual(['via-rest', 'via-graphql']);
  });

  it('accepts on B a key created on A, and shares its rate limit', async () => {
    const tenant = await a.newTenant('shared-limit');
    const onB = await b.graphql(ViewerTenant, {}, { key: tenant.key });
    expect(onB.data!.viewer!.tenantId).toBe(tenant.tenantId);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await (i % 2 ? a : b).graphql(ViewerTenant, {}, { key: tenant.key })).status);
    // 30 allowed in all, the first request above included.
    expect(statuses.filter((status) => status === 200)).toHaveLength(29);
    expect(statuses.slice(29)).toEqual([429, 429, 429]);
  });
});
