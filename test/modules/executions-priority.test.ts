// Requests before background work: webhooks keep being answered while the executions they started
// run, instead of at the pace those executions finish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/switchboard.ts';

const WEBHOOKS = 60;
const SENDERS = 10;

let server: TestServer;
let statements: string[] = [];

beforeAll(async () => {
  server = await startServer({
    env: { RATE_LIMIT_WEBHOOK_REQUESTS: '100000' },
    onQuery: (sql) => statements.push(sql),
  });
});
afterAll(() => server?.stop());

/** One LLM event per model call: a run of the echo agent has ended its only step. */
const endsRun = (sql: string) => sql.includes('INSERT INTO "LlmEvent"');

describe('webhooks while their executions run', () => {
  it('are all answered before most of those executions end', { timeout: 120_000 }, async () => {
    const { key, tenantId } = await server.newTenant('priority');
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/telemetry/v1/agents', { agent_name: 'echo' })).status).toBeLessThan(300);
    const created = await post(
      `/manage/tenants/${tenantId}/projects/default/agents/echo/triggers`,
      {
        id: 'hook',
        name: 'hook',
        authentication: { type: 'header', header: 'X-Token', value: 'token-1' },
      },
    );
    const url = `${server.url}${new URL((await created.json()).data.webhookUrl).pathname}`;
    const deliver = async (n: number) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-token': 'token-1' },
        body: JSON.stringify({ n }),
      });
      expect(response.status).toBe(202);
      await response.body?.cancel();
    };

    statements = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < WEBHOOKS) await deliver(next++);
      }),
    );
    // Each webhook started an execution (the echo agent's one step); run first, they would
    // have held every answer up until nearly all of them had ended.
    expect(statements.filter(endsRun).length).toBeLessThan(WEBHOOKS / 2);
  });
});
