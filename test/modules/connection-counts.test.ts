// Counted connections send their total count beside the page query, not after it: one round trip
// of waiting instead of two (each on its own pool connection on PostgreSQL).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '../support/databases.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startServer();
  key = (await server.newTenant('counts')).key;
});
afterAll(() => server?.stop());

const connections = [
  ['AuditEvent', '{ auditEvents(first: 2) { totalCount edges { node { id } } } }'],
  [
    'AuditEvent',
    '{ auditEventsByCorrelation(correlationId: "c", first: 2) { totalCount edges { node { id } } } }',
  ],
  [
    'AuditEvent',
    '{ auditEventsByResource(resourceType: AGENT, resourceId: "r", first: 2) { totalCount edges { node { id } } } }',
  ],
  ['Execution', '{ executions(first: 2) { totalCount edges { node { id } } } }'],
  ['WebhookDelivery', '{ webhookDeliveries(first: 2) { totalCount edges { node { id } } } }'],
  ['LlmEvent', '{ llmEvents(first: 2) { totalCount edges { node { id } } } }'],
  ['Trigger', '{ triggers(agentId: "nobody", first: 2) { totalCount edges { node { id } } } }'],
] as const;

describe.skipIf(!testServerUrl())('counted connections on PostgreSQL', () => {
  it.each(connections)('%s: %s sends the count beside the page', async (table, query) => {
    const database = new pg.Client({ connectionString: server.database.databaseUrl });
    // pg_stat_activity is read outside the locking transaction, which would see one snapshot of it.
    const watcher = new pg.Client({ connectionString: server.database.databaseUrl });
    await Promise.all([database.connect(), watcher.connect()]);
    try {
      await database.query('BEGIN');
      await database.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
      const answered = fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }).then((response) => response.json() as Promise<{ data?: any; errors?: unknown }>);
      // Both statements wait for the lock together only if the count was sent before the page came back.
      await eventually(async () => {
        // The server's own statements (Prisma names tables with their schema), not a worker's poll.
        const { rows } = await watcher.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE '%"public"."${table}"%'`,
        );
        return rows[0].waiting === 2;
      }, 'the page query and the count to wait for the table together');
      await database.query('ROLLBACK');
      const body = await answered;
      expect(body.errors).toBeUndefined();
      const { totalCount, edges } = Object.values(body.data)[0] as {
        totalCount: number;
        edges: [];
      };
      expect(totalCount).toBeGreaterThanOrEqual(edges.length);
    } finally {
      await Promise.all([database.end(), watcher.end()]);
    }
  });
});
