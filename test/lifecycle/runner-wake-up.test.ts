// The runner looks for work when an execution is created, not only every EXECUTION_POLL_MS: a
// creation that commits while the runner is in the middle of a round (its claim already looked)
// must not wait for the next poll. The poll here is ten minutes, so a lost wake-up shows as a hang.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startServer({ env: { EXECUTION_POLL_MS: '600000' } });
  ({ key } = await server.newTenant());
});
afterAll(() => server?.stop());

it('runs every execution created while it claims others, without waiting for a poll', async () => {
  for (let round = 0; round < 2; round++) {
    const streams = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.url}/run/api/executions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ messages: [{ role: 'user', content: `hello ${round}.${i}` }] }),
        }).then((response) => response.text()),
      ),
    );
    for (const stream of streams) expect(stream).toContain('event: finished');
  }
}, 90_000);
