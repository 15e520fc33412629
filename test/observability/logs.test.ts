import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogEvent } from '../support/operations.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const written: string[] = [];
const lines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    env: { TRUST_PROXY: 'loopback' },
    logTo: { write: (line) => written.push(line) },
  });
});
afterAll(() => server?.stop());

describe('logs', () => {
  it('say at start what the server runs on', () => {
    expect(lines().find((line) => line.msg === 'Switchboard services are starting')).toMatchObject({
      database: process.env.DATABASE_URL ? 'postgres' : 'embedded',
      pubsub: process.env.REDIS_URL ? 'redis' : 'in-process',
    });
    expect(lines().some((line) => /migrations|schema is up to date/.test(String(line.msg)))).toBe(
      true,
    );
    expect(lines().find((line) => line.msg === 'Switchboard is listening')).toHaveProperty('url');
  });

  it('carry each request’s GraphQL operation and tenant', async () => {
    const { key, tenantId } = await server.newTenant('logs');
    await server.graphql(LogEvent, { input: { type: 'logged' } }, { key });
    const line = await eventually(
      () => lines().find((line) => line.msg === 'request' && line.operationName === 'LogEvent'),
      'the request line',
    );
    expect(line).toMatchObject({ tenantId, path: '/graphql', status: 200 });
    expect(line.requestId).toEqual(expect.any(String));
    console.log(JSON.stringify(line));
  });
});

describe('the client address behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  it('is the one X-Forwarded-For names', async () => {
    const { key } = await server.newTenant('proxied');
    const ipOf = async (headers: Record<string, string>) =>
      (await server.graphql(LogEvent, { input: { type: 'proxied' } }, { key, headers })).data!
        .logEvent.event.serverMetadata;
    expect(await ipOf({ 'x-forwarded-for': '203.0.113.7' })).toMatchObject({ ip: '203.0.113.7' });
    // The nearest untrusted hop wins: a client cannot slip an address in front of it.
    expect(await ipOf({ 'x-forwarded-for': '198.51.100.9, 203.0.113.7' })).toMatchObject({
      ip: '203.0.113.7',
    });
    expect(await ipOf({})).toMatchObject({ ip: '127.0.0.1' });
  });
});
