// What a page of app events reads: the columns its nodes select and the cursor's, not whole rows,
// in one JSON array confined to the caller's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiKey, CreateProject } from '../support/operations.ts';
import { ADMIN_KEY, startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;
let tenantId: string;
let statements: string[] = [];

beforeAll(async () => {
  server = await startServer({ onQuery: (sql) => statements.push(sql) });
  ({ key, tenantId } = await server.newTenant('columns'));
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
    (sql) => /FROM "(public"\.")?AppEvent"/.test(sql) && sql.includes('ORDER BY'),
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
    const names = [...sql.matchAll(/"(\w+)"/g)].map((match) => match[1]);
    const columns = names.filter((name) => name !== 'public' && name !== 'AppEvent');
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

/** The page of `args` read as columns (one JSON array) and as whole rows (Prisma): the same answer. */
async function bothWays(args: string) {
  const fields = 'edges { cursor node { id type } } pageInfo { hasNextPage hasPreviousPage }';
  const { data: columns, sql: read } = await page(`{ appEvents(${args}) { ${fields} } }`);
  expect(read).toContain('json_agg');
  const { data: rows, sql } = await page(
    `{ appEvents(${args}) { ${fields.replace('type', 'type globalId')} } }`,
  );
  expect(sql).toContain('"serverMetadata"');
  for (const edge of rows.appEvents.edges) delete edge.node.globalId;
  expect(columns).toEqual(rows);
  return columns.appEvents;
}

describe('a page of appEvents read as columns', () => {
  it('pages, filters and follows cursors as the Prisma read does', async () => {
    const first = await bothWays('first: 2');
    expect(first.edges.map((edge: any) => edge.node.id)).toEqual(['col-3', 'col-2']);
    const after = first.edges[0].cursor as string;
    expect((await bothWays(`first: 5, after: "${after}"`)).edges).toHaveLength(2);
    await bothWays(`last: 1, before: "${after}"`);
    await bothWays('last: 2');
    await bothWays('first: 2, filter: { type: "columns" }');
    await bothWays('first: 2, filter: { type: "none" }');
    const later = new Date(Date.now() + 60_000).toISOString();
    await bothWays(`first: 2, filter: { from: "2020-01-01T00:00:00Z", to: "${later}" }`);
    await bothWays(`first: 2, filter: { from: "${later}" }`);
    // A cursor no row has: Prisma answers no rows.
    const decoded = Buffer.from(after, 'base64').toString();
    const missing = Buffer.from(decoded.replace(/\d+(?=\D*$)/, '999999999')).toString('base64');
    expect((await bothWays(`first: 2, after: "${missing}"`)).edges).toEqual([]);
  });

  it('shows a key only the rows of its scope: its tenant, and its project for a project key', async () => {
    const other = await server.newTenant('columns-other');
    const logWith = (bearer: string, id: string) =>
      fetch(`${server.url}/run/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id, type: 'columns' }),
      });
    await logWith(other.key, 'other-1');
    const project = await server.graphql(
      CreateProject,
      { name: 'columns-project', tenantId },
      { key: ADMIN_KEY },
    );
    const projectKey = await server.graphql(
      CreateApiKey,
      { name: 'columns-project', tenantId, projectId: project.data!.createProject.id },
      { key: ADMIN_KEY },
    );
    const keyOfProject = projectKey.data!.createApiKey.secret;
    await logWith(keyOfProject, 'project-1');
    const ids = async (bearer: string, args = 'first: 50') => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ appEvents(${args}) { edges { cursor node { id } } } }`,
        }),
      });
      const { data } = (await response.json()) as { data: any };
      return data.appEvents.edges.map((edge: any) => edge.node.id) as string[];
    };
    expect(await ids(key)).toEqual(['project-1', 'col-3', 'col-2', 'col-1']);
    expect(await ids(keyOfProject)).toEqual(['project-1']);
    expect(await ids(other.key)).toEqual(['other-1']);
    // Another tenant's cursor pages through the caller's own rows only.
    const [otherCursor] = (
      (await (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${other.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ appEvents(first: 1) { edges { cursor } } }' }),
        })
      ).json()) as { data: any }
    ).data.appEvents.edges.map((edge: any) => edge.cursor);
    expect(await ids(key, `last: 50, before: "${otherCursor}"`)).not.toContain('other-1');
    expect(await ids(keyOfProject, `first: 50, after: "${otherCursor}"`)).not.toContain('other-1');
  });
});
