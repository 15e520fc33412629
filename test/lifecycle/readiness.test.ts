import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/redis.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

/** Without a socket, so the answer does not race the listener closing. */
const get = (path: string) =>
  server.switchboard.fetch(new Request(`http://switchboard.test${path}`));

describe('readiness', () => {
  it('is ready with the database and pub/sub it uses', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      database: server.database.kind,
      pubsub: testRedisUrl() ? 'redis' : 'in-process',
      publishFailures: 0,
    });
  });

  it('answers 503 on /readyz (and on the API) as soon as draining starts, while /healthz stays 200', async () => {
    const stopping = server.switchboard.shutdown();
    try {
      const ready = await get('/readyz');
      expect(ready.status).toBe(503);
      await ready.body?.cancel();

      const api = await server.switchboard.fetch(
        new Request('http://switchboard.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
      );
      expect(api.status).toBe(503);
      expect(api.headers.get('connection')).toBe('close');
      expect(await api.json()).toMatchObject({ status: 503, code: 'service_unavailable' });

      // liveness: the process is fine, it is only leaving the load balancer
      const health = await get('/healthz');
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      await stopping;
    }
    // still "not ready" after the drain, with the database closed
    const after = await get('/readyz');
    expect(after.status).toBe(503);
    await after.body?.cancel();
  });
});
