// What a page of app events reads: the columns its nodes select and the cursor's, not whole rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;
let statements: string[] = [];

beforeAll(async () => {
  server = await startServer({ onQuery: (sql) => statements.push(sql) });
  key = (await server.newTenant('columns')).key;
  for (const id of ['col-1', 'col-2', 'col-3'])
    await fetch(`${server.url}/run/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, type: 'columns', properties: { id }, metadata: { big: 'x' } }),
    });
});
afterAll(() => server?.stop());

/** The answer to `query` and the page statement it sent. */
async function page(query: string) {
  statements = [];
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const pages = statements.filter(
    (sql) => sql.includes('FROM "public"."AppEvent"') && sql.includes('ORDER BY'),
  );
  expect(pages).toHaveLength(1);
  return { data: body.data, sql: pages[0] };
}

describe('a page of appEvents', () => {
  it('reads the columns its nodes select, fragments included, and the cursor’s', async () => {
    const { data, sql } = await page(`{
      appEvents(first: 2) { edges { cursor node { id ...More } } pageInfo { endCursor } }
    }
    fragment More on AppEvent { __typename kind: type createdAt properties }`);
    expect(data.appEvents.edges.map((edge: any) => edge.node)).toEqual([
      expect.objectContaining({ id: 'col-3', kind: 'columns', properties: { id: 'col-3' } }),
      expect.objectContaining({ id: 'col-2', kind: 'columns', properties: { id: 'col-2' } }),
    ]);
    const columns = [...sql.matchAll(/"AppEvent"\."(\w+)"/g)].map((match) => match[1]);
    expect(new Set(columns)).toEqual(
      new Set(['seq', 'id', 'type', 'createdAt', 'properties', 'tenantId']),
    );
  });

  it('reads whole rows when a node field is not a column of its own', async () => {
    const { data, sql } = await page(
      '{ appEvents(first: 1) { edges { node { globalId metadata } } } }',
    );
    expect(data.appEvents.edges[0].node).toMatchObject({ metadata: { big: 'x' } });
    expect(sql).toContain('"serverMetadata"');
  });
});
